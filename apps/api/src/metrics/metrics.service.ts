import { Inject, Injectable } from '@nestjs/common';
import { AlertIngestQueue, AlertQueue, CaptureQueue, type JobCounts, ModelQueue, OcrQueue, ProfileQueue } from '@memegraph/queue';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of this API process; queue figures are read from Redis at scrape time. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'memegraph_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(
    @Inject(ProfileQueue) profiles: ProfileQueue,
    @Inject(AlertIngestQueue) ingest: AlertIngestQueue,
    @Inject(AlertQueue) alerts: AlertQueue,
    @Inject(CaptureQueue) captures: CaptureQueue,
    @Inject(OcrQueue) ocr: OcrQueue,
    @Inject(ModelQueue) model: ModelQueue,
  ) {
    // A growing alert-ingest or alerts depth means the workers are behind: alert on it.
    const queues: { name: string; counts: () => Promise<JobCounts> }[] = [profiles, ingest, alerts, captures, ocr, model];
    collectDefaultMetrics({ register: this.registry, prefix: 'memegraph_api_' });
    const jobs = new Gauge({
      name: 'memegraph_queue_jobs',
      help: 'Jobs per queue and state (waiting/active/delayed = depth; completed/failed = processed so far, within retention).',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        await Promise.all(
          queues.map(async (q) => {
            try {
              for (const [state, n] of Object.entries(await q.counts())) this.set({ queue: q.name, state }, n);
            } catch {
              // Redis down: keep the last values; /readyz reports the outage.
            }
          }),
        );
      },
    });
    void jobs;
  }
}
