import { type TraceCarrier } from '@memegraph/contracts';
import { injectTraceContext, withSpan } from '@memegraph/telemetry';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { type Redis } from 'ioredis';
import { type z } from 'zod';

export interface QueueOptions {
  prefix: string;
  attempts: number;
  /** How long a worker holds a job before others may take it over (a crashed worker's jobs return after this). */
  lockMs?: number;
  enqueueTimeoutMs?: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
  /** Completed jobs kept (for a week at most) before BullMQ removes them. */
  keepCompleted?: number;
}

export type JobCounts = Record<'waiting' | 'active' | 'delayed' | 'completed' | 'failed', number>;

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  p.catch(() => undefined); // a late rejection after the timeout must not go unhandled
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A named BullMQ queue as producers see it. Jobs are idempotent by id (BullMQ ignores a
 * second add with the same id) and carry the caller's trace context.
 */
export class JobQueue<T extends { trace: TraceCarrier }> {
  protected readonly queue: Queue<T>;

  constructor(
    readonly name: string,
    connection: Redis,
    private readonly opts: QueueOptions,
  ) {
    this.queue = new Queue<T>(name, { connection, prefix: opts.prefix });
    // Connection errors surface as failed enqueues (503) and on /readyz, not as crashes.
    this.queue.on('error', () => undefined);
  }

  /** Retries with exponential backoff; failed jobs stay (the dead-letter list). */
  private jobOptions() {
    return {
      attempts: this.opts.attempts,
      backoff: { type: 'exponential', delay: this.opts.backoffMs ?? 1_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: this.opts.keepCompleted ?? 10_000 },
      removeOnFail: false,
    };
  }

  async enqueue(jobId: string, data: Omit<T, 'trace'>, jobName = 'run'): Promise<void> {
    await withSpan(`queue.enqueue ${this.name}`, { 'messaging.system': 'bullmq', 'messaging.destination.name': this.name }, async () => {
      const added = this.queue.add(jobName as never, { ...data, trace: injectTraceContext() } as never, {
        jobId,
        ...this.jobOptions(),
      });
      // BullMQ waits for a connection forever; a caller must hear "unavailable" instead.
      await withTimeout(added, this.opts.enqueueTimeoutMs ?? 5_000, 'Redis did not accept the job in time');
    });
  }

  /** Many jobs in one Redis round trip (same options as enqueue). */
  async enqueueMany(jobs: { jobId: string; data: Omit<T, 'trace'> }[], jobName = 'run'): Promise<void> {
    if (jobs.length === 0) return;
    await withSpan(`queue.enqueue ${this.name}`, { 'messaging.system': 'bullmq', 'messaging.destination.name': this.name, 'messaging.batch.message_count': jobs.length }, async () => {
      const trace = injectTraceContext();
      const added = this.queue.addBulk(
        jobs.map((j) => ({
          name: jobName as never,
          data: { ...j.data, trace } as never,
          opts: { jobId: j.jobId, ...this.jobOptions() },
        })),
      );
      await withTimeout(added, this.opts.enqueueTimeoutMs ?? 5_000, 'Redis did not accept the jobs in time');
    });
  }

  async counts(): Promise<JobCounts> {
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    return { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 };
  }

  /** Jobs that used up their attempts: the dead-letter list. */
  async deadLetters(limit = 50): Promise<{ id: string; data: T; failedReason: string; attemptsMade: number; finishedOn?: number }[]> {
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs.map((j) => ({ id: String(j.id), data: j.data as T, failedReason: j.failedReason, attemptsMade: j.attemptsMade, finishedOn: j.finishedOn }));
  }

  /**
   * Puts a dead-lettered job back in the queue with fresh attempts (after the cause is fixed:
   * Neo4j back, a bug deployed away). False when no failed job has that id.
   */
  async retryDeadLetter(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed', { resetAttemptsMade: true });
    return true;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

export type JobProcessor<T> = (job: T, meta: { attempt: number; maxAttempts: number; id: string }) => Promise<void>;

/** Starts a worker on a queue; more processes running this scale out. */
export function startJobWorker<S extends z.ZodType<{ trace: TraceCarrier }>>(
  name: string,
  schema: S,
  connection: Redis,
  opts: QueueOptions & { concurrency: number },
  processor: JobProcessor<z.infer<S>>,
): Worker<z.infer<S>> {
  return new Worker<z.infer<S>>(
    name,
    async (job: Job<z.infer<S>>) => {
      const parsed = schema.safeParse(job.data);
      // A malformed job cannot succeed on retry: straight to the dead-letter list.
      if (!parsed.success) throw new UnrecoverableError(`malformed ${name} job: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
      const data = parsed.data;
      await processor(data, { attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1, id: String(job.id) });
    },
    { connection, prefix: opts.prefix, concurrency: opts.concurrency, lockDuration: opts.lockMs ?? 30_000, stalledInterval: opts.lockMs ?? 30_000 },
  );
}
