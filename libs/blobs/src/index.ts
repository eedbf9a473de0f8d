export * from './blob-store';
export * from './fs-blob-store';
