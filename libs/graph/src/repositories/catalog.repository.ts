import type { Neo4jClient } from '../neo4j-client';

/** A built-in meme as stored in the graph (flat: Neo4j properties cannot nest). */
export interface MemeSeedRow {
  id: string;
  classId: string;
  symbol: string;
  color: string;
  captionZh: string;
  captionEn: string;
  explanationZh: string;
  explanationEn: string;
  origin: string;
}

/**
 * Built-in data shipped with the code (the meme catalog). Seeding runs at every start and is
 * idempotent: MERGE by key, then overwrite the built-in fields so the graph follows the code.
 */
export class CatalogRepository {
  constructor(private readonly db: Neo4jClient) {}

  async seedMemes(rows: MemeSeedRow[]): Promise<void> {
    await this.db.write(
      `UNWIND $rows AS row
       MERGE (r:RootCause {classId: row.classId})
       MERGE (m:Meme {id: row.id})
       SET m.builtin = true, m.classId = row.classId, m.symbol = row.symbol, m.color = row.color,
           m.captionZh = row.captionZh, m.captionEn = row.captionEn,
           m.explanationZh = row.explanationZh, m.explanationEn = row.explanationEn, m.origin = row.origin
       MERGE (m)-[:STANDS_FOR]->(r)`,
      { rows },
    );
  }

  /**
   * The built-in knowledge base on the RootCause nodes (keyed by classId), versioned: the
   * nodes carry kbVersion, and re-seeding with the same version rewrites the same values.
   */
  async seedKnowledge(rows: (Record<string, string | string[]> & { id: string })[]): Promise<void> {
    await this.db.write(
      `UNWIND $rows AS row
       MERGE (r:RootCause {classId: row.id})
       SET r.domain = row.domain, r.kbVersion = row.kbVersion, r.titleEn = row.titleEn, r.titleZh = row.titleZh,
           r.summaryEn = row.summaryEn, r.summaryZh = row.summaryZh, r.alertRules = row.alertRules,
           r.relatedAlertRules = row.relatedAlertRules, r.signals = row.signals, r.confusableWith = row.confusableWith,
           r.runbookTitles = row.runbookTitles, r.runbookCommands = row.runbookCommands, r.runbookWhy = row.runbookWhy,
           r.verificationNames = row.verificationNames, r.verificationPromql = row.verificationPromql,
           r.verificationExpect = row.verificationExpect, r.rollback = row.rollback`,
      { rows },
    );
  }

  async countBuiltinMemes(): Promise<number> {
    const rows = await this.db.read<{ n: number }>('MATCH (m:Meme {builtin: true})-[:STANDS_FOR]->(:RootCause) RETURN count(m) AS n');
    return rows[0]?.n ?? 0;
  }
}
