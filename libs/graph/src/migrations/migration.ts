import type { Neo4jClient } from '../neo4j-client';

/** A versioned schema or seed step. Every step must be idempotent: migrations run at each start. */
export interface Migration {
  version: number;
  description: string;
  up(db: Neo4jClient): Promise<void>;
}
