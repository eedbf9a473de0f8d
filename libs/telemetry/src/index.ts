export * from './logger';
export * from './sdk';
export * from './tracing';
export * from './run-service';
