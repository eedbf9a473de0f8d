import neo4j from 'neo4j-driver';
import type { Neo4jClient } from '../neo4j-client';

/** What the worker learned about one alert, ready to store. */
export interface DiagnosisToStore {
  id: string;
  alertId: string;
  service?: string;
  unknown: boolean;
  topClassId?: string;
  topConfidence?: number;
  /** Ranked classes with evidence, as JSON (Neo4j properties cannot nest). */
  rankingJson: string;
  stepsJson: string;
  mermaid: string;
  findings: { id: string; classId: string; memeId: string; severity: string; confidence: number; title: string; json: string }[];
  profileIds: string[];
  modelVersion: string;
}

export interface SimilarIncident {
  id: string;
  service: string | null;
  classId: string | null;
  title: string | null;
  openedAt: string;
  alertCount: number;
  fixes: string[];
}

/**
 * Diagnoses, findings and incidents. Correlation: a firing alert whose top class matches an
 * open incident of the same service opened within the window joins it, so an alert storm is
 * one incident.
 */
export class IncidentRepository {
  constructor(private readonly db: Neo4jClient) {}

  /** Stores the diagnosis and its findings, joins or opens the incident; returns the incident id. */
  async storeDiagnosis(d: DiagnosisToStore, windowMinutes: number, newIncidentId: string): Promise<string> {
    const rows = await this.db.write<{ incidentId: string }>(
      `MATCH (a:Alert {id: $alertId})
       MERGE (d:Diagnosis {id: $id})
       SET d.unknown = $unknown, d.topClassId = $topClassId, d.topConfidence = $topConfidence, d.rankingJson = $rankingJson,
           d.stepsJson = $stepsJson, d.mermaid = $mermaid, d.modelVersion = $modelVersion, d.createdAt = datetime()
       MERGE (a)-[:DIAGNOSED_AS]->(d)
       FOREACH (_ IN CASE WHEN $topClassId IS NULL THEN [] ELSE [1] END |
         MERGE (r:RootCause {classId: $topClassId})
         MERGE (d)-[s:SUGGESTS]->(r) SET s.confidence = $topConfidence)
       FOREACH (f IN $findings |
         MERGE (fn:Finding {id: f.id})
         SET fn.classId = f.classId, fn.memeId = f.memeId, fn.severity = f.severity, fn.confidence = f.confidence, fn.title = f.title, fn.json = f.json
         MERGE (d)-[:BASED_ON]->(fn)
         MERGE (rc:RootCause {classId: f.classId}) MERGE (fn)-[:INDICATES]->(rc)
         MERGE (m:Meme {id: f.memeId}) MERGE (fn)-[:ILLUSTRATED_BY]->(m))
       FOREACH (pid IN $profileIds | MERGE (p:Profile {id: pid}) MERGE (a)-[:CAPTURED]->(p))
       WITH a, d
       // Serialise correlation per (service, class): the lock node makes a concurrent
       // transaction wait, so it then sees the incident this one opens instead of opening a twin.
       MERGE (key:CorrelationKey {key: coalesce($service, '') + '|' + coalesce($topClassId, '')})
       SET key.touchedAt = datetime()
       WITH a, d
       // Correlate: an open incident of this service with the same top class, recent enough.
       OPTIONAL MATCH (open:Incident {service: $service, classId: $topClassId, status: 'open'})
         WHERE $service IS NOT NULL AND $topClassId IS NOT NULL AND open.lastAlertAt >= datetime() - duration({minutes: $window})
       WITH a, d, open ORDER BY open.lastAlertAt DESC LIMIT 1
       CALL (a, d, open) {
         WITH a, d, open WHERE open IS NOT NULL
         SET open.lastAlertAt = datetime(), open.alertCount = open.alertCount + 1
         RETURN open AS incident
         UNION
         WITH a, d, open WHERE open IS NULL
         CREATE (i:Incident {id: $newIncidentId, service: $service, classId: $topClassId, status: 'open',
                             openedAt: datetime(), lastAlertAt: datetime(), alertCount: 1, title: a.name})
         RETURN i AS incident
       }
       MERGE (a)-[:PART_OF]->(incident)
       MERGE (incident)-[:DIAGNOSED_AS]->(d)
       FOREACH (_ IN CASE WHEN $topClassId IS NULL THEN [] ELSE [1] END |
         MERGE (rc:RootCause {classId: $topClassId}) MERGE (incident)-[:CAUSED_BY]->(rc))
       FOREACH (_ IN CASE WHEN $service IS NULL THEN [] ELSE [1] END |
         MERGE (s:Service {name: $service}) MERGE (incident)-[:AFFECTED]->(s))
       SET a.incidentId = incident.id, a.topClassId = $topClassId, a.topConfidence = $topConfidence, a.enrichment = 'enriched'
       RETURN incident.id AS incidentId`,
      {
        ...d,
        service: d.service ?? null,
        topClassId: d.topClassId ?? null,
        topConfidence: d.topConfidence ?? null,
        window: neo4j.int(windowMinutes),
        newIncidentId,
      },
    );
    if (!rows[0]) throw new Error(`alert ${d.alertId} not found while storing its diagnosis`);
    return rows[0].incidentId;
  }

  /** Past incidents of the same service or class (excluding the current one), newest first, with their fixes. */
  async similar(opts: { service?: string; classId?: string; excludeId?: string; limit: number }): Promise<SimilarIncident[]> {
    return this.db.read<SimilarIncident>(
      `MATCH (i:Incident)
       WHERE (i.id <> $excludeId OR $excludeId IS NULL)
         AND (($service IS NOT NULL AND i.service = $service) OR ($classId IS NOT NULL AND i.classId = $classId))
       OPTIONAL MATCH (i)-[:CAUSED_BY]->(:RootCause)-[:FIXED_BY]->(f:Fix)
       WITH i, collect(DISTINCT f.title)[0..5] AS fixes
       ORDER BY (CASE WHEN i.service = $service AND i.classId = $classId THEN 0 ELSE 1 END), i.openedAt DESC
       LIMIT $limit
       RETURN i.id AS id, i.service AS service, i.classId AS classId, i.title AS title, toString(i.openedAt) AS openedAt,
              i.alertCount AS alertCount, fixes`,
      { service: opts.service ?? null, classId: opts.classId ?? null, excludeId: opts.excludeId ?? null, limit: neo4j.int(opts.limit) },
    );
  }

  /** The stored diagnosis of an alert, for the API. */
  async diagnosisOf(alertId: string): Promise<{ id: string; unknown: boolean; topClassId: string | null; topConfidence: number | null; rankingJson: string; stepsJson: string; mermaid: string; findings: string[]; profileIds: string[] } | undefined> {
    const rows = await this.db.read<{ d: { id: string; unknown: boolean; topClassId: string | null; topConfidence: number | null; rankingJson: string; stepsJson: string; mermaid: string }; findings: string[]; profileIds: string[] }>(
      `MATCH (:Alert {id: $alertId})-[:DIAGNOSED_AS]->(d:Diagnosis)
       OPTIONAL MATCH (d)-[:BASED_ON]->(f:Finding)
       WITH d, collect(f.json) AS findings
       OPTIONAL MATCH (:Alert {id: $alertId})-[:CAPTURED]->(p:Profile)
       RETURN d { .id, .unknown, .topClassId, .topConfidence, .rankingJson, .stepsJson, .mermaid } AS d, findings, collect(p.id) AS profileIds
       ORDER BY d.createdAt DESC LIMIT 1`,
      { alertId },
    );
    return rows[0] ? { ...rows[0].d, findings: rows[0].findings, profileIds: rows[0].profileIds } : undefined;
  }

  /** Records that a sink received this alert, so a retried job does not notify twice. */
  async markNotified(alertId: string, sink: string): Promise<boolean> {
    const rows = await this.db.write<{ first: boolean }>(
      `MATCH (a:Alert {id: $alertId})
       WITH a, coalesce(a.notified, []) AS done
       SET a.notified = CASE WHEN $sink IN done THEN done ELSE done + $sink END
       RETURN NOT ($sink IN done) AS first`,
      { alertId, sink },
    );
    return rows[0]?.first ?? false;
  }

  async wasNotified(alertId: string, sink: string): Promise<boolean> {
    const rows = await this.db.read<{ done: boolean }>('MATCH (a:Alert {id: $alertId}) RETURN $sink IN coalesce(a.notified, []) AS done', { alertId, sink });
    return rows[0]?.done ?? false;
  }
}
