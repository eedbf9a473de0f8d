import { CatalogRepository, migrate, type Neo4jClient } from '@memegraph/graph';
import { knowledgeSeedRows } from '@memegraph/knowledge';
import { memeSeedRows } from '@memegraph/memes';
import type { Logger } from '@memegraph/telemetry';

/** Schema migrations, then the built-in data (idempotent: safe at every start). */
export async function prepareGraph(db: Neo4jClient, log: Logger): Promise<void> {
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'neo4j migrations applied');
  const catalog = new CatalogRepository(db);
  await catalog.seedKnowledge(knowledgeSeedRows());
  await catalog.seedMemes(memeSeedRows());
}
