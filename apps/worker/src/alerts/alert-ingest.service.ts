import { Inject, Injectable } from '@nestjs/common';
import { type IngestAlertsJob } from '@memegraph/contracts';
import { AlertRepository, type IncomingAlert, type UpsertResult } from '@memegraph/graph';
import { AlertQueue, EventBus, PendingAlerts } from '@memegraph/queue';
import { withJobSpan } from '@memegraph/telemetry';
import { type Config } from '@memegraph/config';
import { CONFIG } from '../tokens';
import { MicroBatcher } from './micro-batcher';

/**
 * Stores accepted webhook deliveries in the graph and queues their enrichment. Deliveries the
 * worker holds at once share one Neo4j transaction (the micro-batcher); each job then queues
 * the enrichment of its own alerts under its own trace and settles their read-through records.
 * Enrichment is queued for every stored alert still pending — not only for new ones —
 * so a job retried after a crash between the commit and the enqueue still queues it (the
 * enrichment job id is the alert id, so this never queues one twice).
 */
@Injectable()
export class AlertIngestService {
  private readonly batcher: MicroBatcher<IncomingAlert, UpsertResult>;

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly alerts: AlertRepository,
    private readonly enrichment: AlertQueue,
    private readonly pending: PendingAlerts,
    private readonly events: EventBus,
  ) {
    this.batcher = new MicroBatcher((batch) => this.alerts.upsert(batch), config.ALERT_INGEST_BATCH);
  }

  async ingest(job: IngestAlertsJob): Promise<UpsertResult[]> {
    return withJobSpan('alerts.ingest', job.trace, { 'messaging.system': 'bullmq', 'memegraph.alerts.count': job.alerts.length }, async () => {
      const results = await this.batcher.submit(job.alerts.map((a) => ({ ...a, receivedAt: job.receivedAt })));
      // Every alert seen firing is diagnosed, even one that resolved a moment later (a flapping alert is worth a look).
      const toEnrich = [...new Set(results.filter((r) => r.enrichment === 'pending').map((r) => r.id))];
      await this.enrichment.enqueueEnrichment(toEnrich);
      await this.pending.settle(job.alerts.map((a) => a.id));
      for (const r of results) void this.events.publish({ type: r.created ? 'alert.received' : 'alert.updated', id: r.id, data: { status: r.status } });
      return results;
    });
  }
}
