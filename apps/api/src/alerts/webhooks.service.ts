import { Inject, Injectable } from '@nestjs/common';
import { normalizeAlerts, verifyBearer, verifyGenericSignature, verifyGrafanaSignature } from '@memegraph/alerts';
import { AppError, type AlertSource, type AlertsAccepted, type NormalizedAlert } from '@memegraph/contracts';
import { type Config } from '@memegraph/config';
import { AlertRepository, type UpsertResult } from '@memegraph/graph';
import { AlertQueue, EventBus } from '@memegraph/queue';
import { type Redis } from 'ioredis';
import { CONFIG, REDIS } from '../infra/tokens';
import { MicroBatcher } from './micro-batcher';
import { RateLimiter } from './rate-limiter';

export interface WebhookRequest {
  rawBody: Buffer | undefined;
  body: unknown;
  header: (name: string) => string | undefined;
}

/** How long a generic-webhook signature is remembered to refuse replays (> the timestamp window). */
const REPLAY_TTL_SECONDS = 600;

@Injectable()
export class WebhooksService {
  private readonly limiter: RateLimiter;
  private readonly batcher: MicroBatcher<NormalizedAlert, UpsertResult>;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly alerts: AlertRepository,
    private readonly queue: AlertQueue,
    private readonly events: EventBus,
  ) {
    this.limiter = new RateLimiter(config.WEBHOOK_RATE_PER_SECOND);
    this.batcher = new MicroBatcher((alerts) => this.persist(alerts));
  }

  /**
   * One transaction and one Redis round trip for every alert that arrived in the same few
   * milliseconds. A batch succeeds or fails as a whole, so no caller gets a 202 for an alert
   * that is not both stored and queued.
   */
  private async persist(alerts: NormalizedAlert[]): Promise<UpsertResult[]> {
    const results = await this.alerts.upsert(alerts);
    const toEnrich = [...new Set(results.filter((r) => r.created && r.status === 'firing').map((r) => r.id))];
    try {
      await this.queue.enqueueEnrichment(toEnrich);
    } catch (err) {
      throw new AppError('DEPENDENCY_UNAVAILABLE', `could not queue enrichment: ${(err as Error).message}`);
    }
    return results;
  }

  /**
   * Authenticate, validate, persist, enqueue — then answer. Both the Alert node and its job
   * exist before the 202, so an accepted alert cannot be lost; any storage failure is a 503
   * and the sender retries (ingestion is idempotent, so retries are harmless).
   */
  async ingest(source: AlertSource, req: WebhookRequest): Promise<AlertsAccepted> {
    await this.authenticate(source, req);
    this.limiter.take(source);
    const { alerts, truncated } = normalizeAlerts(source, req.body, { serviceLabels: this.config.SERVICE_LABELS });
    const results = await this.batcher.submit(alerts);
    for (const r of results) void this.events.publish({ type: r.created ? 'alert.received' : 'alert.updated', id: r.id, data: { status: r.status } });
    return { accepted: results.length, alertIds: results.map((r) => r.id), ...(truncated ? { truncatedAlerts: truncated } : {}) };
  }

  private async authenticate(source: AlertSource, req: WebhookRequest): Promise<void> {
    const raw = req.rawBody ?? Buffer.alloc(0);
    const c = this.config;
    if (source === 'alertmanager') {
      if (!c.ALERTMANAGER_TOKEN) throw new AppError('UNAUTHENTICATED', 'the Alertmanager webhook is not configured (ALERTMANAGER_TOKEN)');
      verifyBearer(req.header('authorization'), c.ALERTMANAGER_TOKEN);
    } else if (source === 'grafana') {
      if (!c.GRAFANA_WEBHOOK_SECRET) throw new AppError('UNAUTHENTICATED', 'the Grafana webhook is not configured (GRAFANA_WEBHOOK_SECRET)');
      const ts = c.GRAFANA_TIMESTAMP_HEADER ? (req.header(c.GRAFANA_TIMESTAMP_HEADER) ?? '') : undefined;
      verifyGrafanaSignature(raw, req.header('x-grafana-alerting-signature'), c.GRAFANA_WEBHOOK_SECRET, ts);
    } else {
      if (!c.GENERIC_WEBHOOK_SECRET) throw new AppError('UNAUTHENTICATED', 'the generic webhook is not configured (GENERIC_WEBHOOK_SECRET)');
      const signature = req.header('x-memegraph-signature');
      verifyGenericSignature(raw, signature, req.header('x-memegraph-timestamp'), c.GENERIC_WEBHOOK_SECRET);
      // A valid signature seen before is a replay, even inside the timestamp window.
      const fresh = await this.redis.set(`${c.QUEUE_PREFIX}:webhook-sig:${signature}`, '1', 'EX', REPLAY_TTL_SECONDS, 'NX').catch(() => {
        throw new AppError('DEPENDENCY_UNAVAILABLE', 'Redis unavailable');
      });
      if (fresh !== 'OK') throw new AppError('UNAUTHENTICATED', 'this signed request was already received (replay)');
    }
  }
}
