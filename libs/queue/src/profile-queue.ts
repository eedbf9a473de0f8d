import { AnalyzeProfileJobSchema, type AnalyzeProfileJob, type CaptureJob, CaptureJobSchema, type OcrJob, OcrJobSchema, type RebuildModelJob, RebuildModelJobSchema, EnrichAlertJobSchema, type EnrichAlertJob, IngestAlertsJobSchema, type IngestAlertsJob, type NormalizedAlert, QueueNames } from '@memegraph/contracts';
import { randomUUID } from 'node:crypto';
import { type Worker } from 'bullmq';
import { type Redis } from 'ioredis';
import { JobQueue, type JobProcessor, type QueueOptions, startJobWorker } from './job-queue';

/** Profile analysis: one job per uploaded profile (job id = profile id). */
export class ProfileQueue extends JobQueue<AnalyzeProfileJob> {
  constructor(connection: Redis, opts: QueueOptions) {
    super(QueueNames.profiles, connection, opts);
  }

  enqueueAnalysis(job: Omit<AnalyzeProfileJob, 'trace'>): Promise<void> {
    return this.enqueue(job.profileId, job, 'analyze');
  }
}

/**
 * Accepted webhook deliveries on their way into the graph: one job per delivery, written by
 * the API before its 202 (Redis with AOF is the point of acceptance) and stored by a worker.
 */
export class AlertIngestQueue extends JobQueue<IngestAlertsJob> {
  constructor(connection: Redis, opts: QueueOptions) {
    // Completed deliveries carry whole payloads and are in the graph already: keep few.
    super(QueueNames.alertIngest, connection, { keepCompleted: 1_000, ...opts });
  }

  enqueueIngest(alerts: NormalizedAlert[], receivedAt: string): Promise<void> {
    return this.enqueue(randomUUID(), { alerts, receivedAt }, 'ingest');
  }
}

export const startAlertIngestWorker = (connection: Redis, opts: QueueOptions & { concurrency: number }, processor: JobProcessor<IngestAlertsJob>): Worker<IngestAlertsJob> =>
  startJobWorker(QueueNames.alertIngest, IngestAlertsJobSchema, connection, opts, processor);

/** Alert enrichment: one job per alert (job id = alert id, so a duplicate delivery is one job). */
export class AlertQueue extends JobQueue<EnrichAlertJob> {
  constructor(connection: Redis, opts: QueueOptions) {
    super(QueueNames.alerts, connection, opts);
  }

  enqueueEnrichment(alertIds: string[]): Promise<void> {
    return this.enqueueMany(
      alertIds.map((alertId) => ({ jobId: alertId, data: { alertId } })),
      'enrich',
    );
  }
}

export const startProfileWorker = (connection: Redis, opts: QueueOptions & { concurrency: number }, processor: JobProcessor<AnalyzeProfileJob>): Worker<AnalyzeProfileJob> =>
  startJobWorker(QueueNames.profiles, AnalyzeProfileJobSchema, connection, opts, processor);

export const startAlertWorker = (connection: Redis, opts: QueueOptions & { concurrency: number }, processor: JobProcessor<EnrichAlertJob>): Worker<EnrichAlertJob> =>
  startJobWorker(QueueNames.alerts, EnrichAlertJobSchema, connection, opts, processor);

export type { JobProcessor };

/** Live captures run in the worker (it alone reaches out to services, under the allowlist). */
export class CaptureQueue extends JobQueue<CaptureJob> {
  constructor(connection: Redis, opts: QueueOptions) {
    super(QueueNames.captures, connection, opts);
  }

  enqueueCapture(job: Omit<CaptureJob, 'trace'>): Promise<void> {
    return this.enqueue(job.captureId, job, 'capture');
  }
}

export const startCaptureWorker = (connection: Redis, opts: QueueOptions & { concurrency: number }, processor: JobProcessor<CaptureJob>): Worker<CaptureJob> =>
  startJobWorker(QueueNames.captures, CaptureJobSchema, connection, opts, processor);

/** OCR of submitted meme screenshots (job id = meme id). */
export class OcrQueue extends JobQueue<OcrJob> {
  constructor(connection: Redis, opts: QueueOptions) {
    super(QueueNames.ocr, connection, opts);
  }

  enqueueOcr(job: Omit<OcrJob, 'trace'>): Promise<void> {
    return this.enqueue(job.memeId, job, 'ocr');
  }
}

export const startOcrWorker = (connection: Redis, opts: QueueOptions & { concurrency: number }, processor: JobProcessor<OcrJob>): Worker<OcrJob> =>
  startJobWorker(QueueNames.ocr, OcrJobSchema, connection, opts, processor);

/** Diagnosis-model rebuilds; requests within the same second collapse into one job. */
export class ModelQueue extends JobQueue<RebuildModelJob> {
  constructor(connection: Redis, opts: QueueOptions) {
    super(QueueNames.model, connection, opts);
  }

  enqueueRebuild(reason: string): Promise<void> {
    return this.enqueue(`rebuild-${Math.floor(Date.now() / 1000)}`, { reason }, 'rebuild');
  }
}

export const startModelWorker = (connection: Redis, opts: QueueOptions & { concurrency: number }, processor: JobProcessor<RebuildModelJob>): Worker<RebuildModelJob> =>
  startJobWorker(QueueNames.model, RebuildModelJobSchema, connection, opts, processor);
