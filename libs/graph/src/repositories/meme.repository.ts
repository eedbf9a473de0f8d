import { type MemeSubmission, type RunbookDraft } from '@memegraph/contracts';
import neo4j from 'neo4j-driver';
import type { Neo4jClient } from '../neo4j-client';

interface MemeRow {
  m: {
    id: string;
    status: MemeSubmission['status'];
    caption: string | null;
    tags: string[] | null;
    service: string | null;
    submittedBy: string;
    createdAt: string;
    imageFormat: string;
    imageWidth: number;
    imageHeight: number;
    imageSize: number;
    ocrJson: string | null;
    suggestionsJson: string | null;
    runbookJson: string | null;
    incidentId: string | null;
    errorCode: string | null;
    errorMessage: string | null;
  };
}

const RETURN_M = `RETURN m { .id, .status, .caption, .tags, .service, .submittedBy, .imageFormat, .imageWidth, .imageHeight, .imageSize,
  .ocrJson, .suggestionsJson, .runbookJson, .incidentId, .errorCode, .errorMessage, createdAt: toString(m.createdAt) } AS m`;

const toSubmission = ({ m }: MemeRow): MemeSubmission => ({
  id: m.id,
  status: m.status,
  ...(m.caption ? { caption: m.caption } : {}),
  tags: m.tags ?? [],
  ...(m.service ? { service: m.service } : {}),
  submittedBy: m.submittedBy,
  createdAt: m.createdAt,
  image: { format: m.imageFormat, width: m.imageWidth, height: m.imageHeight, size: m.imageSize },
  ...(m.ocrJson ? { ocr: JSON.parse(m.ocrJson) } : {}),
  suggestions: m.suggestionsJson ? JSON.parse(m.suggestionsJson) : [],
  ...(m.runbookJson ? { runbook: JSON.parse(m.runbookJson) as RunbookDraft } : {}),
  ...(m.incidentId ? { incidentId: m.incidentId } : {}),
  ...(m.errorCode ? { error: { code: m.errorCode, message: m.errorMessage ?? '' } } : {}),
});

/** Submitted meme screenshots: OCR'd drafts that become runbook entries in the graph when published. */
export class MemeRepository {
  constructor(private readonly db: Neo4jClient) {}

  async create(s: { id: string; caption?: string; tags: string[]; service?: string; submittedBy: string; blobKey: string; image: MemeSubmission['image'] }): Promise<void> {
    await this.db.write(
      `MERGE (e:Engineer {name: $submittedBy})
       CREATE (m:Meme {id: $id, builtin: false, status: 'queued', caption: $caption, tags: $tags, service: $service, submittedBy: $submittedBy,
                       blobKey: $blobKey, imageFormat: $format, imageWidth: $width, imageHeight: $height, imageSize: $size, createdAt: datetime()})
       MERGE (e)-[:SUBMITTED]->(m)`,
      { ...s, caption: s.caption ?? null, service: s.service ?? null, ...s.image },
    );
  }

  async get(id: string): Promise<MemeSubmission | undefined> {
    const rows = await this.db.read<MemeRow>(`MATCH (m:Meme {id: $id, builtin: false}) ${RETURN_M}`, { id });
    return rows[0] ? toSubmission(rows[0]) : undefined;
  }

  async blobKeyOf(id: string): Promise<string | undefined> {
    const rows = await this.db.read<{ key: string }>('MATCH (m:Meme {id: $id, builtin: false}) RETURN m.blobKey AS key', { id });
    return rows[0]?.key;
  }

  /** Published entries first-class in the gallery; drafts listed for their authors. */
  async list(opts: { status?: MemeSubmission['status']; limit: number; before?: string }): Promise<MemeSubmission[]> {
    const rows = await this.db.read<MemeRow>(
      `MATCH (m:Meme {builtin: false})
       WHERE ($status IS NULL OR m.status = $status) AND ($before IS NULL OR m.createdAt < datetime($before))
       WITH m ORDER BY m.createdAt DESC LIMIT $limit
       ${RETURN_M}`,
      { status: opts.status ?? null, before: opts.before ?? null, limit: neo4j.int(opts.limit) },
    );
    return rows.map(toSubmission);
  }

  async setStatus(id: string, status: MemeSubmission['status'], error?: { code: string; message: string }): Promise<void> {
    await this.db.write('MATCH (m:Meme {id: $id, builtin: false}) SET m.status = $status, m.errorCode = $code, m.errorMessage = $message', {
      id,
      status,
      code: error?.code ?? null,
      message: error?.message ?? null,
    });
  }

  async setOcr(id: string, ocr: NonNullable<MemeSubmission['ocr']>, suggestions: MemeSubmission['suggestions']): Promise<void> {
    await this.db.write(
      `MATCH (m:Meme {id: $id, builtin: false})
       SET m.status = 'done', m.ocrText = $text, m.ocrJson = $ocrJson, m.suggestionsJson = $suggestionsJson, m.errorCode = null, m.errorMessage = null`,
      { id, text: ocr.text, ocrJson: JSON.stringify(ocr), suggestionsJson: JSON.stringify(suggestions) },
    );
  }

  async saveDraft(id: string, draft: RunbookDraft): Promise<void> {
    await this.db.write('MATCH (m:Meme {id: $id, builtin: false}) SET m.runbookJson = $json, m.draftUpdatedAt = datetime()', { id, json: JSON.stringify(draft) });
  }

  /**
   * Publishing makes the draft part of the knowledge graph: an Incident illustrated by the
   * meme, caused by the root cause, fixed by a Fix (with its Commit), affecting the service,
   * reviewed by the engineer who published it.
   */
  async publish(id: string, draft: RunbookDraft, p: { incidentId: string; fixId: string; reviewer: string }): Promise<void> {
    await this.db.write(
      `MATCH (m:Meme {id: $id, builtin: false})
       MERGE (rc:RootCause {classId: $classId})
       MERGE (e:Engineer {name: $reviewer})
       CREATE (i:Incident {id: $incidentId, title: $title, classId: $classId, service: m.service, status: 'resolved', source: 'meme',
                           openedAt: m.createdAt, lastAlertAt: m.createdAt, alertCount: 0, summary: $summary})
       CREATE (f:Fix {id: $fixId, title: $title, description: $fixDescription, stepsJson: $stepsJson, verificationJson: $verificationJson,
                      rollbackJson: $rollbackJson, createdAt: datetime()})
       MERGE (m)-[:ILLUSTRATES]->(i)
       MERGE (m)-[:STANDS_FOR]->(rc)
       MERGE (i)-[:CAUSED_BY]->(rc)
       MERGE (rc)-[:FIXED_BY]->(f)
       MERGE (i)-[:RESOLVED_BY]->(f)
       MERGE (e)-[:REVIEWED]->(m)
       SET m.status = 'published', m.incidentId = $incidentId, m.classId = $classId, m.runbookJson = $runbookJson, m.publishedAt = datetime()
       FOREACH (_ IN CASE WHEN m.service IS NULL THEN [] ELSE [1] END |
         MERGE (s:Service {name: m.service}) MERGE (i)-[:AFFECTED]->(s))
       FOREACH (_ IN CASE WHEN $commit IS NULL THEN [] ELSE [1] END |
         MERGE (c:Commit {hash: $commit}) SET c.message = $commitMessage MERGE (f)-[:COMMITTED_AS]->(c))`,
      {
        id,
        classId: draft.classId,
        title: draft.title,
        summary: draft.summary ?? null,
        reviewer: p.reviewer,
        incidentId: p.incidentId,
        fixId: p.fixId,
        fixDescription: draft.fix?.description ?? null,
        stepsJson: JSON.stringify(draft.reproduction),
        verificationJson: JSON.stringify(draft.verification),
        rollbackJson: JSON.stringify(draft.rollback),
        runbookJson: JSON.stringify(draft),
        commit: draft.fix?.commit?.toLowerCase() ?? null,
        commitMessage: draft.fix?.commitMessage ?? null,
      },
    );
  }

  /** Published texts with their confirmed class: training data for the diagnosis model. */
  async trainingExamples(limit = 5000): Promise<{ text: string; classId: string }[]> {
    return this.db.read(
      `MATCH (m:Meme {status: 'published'})-[:ILLUSTRATES]->(i:Incident)-[:CAUSED_BY]->(rc:RootCause)
       RETURN trim(coalesce(m.caption, '') + '\\n' + coalesce(m.ocrText, '') + '\\n' + coalesce(i.title, '')) AS text, rc.classId AS classId
       ORDER BY m.publishedAt LIMIT $limit`,
      { limit: neo4j.int(limit) },
    );
  }
}
