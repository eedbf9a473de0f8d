import { CatalogRepository, migrate, type Neo4jClient } from '@memegraph/graph';
import { memeSeedRows } from '@memegraph/memes';
import type { Logger } from '@memegraph/telemetry';

/** Schema migrations, then the built-in data (idempotent: safe at every start). */
export async function prepareGraph(db: Neo4jClient, log: Logger): Promise<void> {
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'neo4j migrations applied');
  await new CatalogRepository(db).seedMemes(memeSeedRows());
}
