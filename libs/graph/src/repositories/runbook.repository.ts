import type { Neo4jClient } from '../neo4j-client';

export interface RunbookToStore {
  alertName: string;
  title: string;
  path: string;
  meaning: string;
  impact: string;
  diagnosis: string;
  mitigation: string;
  commands: string[];
  classId: string | null;
  confidence: number | null;
}

/** Imported alert runbooks, linked to the root cause their alert signals when the engine is confident. */
export class RunbookRepository {
  constructor(private readonly db: Neo4jClient) {}

  async upsert(runbooks: RunbookToStore[]): Promise<void> {
    await this.db.write(
      `UNWIND $runbooks AS rb
       MERGE (r:Runbook {alertName: rb.alertName})
       SET r.title = rb.title, r.path = rb.path, r.meaning = rb.meaning, r.impact = rb.impact, r.diagnosis = rb.diagnosis,
           r.mitigation = rb.mitigation, r.commands = rb.commands, r.importedAt = datetime()
       WITH r, rb
       OPTIONAL MATCH (r)-[old:INDICATES]->(:RootCause)
       DELETE old
       WITH DISTINCT r, rb WHERE rb.classId IS NOT NULL
       MERGE (rc:RootCause {classId: rb.classId})
       MERGE (r)-[i:INDICATES]->(rc) SET i.confidence = rb.confidence`,
      { runbooks },
    );
  }

  async linkedTo(classId: string): Promise<{ alertName: string; confidence: number }[]> {
    return this.db.read('MATCH (r:Runbook)-[i:INDICATES]->(:RootCause {classId: $classId}) RETURN r.alertName AS alertName, i.confidence AS confidence ORDER BY confidence DESC', { classId });
  }
}
