export * from './normalize';
export * from './signatures';
export * from './enrichment-diagram';
export * from './sinks';
export * from './read-through';
