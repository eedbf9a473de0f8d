import { type AlertRecord, type PendingAlert } from '@memegraph/contracts';

/**
 * The alert as readers see it: what the graph holds, plus the deliveries the API has accepted
 * and the worker has not stored yet. An alert is readable from the moment its 202 is sent.
 */
export function readThrough(stored: AlertRecord | undefined, pending: PendingAlert | undefined): AlertRecord | undefined {
  if (!pending) return stored;
  const resolved = pending.resolved ? { status: 'resolved' as const, ...(pending.resolved.endsAt ? { endsAt: pending.resolved.endsAt } : {}) } : {};
  if (stored) return { ...stored, deliveries: stored.deliveries + pending.deliveries, ...resolved };
  const a = pending.alert;
  return {
    id: a.id,
    source: a.source,
    fingerprint: a.fingerprint,
    name: a.name,
    status: a.status,
    // What the worker will decide: an alert first seen resolved has nothing firing to diagnose.
    enrichment: a.status === 'resolved' ? 'skipped' : 'pending',
    ...(a.service ? { service: a.service } : {}),
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    ...(a.generatorURL ? { generatorURL: a.generatorURL } : {}),
    receivedAt: pending.receivedAt,
    deliveries: pending.deliveries,
    ...resolved,
  };
}
