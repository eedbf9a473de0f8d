import neo4j from 'neo4j-driver';
import type { Neo4jClient } from '../neo4j-client';

export interface GraphExample {
  text: string;
  classId: string;
  /** Published incidents are confirmed; feedback says whether the class was right for the text. */
  kind: 'published' | 'feedback-correct' | 'feedback-wrong';
}

/** Diagnoses made on request, their inputs, and engineers' verdicts: what the model learns from. */
export class TrainingRepository {
  constructor(private readonly db: Neo4jClient) {}

  async recordDiagnosis(d: { id: string; inputText: string; topClassId?: string; topConfidence?: number; rankingJson: string; modelVersion: string }): Promise<void> {
    await this.db.write(
      `CREATE (:Diagnosis {id: $id, inputText: $inputText, topClassId: $topClassId, topConfidence: $topConfidence,
                           rankingJson: $rankingJson, modelVersion: $modelVersion, source: 'api', createdAt: datetime()})`,
      { ...d, topClassId: d.topClassId ?? null, topConfidence: d.topConfidence ?? null },
    );
  }

  /** Returns false when the diagnosis does not exist. */
  async recordFeedback(f: { diagnosisId: string; classId: string; correct: boolean; engineer: string }): Promise<boolean> {
    const rows = await this.db.write<{ ok: boolean }>(
      `MATCH (d:Diagnosis {id: $diagnosisId})
       MERGE (e:Engineer {name: $engineer})
       MERGE (r:RootCause {classId: $classId})
       CREATE (e)-[:GAVE_FEEDBACK {classId: $classId, correct: $correct, at: datetime()}]->(d)
       MERGE (d)-[v:VERDICT {classId: $classId}]->(r) SET v.correct = $correct, v.at = datetime()
       RETURN true AS ok`,
      f,
    );
    return rows.length > 0;
  }

  /**
   * Every example the graph holds: published meme runbooks (confirmed class) and verdicts on
   * diagnoses (latest verdict per diagnosis and class). Ordered for deterministic training.
   */
  async examples(limit = 20_000): Promise<GraphExample[]> {
    const published = await this.db.read<GraphExample>(
      `MATCH (m:Meme {status: 'published'})-[:ILLUSTRATES]->(i:Incident)-[:CAUSED_BY]->(rc:RootCause)
       RETURN trim(coalesce(m.caption, '') + '\\n' + coalesce(m.ocrText, '') + '\\n' + coalesce(i.title, '')) AS text, rc.classId AS classId, 'published' AS kind
       ORDER BY m.id LIMIT $limit`,
      { limit: neo4j.int(limit) },
    );
    const verdicts = await this.db.read<GraphExample>(
      `MATCH (d:Diagnosis)-[v:VERDICT]->(rc:RootCause)
       WHERE d.inputText IS NOT NULL OR (d)<-[:DIAGNOSED_AS]-(:Alert)
       OPTIONAL MATCH (a:Alert)-[:DIAGNOSED_AS]->(d)
       RETURN coalesce(d.inputText, a.name + '\\n' + coalesce(a.annotationsJson, '')) AS text, rc.classId AS classId,
              CASE WHEN v.correct THEN 'feedback-correct' ELSE 'feedback-wrong' END AS kind
       ORDER BY d.id, rc.classId LIMIT $limit`,
      { limit: neo4j.int(limit) },
    );
    return [...published, ...verdicts].filter((e) => e.text && e.text.trim().length > 0);
  }
}
