export * from './errors';
export * from './http';
export * from './alerts';
export * from './jobs';
export * from './memes';
export * from './profiles';
export * from './root-causes';
