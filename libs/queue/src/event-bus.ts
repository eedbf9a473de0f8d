import { type Redis } from 'ioredis';

/** What the UI's live stream shows; small, so every API instance can fan it out. */
export interface PlatformEvent {
  type: 'alert.received' | 'alert.updated' | 'alert.enriched' | 'profile.updated' | 'model.rebuilt';
  id: string;
  at: string;
  data?: Record<string, unknown>;
}

/**
 * Events over Redis pub/sub: the worker and any API instance publish, every API instance
 * relays to its server-sent-event clients. Delivery is best effort (the stream is a hint to
 * refresh; the graph is the record).
 */
export class EventBus {
  private readonly channel: string;

  constructor(
    private readonly publisher: Redis,
    prefix: string,
  ) {
    this.channel = `${prefix}:events`;
  }

  async publish(event: Omit<PlatformEvent, 'at'>): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify({ ...event, at: new Date().toISOString() })).catch(() => undefined);
  }

  /** Subscribes on a dedicated connection (a subscribed ioredis client can do nothing else). */
  async subscribe(subscriber: Redis, onEvent: (e: PlatformEvent) => void): Promise<() => Promise<void>> {
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      try {
        onEvent(JSON.parse(message) as PlatformEvent);
      } catch {
        // ignore malformed messages
      }
    });
    await subscriber.subscribe(this.channel);
    return async () => {
      await subscriber.unsubscribe(this.channel).catch(() => undefined);
    };
  }
}
