export * from './guarded-fetch';
export * from './target-policy';
