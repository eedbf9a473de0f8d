export * from './normalize';
export * from './signatures';
