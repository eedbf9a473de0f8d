export * from './migrations';
export * from './neo4j-client';
export * from './repositories/alert.repository';
export * from './repositories/capture.repository';
export * from './repositories/catalog.repository';
export * from './repositories/incident.repository';
export * from './repositories/meme.repository';
export * from './repositories/profile.repository';
