import { type CaptureRecord } from '@memegraph/contracts';
import type { Neo4jClient } from '../neo4j-client';

interface CaptureRow {
  c: Omit<CaptureRecord, 'failures' | 'error'> & { failuresJson: string | null; errorCode: string | null; errorMessage: string | null };
}

/** Live captures requested through the API and the profiles each produced. */
export class CaptureRepository {
  constructor(private readonly db: Neo4jClient) {}

  async create(c: { id: string; target: string; kinds: string[]; seconds: number }): Promise<void> {
    await this.db.write(`CREATE (:Capture {id: $id, target: $target, kinds: $kinds, seconds: $seconds, status: 'queued', createdAt: datetime()})`, c);
  }

  async setStatus(id: string, status: CaptureRecord['status'], extra: { failures?: CaptureRecord['failures']; error?: { code: string; message: string } } = {}): Promise<void> {
    await this.db.write(
      `MATCH (c:Capture {id: $id}) SET c.status = $status, c.failuresJson = coalesce($failuresJson, c.failuresJson),
         c.errorCode = $errorCode, c.errorMessage = $errorMessage, c.updatedAt = datetime()`,
      { id, status, failuresJson: extra.failures ? JSON.stringify(extra.failures) : null, errorCode: extra.error?.code ?? null, errorMessage: extra.error?.message ?? null },
    );
  }

  async linkProfile(captureId: string, profileId: string): Promise<void> {
    await this.db.write('MATCH (c:Capture {id: $captureId}), (p:Profile {id: $profileId}) MERGE (c)-[:PRODUCED]->(p)', { captureId, profileId });
  }

  async get(id: string): Promise<CaptureRecord | undefined> {
    const rows = await this.db.read<CaptureRow>(
      `MATCH (c:Capture {id: $id}) OPTIONAL MATCH (c)-[:PRODUCED]->(p:Profile)
       WITH c, collect(p.id) AS profileIds
       RETURN c { .id, .target, .kinds, .seconds, .status, .failuresJson, .errorCode, .errorMessage,
                  createdAt: toString(c.createdAt), profileIds: profileIds } AS c`,
      { id },
    );
    const c = rows[0]?.c;
    if (!c) return undefined;
    const { failuresJson, errorCode, errorMessage, ...rest } = c;
    return { ...rest, failures: failuresJson ? JSON.parse(failuresJson) : [], ...(errorCode ? { error: { code: errorCode, message: errorMessage ?? '' } } : {}) };
  }
}
