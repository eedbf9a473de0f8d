export * from './knowledge.schema';
export * from './knowledge-base';
export { KNOWLEDGE_VERSION } from './data';
