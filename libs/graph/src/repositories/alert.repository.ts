import { type AlertRecord, type NormalizedAlert } from '@memegraph/contracts';
import neo4j from 'neo4j-driver';
import type { Neo4jClient } from '../neo4j-client';

export interface AlertFilter {
  status?: 'firing' | 'resolved';
  service?: string;
  classId?: string;
  since?: string;
  until?: string;
  limit: number;
  /** The last item of the previous page: alerts sort by receivedAt, then id (one delivery's alerts share a receivedAt). */
  after?: { receivedAt: string; id: string };
}

export interface UpsertResult {
  id: string;
  created: boolean;
  status: 'firing' | 'resolved';
  enrichment: AlertRecord['enrichment'];
}

/** A delivery's alert with the time the API accepted it. */
export type IncomingAlert = NormalizedAlert & { receivedAt: string };

interface AlertRow {
  a: Omit<AlertRecord, 'labels' | 'annotations'> & { labelsJson: string; annotationsJson: string };
}

const RETURN_A = `RETURN a { .id, .source, .fingerprint, .name, .status, .enrichment, .service, .labelsJson, .annotationsJson,
  .generatorURL, .deliveries, .incidentId, .topClassId, .topConfidence,
  startsAt: toString(a.startsAt), endsAt: toString(a.endsAt), receivedAt: toString(a.receivedAt) } AS a`;

const toRecord = ({ a }: AlertRow): AlertRecord => {
  const { labelsJson, annotationsJson, ...rest } = a;
  const out = { ...rest, labels: JSON.parse(labelsJson) as Record<string, string>, annotations: JSON.parse(annotationsJson) as Record<string, string> };
  for (const k of Object.keys(out) as (keyof typeof out)[]) if (out[k] === null) delete out[k];
  return out as AlertRecord;
};

/** Alert nodes: one per (source, fingerprint, startsAt); repeated deliveries only count. */
export class AlertRepository {
  constructor(private readonly db: Neo4jClient) {}

  /**
   * Idempotent ingestion in one transaction: a new alert is created pending enrichment and
   * linked to its Service, a repeated delivery increments `deliveries`, a resolved delivery
   * closes it. Results come back in input order (the same alert may appear twice in one batch).
   */
  async upsert(alerts: IncomingAlert[]): Promise<UpsertResult[]> {
    return this.db.write<UpsertResult>(
      `UNWIND range(0, size($alerts) - 1) AS i
       WITH i, $alerts[i] AS x
       OPTIONAL MATCH (old:Alert {id: x.id})
       WITH i, x, old IS NULL AS created
       MERGE (a:Alert {id: x.id})
       ON CREATE SET a.source = x.source, a.fingerprint = x.fingerprint, a.name = x.name, a.startsAt = datetime(x.startsAt),
                     a.labelsJson = x.labelsJson, a.annotationsJson = x.annotationsJson, a.generatorURL = x.generatorURL,
                     a.groupKey = x.groupKey, a.service = x.service, a.receivedAt = datetime(x.receivedAt), a.deliveries = 0,
                     a.enrichment = CASE WHEN x.status = 'resolved' THEN 'skipped' ELSE 'pending' END, a.status = x.status
       SET a.deliveries = a.deliveries + 1, a.lastDeliveryAt = datetime(),
           a.status = CASE WHEN x.status = 'resolved' THEN 'resolved' ELSE a.status END,
           a.endsAt = CASE WHEN x.status = 'resolved' AND x.endsAt IS NOT NULL THEN datetime(x.endsAt) ELSE a.endsAt END,
           a.annotationsJson = x.annotationsJson
       WITH collect({i: i, a: a, created: created}) AS rows
       // Link each alert to its Service, taking the Service locks in name order so concurrent
       // batches queue behind each other instead of deadlocking.
       CALL (rows) {
         UNWIND rows AS r
         WITH DISTINCT r.a AS a WHERE a.service IS NOT NULL
         WITH a ORDER BY a.service, a.id
         MERGE (s:Service {name: a.service})
         MERGE (a)-[:FIRED_FOR]->(s)
       }
       UNWIND rows AS r
       WITH r ORDER BY r.i
       RETURN r.a.id AS id, r.created AS created, r.a.status AS status, r.a.enrichment AS enrichment`,
      {
        alerts: alerts.map((a) => ({
          id: a.id,
          source: a.source,
          fingerprint: a.fingerprint,
          name: a.name,
          status: a.status,
          startsAt: a.startsAt,
          endsAt: a.endsAt ?? null,
          labelsJson: JSON.stringify(a.labels),
          annotationsJson: JSON.stringify(a.annotations),
          generatorURL: a.generatorURL ?? null,
          groupKey: a.groupKey ?? null,
          service: a.service ?? null,
          receivedAt: a.receivedAt,
        })),
      },
    );
  }

  async get(id: string): Promise<AlertRecord | undefined> {
    const rows = await this.db.read<AlertRow>(`MATCH (a:Alert {id: $id}) ${RETURN_A}`, { id });
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async list(f: AlertFilter): Promise<AlertRecord[]> {
    const rows = await this.db.read<AlertRow>(
      `MATCH (a:Alert)
       WHERE ($status IS NULL OR a.status = $status)
         AND ($service IS NULL OR a.service = $service)
         AND ($classId IS NULL OR a.topClassId = $classId)
         AND ($since IS NULL OR a.startsAt >= datetime($since))
         AND ($until IS NULL OR a.startsAt <= datetime($until))
         AND ($afterAt IS NULL OR a.receivedAt < datetime($afterAt) OR (a.receivedAt = datetime($afterAt) AND a.id < $afterId))
       WITH a ORDER BY a.receivedAt DESC, a.id DESC LIMIT $limit
       ${RETURN_A}`,
      {
        status: f.status ?? null,
        service: f.service ?? null,
        classId: f.classId ?? null,
        since: f.since ?? null,
        until: f.until ?? null,
        afterAt: f.after?.receivedAt ?? null,
        afterId: f.after?.id ?? null,
        limit: neo4j.int(f.limit),
      },
    );
    return rows.map(toRecord);
  }

  async setEnrichment(id: string, enrichment: AlertRecord['enrichment']): Promise<void> {
    await this.db.write('MATCH (a:Alert {id: $id}) SET a.enrichment = $enrichment', { id, enrichment });
  }
}
