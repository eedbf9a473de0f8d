export * from './promql';
export * from './publish-check';
