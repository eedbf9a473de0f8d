import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { FsBlobStore } from '@memegraph/blobs';
import { type Config } from '@memegraph/config';
import { ModelHolder } from '@memegraph/diagnosis';
import { AlertRepository, CaptureRepository, IncidentRepository, MemeRepository, Neo4jClient, ProfileRepository, RunbookRepository, TrainingRepository } from '@memegraph/graph';
import { AlertIngestQueue, AlertQueue, CaptureQueue, createRedis, EventBus, ModelQueue, OcrQueue, PendingAlerts, ProfileQueue } from '@memegraph/queue';
import { createLogger, type Logger } from '@memegraph/telemetry';
import { type Redis } from 'ioredis';
import { BLOBS, CONFIG, LOGGER, REDIS } from './tokens';

/** Connections and repositories the API shares; closed when the app shuts down. */
@Global()
@Module({})
export class InfraModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(Neo4jClient) private readonly neo4j: Neo4jClient,
    @Inject(ProfileQueue) private readonly queue: ProfileQueue,
    @Inject(AlertQueue) private readonly alertQueue: AlertQueue,
    @Inject(AlertIngestQueue) private readonly ingestQueue: AlertIngestQueue,
    @Inject(CaptureQueue) private readonly captureQueue: CaptureQueue,
    @Inject(OcrQueue) private readonly ocrQueue: OcrQueue,
    @Inject(ModelQueue) private readonly modelQueue: ModelQueue,
  ) {}

  static forConfig(config: Config, logger?: Logger): DynamicModule {
    return {
      module: InfraModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger ?? createLogger({ name: 'api', level: config.LOG_LEVEL }) },
        {
          provide: REDIS,
          useFactory: () => {
            const redis = createRedis(config.REDIS_URL, 'producer');
            redis.on('error', () => undefined); // surfaced by /readyz and 503s, not as crashes
            return redis;
          },
        },
        {
          provide: Neo4jClient,
          useFactory: () => new Neo4jClient({ uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE }),
        },
        { provide: ProfileQueue, inject: [REDIS], useFactory: (redis: Redis) => new ProfileQueue(redis, { prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS }) },
        { provide: AlertQueue, inject: [REDIS], useFactory: (redis: Redis) => new AlertQueue(redis, { prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS }) },
        { provide: AlertIngestQueue, inject: [REDIS], useFactory: (redis: Redis) => new AlertIngestQueue(redis, { prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS }) },
        { provide: PendingAlerts, inject: [REDIS], useFactory: (redis: Redis) => new PendingAlerts(redis, config.QUEUE_PREFIX) },
        { provide: CaptureQueue, inject: [REDIS], useFactory: (redis: Redis) => new CaptureQueue(redis, { prefix: config.QUEUE_PREFIX, attempts: 1 }) },
        { provide: OcrQueue, inject: [REDIS], useFactory: (redis: Redis) => new OcrQueue(redis, { prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS }) },
        { provide: ModelQueue, inject: [REDIS], useFactory: (redis: Redis) => new ModelQueue(redis, { prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS }) },
        { provide: EventBus, inject: [REDIS], useFactory: (redis: Redis) => new EventBus(redis, config.QUEUE_PREFIX) },
        { provide: BLOBS, useFactory: () => new FsBlobStore(config.BLOB_DIR) },
        { provide: ProfileRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new ProfileRepository(db) },
        { provide: AlertRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new AlertRepository(db) },
        { provide: CaptureRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new CaptureRepository(db) },
        { provide: MemeRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new MemeRepository(db) },
        { provide: RunbookRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new RunbookRepository(db) },
        { provide: TrainingRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new TrainingRepository(db) },
        { provide: ModelHolder, inject: [TrainingRepository], useFactory: (t: TrainingRepository) => new ModelHolder(() => t.examples()) },
        { provide: IncidentRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new IncidentRepository(db) },
      ],
      exports: [CONFIG, LOGGER, REDIS, Neo4jClient, ProfileQueue, AlertQueue, AlertIngestQueue, PendingAlerts, CaptureQueue, OcrQueue, ModelQueue, EventBus, BLOBS, ProfileRepository, AlertRepository, CaptureRepository, IncidentRepository, MemeRepository, TrainingRepository, RunbookRepository, ModelHolder],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    await this.alertQueue.close().catch(() => undefined);
    await this.ingestQueue.close().catch(() => undefined);
    await this.captureQueue.close().catch(() => undefined);
    await this.ocrQueue.close().catch(() => undefined);
    await this.modelQueue.close().catch(() => undefined);
    this.redis.disconnect();
    await this.neo4j.close();
  }
}
