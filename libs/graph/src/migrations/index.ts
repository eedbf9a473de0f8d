import type { Neo4jClient } from '../neo4j-client';
import { constraints001 } from './001-constraints';
import { rootCauses002 } from './002-root-causes';
import { alertIndexes003 } from './003-alert-indexes';
import { graphSearch004 } from './004-graph-search';
import { runbooks005 } from './005-runbooks';
import type { Migration } from './migration';

export type { Migration };

/** In version order. Append only: never edit a migration that has shipped. */
export const migrations: Migration[] = [constraints001, rootCauses002, alertIndexes003, graphSearch004, runbooks005];

/**
 * Applies every migration newer than the recorded version. Safe to run concurrently from the
 * api and worker and on every start: each step is idempotent and recorded by MERGE.
 */
export async function migrate(db: Neo4jClient, list: Migration[] = migrations): Promise<number[]> {
  // The api and the worker may start together: concurrent schema changes can deadlock in
  // Neo4j, which is transient. Retrying is safe because every step is idempotent.
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(db, list);
    } catch (err) {
      const code = String((err as { code?: string }).code ?? '');
      if (attempt >= 5 || !/TransientError|DeadlockDetected|LockClient/.test(code)) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt + Math.floor(Math.random() * 200)));
    }
  }
}

async function migrateOnce(db: Neo4jClient, list: Migration[]): Promise<number[]> {
  const rows = await db.read<{ v: number | null }>('MATCH (m:Migration) RETURN max(m.version) AS v');
  const current = rows[0]?.v ?? 0;
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    await m.up(db);
    await db.write('MERGE (m:Migration {version: $version}) ON CREATE SET m.description = $description, m.appliedAt = datetime()', {
      version: m.version,
      description: m.description,
    });
    applied.push(m.version);
  }
  return applied;
}
