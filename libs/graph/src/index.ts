export * from './migrations';
export * from './neo4j-client';
export * from './repositories/profile.repository';
