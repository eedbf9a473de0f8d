import { type NormalizedAlert, type PendingAlert } from '@memegraph/contracts';
import { type Redis } from 'ioredis';

/** Decrements each alert's count of unstored deliveries and forgets the alert at zero. */
const SETTLE = `for _, key in ipairs(KEYS) do
  if redis.call('HINCRBY', key, 'n', -1) <= 0 then redis.call('DEL', key) end
end
return #KEYS`;

/** A key outlives any retry schedule; it only matters if an ingest job dead-letters. */
const TTL_SECONDS = 7 * 24 * 3600;

/**
 * Alerts accepted by the API whose ingest job the worker has not yet stored in the graph.
 * The API records them (in the same Redis that holds the job) before it answers 202, the
 * worker settles them once stored, and GET /v1/alerts/:id reads through them — so an alert
 * is visible from the moment it is acknowledged, and its delivery count and resolution are
 * right even while the worker is behind.
 */
export class PendingAlerts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(id: string): string {
    return `${this.prefix}:pending-alert:${id}`;
  }

  /** One round trip (MULTI) for every alert of a delivery. */
  async record(alerts: NormalizedAlert[], receivedAt: string): Promise<void> {
    const tx = this.redis.multi();
    for (const a of alerts) {
      const key = this.key(a.id);
      tx.hset(key, 'alert', JSON.stringify(a));
      tx.hsetnx(key, 'receivedAt', receivedAt);
      tx.hincrby(key, 'n', 1);
      if (a.status === 'resolved') tx.hset(key, 'resolved', JSON.stringify({ endsAt: a.endsAt }));
      tx.expire(key, TTL_SECONDS);
    }
    const replies = await tx.exec();
    const failed = replies?.find(([err]) => err);
    if (!replies || failed) throw failed?.[0] ?? new Error('Redis discarded the transaction');
  }

  /** Called by the worker once the alerts are stored; ids repeat when a delivery carried an alert twice. */
  async settle(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.redis.eval(SETTLE, ids.length, ...ids.map((id) => this.key(id)));
  }

  async get(id: string): Promise<PendingAlert | undefined> {
    const h = await this.redis.hgetall(this.key(id));
    const deliveries = Number(h.n ?? 0);
    if (!h.alert || deliveries <= 0) return undefined;
    return {
      alert: JSON.parse(h.alert) as NormalizedAlert,
      receivedAt: h.receivedAt ?? new Date().toISOString(),
      deliveries,
      ...(h.resolved ? { resolved: JSON.parse(h.resolved) as { endsAt?: string } } : {}),
    };
  }
}
