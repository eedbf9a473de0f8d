import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Config } from '@memegraph/config';
import { createRedis, EventBus, type PlatformEvent } from '@memegraph/queue';
import { type Redis } from 'ioredis';
import { Subject } from 'rxjs';
import { CONFIG } from '../infra/tokens';

/** Relays platform events from Redis to this instance's server-sent-event clients. */
@Injectable()
export class AlertStreamService implements OnModuleInit, OnModuleDestroy {
  readonly events = new Subject<PlatformEvent>();
  private subscriber?: Redis;
  private stop?: () => Promise<void>;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly bus: EventBus,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscriber = createRedis(this.config.REDIS_URL, 'worker');
    this.subscriber.on('error', () => undefined);
    // Subscribing must not block start-up when Redis is down; /readyz reports that.
    this.bus.subscribe(this.subscriber, (e) => this.events.next(e)).then(
      (stop) => (this.stop = stop),
      () => undefined,
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop?.();
    this.subscriber?.disconnect();
    this.events.complete();
  }
}
