import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { deliver, enrichmentDiagram, type EnrichmentStep, type PostFn, type SinkMessage, signedWebhook, slackBody } from '@memegraph/alerts';
import { type BlobStore } from '@memegraph/blobs';
import { type AlertRecord, type EnrichAlertJob } from '@memegraph/contracts';
import { type Config } from '@memegraph/config';
import { AlertRepository, IncidentRepository, ProfileRepository } from '@memegraph/graph';
import { memeById } from '@memegraph/memes';
import { captureProfiles, type CaptureKind, summarizeProfile, readProfile } from '@memegraph/pprof';
import { EventBus } from '@memegraph/queue';
import { guardedFetch, captureTargetPolicy, type TargetPolicy } from '@memegraph/targets';
import { type Logger, withJobSpan } from '@memegraph/telemetry';
import { BLOBS, CONFIG, LOGGER } from '../tokens';
import { DETECTOR, type Detector, DIAGNOSER, type Diagnoser, type DiagnosisResult, type FindingLike } from './ports';

/** Profiles captured for an alert (the default: cpu, heap, goroutine). */
const ALERT_CAPTURE_KINDS: CaptureKind[] = ['cpu', 'heap', 'goroutine', 'goroutine-debug2'];
const SIMILAR_LIMIT = 5;

export interface EnrichmentOutcome {
  alertId: string;
  incidentId?: string;
  topClassId?: string;
  skipped?: 'already-enriched' | 'missing';
}

/**
 * Turns an alert into a diagnosis: diagnose from its text, capture profiles from the service
 * when it has a pprof target, fold detector findings in, find similar incidents, store it all
 * (correlating into an incident), notify sinks. Each step's failure is recorded and does not
 * lose the alert; a failure to store rethrows so the job retries.
 */
@Injectable()
export class AlertEnrichmentService {
  private readonly policy: TargetPolicy;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(BLOBS) private readonly blobs: BlobStore,
    @Inject(DIAGNOSER) private readonly diagnoser: Diagnoser,
    @Inject(DETECTOR) private readonly detector: Detector,
    private readonly alerts: AlertRepository,
    private readonly incidents: IncidentRepository,
    private readonly profiles: ProfileRepository,
    private readonly events: EventBus,
  ) {
    this.policy = captureTargetPolicy(config);
  }

  /** The post function sinks use; replaced in tests to point at local servers only. */
  post: PostFn = (url, init) => fetch(url, init);

  async enrich(job: EnrichAlertJob): Promise<EnrichmentOutcome> {
    return withJobSpan('alerts.enrich', job.trace, { 'memegraph.alert.id': job.alertId, 'messaging.system': 'bullmq' }, async () => {
      const alert = await this.alerts.get(job.alertId);
      if (!alert) return { alertId: job.alertId, skipped: 'missing' as const };
      // A retried or re-delivered job (e.g. after a worker crash) must not enrich twice; it
      // only finishes what the crashed run may not have: notifying the sinks.
      if (alert.enrichment === 'enriched') {
        await this.notifyStored(alert);
        return { alertId: alert.id, skipped: 'already-enriched' as const, incidentId: alert.incidentId };
      }
      await this.alerts.setEnrichment(alert.id, 'enriching');

      const steps: EnrichmentStep[] = [];
      const step = async <T>(name: EnrichmentStep['name'], fn: () => Promise<{ value: T; detail?: string } | undefined>): Promise<T | undefined> => {
        const started = Date.now();
        try {
          const r = await fn();
          steps.push({ name, status: r ? 'ok' : 'skipped', ms: Date.now() - started, ...(r?.detail ? { detail: r.detail } : {}) });
          return r?.value;
        } catch (err) {
          steps.push({ name, status: 'failed', ms: Date.now() - started, error: (err as Error).message });
          this.log.warn({ alertId: alert.id, step: name, err }, 'enrichment step failed');
          return undefined;
        }
      };

      const alertInput = { labels: alert.labels, annotations: alert.annotations, status: alert.status };
      let diagnosis = await step('diagnose', async () => {
        const d = this.diagnoser.diagnose({ alert: alertInput, service: alert.service });
        return { value: d, detail: d.unknown ? 'unknown' : `${d.ranking[0]?.classId} ${Math.round((d.ranking[0]?.confidence ?? 0) * 100)}%` };
      });

      const captured = await step('capture', () => this.capture(alert));
      const findings =
        (captured && captured.artifacts.length
          ? await step('detect', async () => {
              const f = this.detector.detect(captured.artifacts);
              return { value: f, detail: f.length ? `${f[0]!.classId} ${Math.round(f[0]!.confidence * 100)}%` : 'no findings' };
            })
          : undefined) ?? [];
      if (findings.length) {
        diagnosis = this.diagnoser.diagnose({ alert: alertInput, service: alert.service, findings: findings.map((f) => ({ classId: f.classId, confidence: f.confidence, severity: f.severity, title: f.title })) });
      }

      const top = diagnosis && !diagnosis.unknown ? diagnosis.ranking[0] : undefined;
      const similar = await step('similar', async () => {
        const s = await this.incidents.similar({ service: alert.service, classId: top?.classId, limit: SIMILAR_LIMIT });
        return { value: s, detail: `${s.length} similar` };
      });

      const diagnosisId = randomUUID();
      steps.push({ name: 'store', status: 'ok', ms: 0 });
      const mermaid = enrichmentDiagram({ source: alert.source, alertName: alert.name, service: alert.service, steps, topClassId: top?.classId, topConfidence: top?.confidence });
      // Storing is the one step that must succeed: if it throws, BullMQ retries the job.
      const incidentId = await this.incidents.storeDiagnosis(
        {
          id: diagnosisId,
          alertId: alert.id,
          service: alert.service,
          unknown: !top,
          topClassId: top?.classId,
          topConfidence: top?.confidence,
          rankingJson: JSON.stringify({ ranking: diagnosis?.ranking ?? [], top: diagnosis?.top ?? null, similar: similar ?? [] }),
          stepsJson: JSON.stringify(steps),
          mermaid,
          findings: findings.map((f) => ({ id: f.id, classId: f.classId, memeId: f.memeId, severity: f.severity, confidence: f.confidence, title: f.title, json: JSON.stringify(f) })),
          profileIds: captured?.profileIds ?? [],
          modelVersion: diagnosis?.modelVersion ?? 'none',
        },
        this.config.CORRELATION_WINDOW_MINUTES,
        randomUUID(),
      );

      await this.notify(alert, incidentId, diagnosis, top, findings);
      await this.events.publish({ type: 'alert.enriched', id: alert.id, data: { incidentId, topClassId: top?.classId ?? null } });
      return { alertId: alert.id, incidentId, topClassId: top?.classId };
    });
  }

  /** The pprof base URL for this alert: its annotation, else the configured service mapping. */
  private targetOf(alert: AlertRecord): string | undefined {
    return alert.annotations[this.config.PPROF_URL_ANNOTATION] || (alert.service ? this.config.PPROF_TARGETS[alert.service] : undefined);
  }

  private async capture(alert: AlertRecord): Promise<{ value: { artifacts: { name: string; bytes: Uint8Array }[]; profileIds: string[] }; detail: string } | undefined> {
    const target = this.targetOf(alert);
    if (!target) return undefined;
    const seconds = this.config.CAPTURE_SECONDS;
    const fetchFn = guardedFetch(this.policy, { timeoutMs: (seconds + 30) * 1000, maxBytes: this.config.MAX_UPLOAD_BYTES });
    const result = await captureProfiles({ baseUrl: target, fetch: fetchFn as never, seconds, kinds: ALERT_CAPTURE_KINDS, maxBytes: this.config.MAX_UPLOAD_BYTES });
    if (result.artifacts.length === 0) {
      throw new Error(result.failures.map((f) => `${f.kind}: ${f.error.message}`).join('; ') || 'nothing captured');
    }
    const profileIds: string[] = [];
    for (const a of result.artifacts) {
      const blob = await this.blobs.put(a.bytes);
      const id = randomUUID();
      const filename = `${alert.service ?? 'service'}-${a.kind}${a.kind === 'goroutine-debug2' ? '.txt' : '.pb.gz'}`;
      await this.profiles.create({ id, filename, size: blob.size, sha256: blob.sha256, blobKey: blob.key });
      if (a.kind !== 'goroutine-debug2') {
        try {
          await this.profiles.markDone(id, summarizeProfile(readProfile(a.bytes)));
        } catch (err) {
          await this.profiles.markFailed(id, { code: 'CORRUPT_PROFILE', message: (err as Error).message });
        }
      } else {
        await this.profiles.markDone(id, { kind: 'goroutine-dump', sampleTypes: [], period: 0, durationNanos: 0, timeNanos: 0, sampleCount: 0, totals: [], locationCount: 0, functionCount: 0, hasSymbols: true });
      }
      profileIds.push(id);
    }
    const failed = result.failures.length ? `; failed: ${result.failures.map((f) => f.kind).join(', ')}` : '';
    return {
      value: { artifacts: result.artifacts.map((a) => ({ name: `${a.kind}${a.kind === 'goroutine-debug2' ? '.txt' : '.pb.gz'}`, bytes: a.bytes })), profileIds },
      detail: `${result.artifacts.map((a) => a.kind).join(', ')}${failed}`,
    };
  }

  /** Notifies from the stored diagnosis (for a job re-run after the diagnosis was committed). */
  private async notifyStored(alert: AlertRecord): Promise<void> {
    const stored = await this.incidents.diagnosisOf(alert.id);
    if (!stored || !alert.incidentId) return;
    const { ranking, top } = JSON.parse(stored.rankingJson) as { ranking: DiagnosisResult['ranking']; top: DiagnosisResult['top'] | null };
    const findings = stored.findings.map((f) => JSON.parse(f) as FindingLike);
    const d = { ranking, unknown: stored.unknown, modelVersion: 'stored', ...(top ? { top } : {}) } as DiagnosisResult;
    await this.notify(alert, alert.incidentId, d, stored.unknown ? undefined : ranking[0], findings);
  }

  /** Each sink once per alert: recorded in the graph after it accepted the message. */
  private async notify(alert: AlertRecord, incidentId: string, d: DiagnosisResult | undefined, top: DiagnosisResult['ranking'][number] | undefined, findings: FindingLike[]): Promise<void> {
    const meme = findings[0] ? memeById(findings[0].memeId) : undefined;
    const message: SinkMessage = {
      alertId: alert.id,
      incidentId,
      alertName: alert.name,
      service: alert.service,
      status: alert.status,
      topClassId: top?.classId,
      topConfidence: top?.confidence,
      title: d?.top?.title,
      meme: meme ? { symbol: meme.symbol, caption: `${meme.caption.zh} — ${meme.caption.en}` } : undefined,
      runbook: (d?.top?.runbook ?? []).map((s) => `${s.title}: ${s.command}`),
    };
    const sinks: { name: 'slack' | 'webhook'; url?: string; build: () => { headers: Record<string, string>; body: string } }[] = [
      { name: 'slack', url: this.config.SINK_SLACK_URL, build: () => ({ headers: {}, body: slackBody(message) }) },
      { name: 'webhook', url: this.config.SINK_WEBHOOK_URL, build: () => signedWebhook(message, this.config.SINK_WEBHOOK_SECRET) },
    ];
    for (const sink of sinks) {
      if (!sink.url || (await this.incidents.wasNotified(alert.id, sink.name))) continue;
      const { headers, body } = sink.build();
      const result = await deliver(sink.name, this.post, sink.url, headers, body);
      if (result.ok) await this.incidents.markNotified(alert.id, sink.name);
      else this.log.warn({ alertId: alert.id, sink: sink.name, error: result.error, attempts: result.attempts }, 'sink delivery failed');
    }
  }
}
