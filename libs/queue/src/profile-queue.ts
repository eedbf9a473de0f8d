import { AnalyzeProfileJobSchema, type AnalyzeProfileJob, QueueNames } from '@memegraph/contracts';
import { injectTraceContext, withSpan } from '@memegraph/telemetry';
import { type Job, Queue, Worker } from 'bullmq';
import { type Redis } from 'ioredis';

export interface QueueOptions {
  prefix: string;
  attempts: number;
  enqueueTimeoutMs?: number;
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  p.catch(() => undefined); // a late rejection after the timeout must not go unhandled
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export type JobCounts = Record<'waiting' | 'active' | 'delayed' | 'completed' | 'failed', number>;

/** The profile-analysis queue as the API sees it: enqueue, count, ping. */
export class ProfileQueue {
  private readonly queue: Queue<AnalyzeProfileJob>;

  constructor(
    connection: Redis,
    private readonly opts: QueueOptions,
  ) {
    this.queue = new Queue<AnalyzeProfileJob>(QueueNames.profiles, { connection, prefix: opts.prefix });
    // Connection errors surface as failed enqueues (503) and on /readyz, not as crashes.
    this.queue.on('error', () => undefined);
  }

  /** Enqueues once per profile id (the job id), carrying the caller's trace context. */
  async enqueueAnalysis(job: Omit<AnalyzeProfileJob, 'trace'>): Promise<void> {
    await withSpan('queue.enqueue profiles', { 'messaging.system': 'bullmq', 'messaging.destination.name': QueueNames.profiles }, async () => {
      const data: AnalyzeProfileJob = { ...job, trace: injectTraceContext() };
      const added = this.queue.add('analyze', data, {
        jobId: job.profileId,
        attempts: this.opts.attempts,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
        removeOnFail: false,
      });
      // BullMQ waits for a connection forever; a caller must hear "unavailable" instead.
      await withTimeout(added, this.opts.enqueueTimeoutMs ?? 5_000, 'Redis did not accept the job in time');
    });
  }

  async counts(): Promise<JobCounts> {
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    return { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

export type ProfileProcessor = (job: AnalyzeProfileJob, meta: { attempt: number; maxAttempts: number }) => Promise<void>;

/** Starts a worker on the profile queue; more processes running this scale out. */
export function startProfileWorker(connection: Redis, opts: QueueOptions & { concurrency: number }, processor: ProfileProcessor): Worker<AnalyzeProfileJob> {
  return new Worker<AnalyzeProfileJob>(
    QueueNames.profiles,
    async (job: Job<AnalyzeProfileJob>) => {
      const data = AnalyzeProfileJobSchema.parse(job.data);
      await processor(data, { attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 });
    },
    { connection, prefix: opts.prefix, concurrency: opts.concurrency },
  );
}
