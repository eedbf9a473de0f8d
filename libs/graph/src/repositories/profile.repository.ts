import { type ErrorInfo, type ProfileRecord, type ProfileStatus, type ProfileSummary } from '@memegraph/contracts';
import neo4j from 'neo4j-driver';
import type { Neo4jClient } from '../neo4j-client';

export interface NewProfile {
  id: string;
  filename: string;
  size: number;
  sha256: string;
  blobKey: string;
}

interface ProfileRow {
  p: {
    id: string;
    filename: string;
    size: number;
    sha256: string;
    status: ProfileStatus;
    createdAt: string;
    updatedAt: string;
    summaryJson?: string;
    errorCode?: string;
    errorMessage?: string;
  };
}

const toRecord = ({ p }: ProfileRow): ProfileRecord => ({
  id: p.id,
  filename: p.filename,
  size: p.size,
  sha256: p.sha256,
  status: p.status,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  ...(p.summaryJson ? { summary: JSON.parse(p.summaryJson) as ProfileSummary } : {}),
  ...(p.errorCode ? { error: { code: p.errorCode, message: p.errorMessage ?? '' } } : {}),
});

const RETURN_P = `RETURN p { .id, .filename, .size, .sha256, .status, .summaryJson, .errorCode, .errorMessage,
  createdAt: toString(p.createdAt), updatedAt: toString(p.updatedAt) } AS p`;

/** Profile nodes: the upload's lifecycle (queued → processing → done | failed) and its summary. */
export class ProfileRepository {
  constructor(private readonly db: Neo4jClient) {}

  async create(p: NewProfile): Promise<ProfileRecord> {
    const rows = await this.db.write<ProfileRow>(
      `CREATE (p:Profile {id: $id, filename: $filename, size: $size, sha256: $sha256, blobKey: $blobKey,
         status: 'queued', createdAt: datetime(), updatedAt: datetime()})
       ${RETURN_P}`,
      { ...p },
    );
    return toRecord(rows[0]!);
  }

  async get(id: string): Promise<ProfileRecord | undefined> {
    const rows = await this.db.read<ProfileRow>(`MATCH (p:Profile {id: $id}) ${RETURN_P}`, { id });
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Newest first; the cursor is the createdAt of the last item seen. */
  async list(limit: number, before?: string): Promise<ProfileRecord[]> {
    const rows = await this.db.read<ProfileRow>(
      `MATCH (p:Profile) WHERE $before IS NULL OR p.createdAt < datetime($before)
       WITH p ORDER BY p.createdAt DESC, p.id DESC LIMIT $limit
       ${RETURN_P}`,
      // LIMIT needs a Cypher integer; JS numbers travel as floats.
      { limit: neo4j.int(limit), before: before ?? null },
    );
    return rows.map(toRecord);
  }

  async markProcessing(id: string): Promise<void> {
    await this.db.write(`MATCH (p:Profile {id: $id}) SET p.status = 'processing', p.updatedAt = datetime()`, { id });
  }

  /** Stores the summary as flat properties (queryable) and as JSON (returned whole). */
  async markDone(id: string, s: ProfileSummary): Promise<void> {
    await this.db.write(
      `MATCH (p:Profile {id: $id})
       SET p.status = 'done', p.updatedAt = datetime(), p.kind = $kind,
           p.sampleTypes = $sampleTypes, p.totals = $totals, p.period = $period,
           p.durationNanos = $durationNanos, p.sampleCount = $sampleCount,
           p.summaryJson = $summaryJson
       REMOVE p.errorCode, p.errorMessage`,
      {
        id,
        kind: s.kind,
        sampleTypes: s.sampleTypes.map((t) => `${t.type}/${t.unit}`),
        totals: s.totals.map((t) => t.total),
        period: s.period,
        durationNanos: s.durationNanos,
        sampleCount: s.sampleCount,
        summaryJson: JSON.stringify(s),
      },
    );
  }

  async markFailed(id: string, error: ErrorInfo): Promise<void> {
    await this.db.write(
      `MATCH (p:Profile {id: $id}) SET p.status = 'failed', p.updatedAt = datetime(), p.errorCode = $code, p.errorMessage = $message`,
      { id, code: error.code, message: error.message },
    );
  }

  /** Replaces the profile's findings; each links to its root cause and meme. */
  async setFindings(id: string, findings: { id: string; classId: string; memeId: string; severity: string; confidence: number; title: string; json: string }[]): Promise<void> {
    await this.db.write(
      `MATCH (p:Profile {id: $id})
       OPTIONAL MATCH (p)-[old:HAS_FINDING]->(:Finding)
       DELETE old
       WITH DISTINCT p
       UNWIND $findings AS f
       MERGE (fn:Finding {id: p.id + ':' + f.id})
       SET fn.classId = f.classId, fn.memeId = f.memeId, fn.severity = f.severity, fn.confidence = f.confidence, fn.title = f.title, fn.json = f.json
       MERGE (p)-[:HAS_FINDING]->(fn)
       MERGE (rc:RootCause {classId: f.classId}) MERGE (fn)-[:INDICATES]->(rc)
       MERGE (m:Meme {id: f.memeId}) MERGE (fn)-[:ILLUSTRATED_BY]->(m)`,
      { id, findings },
    );
  }

  /** Findings as stored (detector JSON), best first. */
  async findingsOf(id: string): Promise<unknown[]> {
    const rows = await this.db.read<{ json: string }>(
      `MATCH (:Profile {id: $id})-[:HAS_FINDING]->(f:Finding)
       RETURN f.json AS json ORDER BY CASE f.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.confidence DESC`,
      { id },
    );
    return rows.map((r) => JSON.parse(r.json) as unknown);
  }

  /** The blob behind a profile, for the worker. */
  async blobKeyOf(id: string): Promise<string | undefined> {
    const rows = await this.db.read<{ key: string }>('MATCH (p:Profile {id: $id}) RETURN p.blobKey AS key', { id });
    return rows[0]?.key;
  }
}
