import { type DynamicModule, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FsBlobStore } from '@memegraph/blobs';
import { type Config } from '@memegraph/config';
import { AlertRepository, CaptureRepository, IncidentRepository, MemeRepository, migrate, Neo4jClient, ProfileRepository, TrainingRepository } from '@memegraph/graph';
import { ModelHolder } from '@memegraph/diagnosis';
import { AlertQueue, createRedis, EventBus, PendingAlerts, ProfileQueue, startAlertIngestWorker, startAlertWorker, startCaptureWorker, startModelWorker, startOcrWorker, startProfileWorker, type Worker } from '@memegraph/queue';
import { type Logger } from '@memegraph/telemetry';
import { type Redis } from 'ioredis';
import { AlertEnrichmentService } from './alerts/alert-enrichment.service';
import { AlertIngestService } from './alerts/alert-ingest.service';
import { DETECTOR, DIAGNOSER, profileDetector } from './alerts/ports';
import { CaptureService } from './captures/capture.service';
import { MemeOcrService } from './memes/meme-ocr.service';
import { ProfileAnalysisService } from './profiles/profile-analysis.service';
import { BLOBS, CONFIG, LOGGER, REDIS } from './tokens';

/** The worker process: no HTTP, only BullMQ processors over the shared services. */
@Module({})
export class WorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private workers: Worker[] = [];

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly neo4j: Neo4jClient,
    private readonly analysis: ProfileAnalysisService,
    private readonly captures: CaptureService,
    private readonly ingest: AlertIngestService,
    private readonly enrichment: AlertEnrichmentService,
    private readonly ocr: MemeOcrService,
    private readonly model: ModelHolder,
    private readonly events: EventBus,
    private readonly profileQueue: ProfileQueue,
    private readonly alertQueue: AlertQueue,
  ) {}

  static forConfig(config: Config, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: REDIS, useFactory: () => createRedis(config.REDIS_URL, 'worker') },
        { provide: BLOBS, useFactory: () => new FsBlobStore(config.BLOB_DIR) },
        {
          provide: Neo4jClient,
          useFactory: () => new Neo4jClient({ uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE }),
        },
        { provide: ProfileRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new ProfileRepository(db) },
        { provide: CaptureRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new CaptureRepository(db) },
        { provide: ProfileQueue, inject: [REDIS], useFactory: (redis: Redis) => new ProfileQueue(redis, { prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS }) },
        { provide: AlertQueue, inject: [REDIS], useFactory: (redis: Redis) => new AlertQueue(redis, { prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS }) },
        { provide: PendingAlerts, inject: [REDIS], useFactory: (redis: Redis) => new PendingAlerts(redis, config.QUEUE_PREFIX) },
        { provide: AlertRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new AlertRepository(db) },
        { provide: IncidentRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new IncidentRepository(db) },
        { provide: MemeRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new MemeRepository(db) },
        { provide: TrainingRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new TrainingRepository(db) },
        { provide: EventBus, inject: [REDIS], useFactory: (redis: Redis) => new EventBus(redis, config.QUEUE_PREFIX) },
        { provide: ModelHolder, inject: [TrainingRepository], useFactory: (t: TrainingRepository) => new ModelHolder(() => t.examples()) },
        { provide: DIAGNOSER, useExisting: ModelHolder },
        { provide: DETECTOR, useValue: profileDetector },
        ProfileAnalysisService,
        CaptureService,
        AlertIngestService,
        AlertEnrichmentService,
        MemeOcrService,
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await migrate(this.neo4j);
    // Learn from everything published so far before the first diagnosis.
    const built = await this.model.rebuild();
    this.log.info(built, 'diagnosis model built');
    const opts = { prefix: this.config.QUEUE_PREFIX, attempts: this.config.JOB_ATTEMPTS, concurrency: this.config.WORKER_CONCURRENCY, lockMs: this.config.JOB_LOCK_MS };
    this.workers.push(
      startProfileWorker(this.redis, opts, (job, meta) => this.analysis.analyze(job, meta)),
      // A capture holds a connection open for its CPU profile's duration; it is I/O, not CPU.
      startCaptureWorker(this.redis, { ...opts, attempts: 1, concurrency: 4 }, (job) => this.captures.run(job)),
      // Storing deliveries is short Neo4j writes: many at once, batched into shared transactions.
      startAlertIngestWorker(this.redis, { ...opts, concurrency: this.config.ALERT_INGEST_CONCURRENCY }, async (job) => {
        await this.ingest.ingest(job);
      }),
      startAlertWorker(this.redis, opts, async (job) => {
        await this.enrichment.enrich(job);
      }),
      // OCR is CPU-bound in the tesseract pool; the pool size, not job concurrency, bounds it.
      startOcrWorker(this.redis, { ...opts, concurrency: this.config.OCR_WORKERS }, (job) => this.ocr.read(job)),
      // One rebuild at a time; every process then rebuilds from the same graph data.
      startModelWorker(this.redis, { ...opts, concurrency: 1 }, async () => {
        const built = await this.model.rebuild();
        await this.events.publish({ type: 'model.rebuilt', id: built.modelVersion, data: { examples: built.examples } });
      }),
    );
    for (const w of this.workers) {
      w.on('error', (err) => this.log.error({ err, queue: w.name }, 'worker error'));
      await w.waitUntilReady();
    }
    this.log.info({ queues: this.workers.map((w) => w.name), concurrency: opts.concurrency }, 'worker ready');
  }

  /** Lets running jobs finish (BullMQ close waits), then releases connections. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.profileQueue.close();
    await this.alertQueue.close();
    this.redis.disconnect();
    await this.neo4j.close();
  }
}
