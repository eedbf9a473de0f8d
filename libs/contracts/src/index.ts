export * from './errors';
export * from './http';
export * from './jobs';
export * from './profiles';
export * from './root-causes';
