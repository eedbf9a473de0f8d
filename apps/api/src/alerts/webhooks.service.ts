import { Inject, Injectable } from '@nestjs/common';
import { normalizeAlerts, verifyBearer, verifyGenericSignature, verifyGrafanaSignature } from '@memegraph/alerts';
import { AppError, type AlertSource, type AlertsAccepted } from '@memegraph/contracts';
import { type Config } from '@memegraph/config';
import { AlertIngestQueue, PendingAlerts } from '@memegraph/queue';
import { type Redis } from 'ioredis';
import { CONFIG, REDIS } from '../infra/tokens';
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

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly queue: AlertIngestQueue,
    private readonly pending: PendingAlerts,
  ) {
    this.limiter = new RateLimiter(config.WEBHOOK_RATE_PER_SECOND);
  }

  /**
   * Authenticate, validate, then hand the delivery to Redis and answer. Redis (with AOF) is
   * the point of acceptance: the delivery's job and its read-through record are there before
   * the 202, so an accepted alert cannot be lost and is readable at once; the worker stores
   * it in the graph and queues its enrichment. Any Redis failure is a 503 and the sender
   * retries (storing is idempotent, so a retried delivery only counts once more).
   */
  async ingest(source: AlertSource, req: WebhookRequest): Promise<AlertsAccepted> {
    await this.authenticate(source, req);
    this.limiter.take(source);
    const { alerts, truncated } = normalizeAlerts(source, req.body, { serviceLabels: this.config.SERVICE_LABELS });
    const receivedAt = new Date().toISOString();
    try {
      // Recorded before the job exists, so the worker can never settle a record not yet made.
      await this.pending.record(alerts, receivedAt);
      await this.queue.enqueueIngest(alerts, receivedAt);
    } catch (err) {
      throw new AppError('DEPENDENCY_UNAVAILABLE', `could not accept the alerts: ${(err as Error).message}`);
    }
    return { accepted: alerts.length, alertIds: alerts.map((a) => a.id), ...(truncated ? { truncatedAlerts: truncated } : {}) };
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
