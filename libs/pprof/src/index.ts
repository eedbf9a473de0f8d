export * from './decode';
export * from './limits';
export * from './summary';
