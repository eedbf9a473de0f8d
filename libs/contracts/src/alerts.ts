import { z } from 'zod';

const labels = z.record(z.string(), z.string());
const isoTime = z.string().min(1);

/** One alert of a Prometheus Alertmanager webhook (payload version 4). */
export const AlertmanagerAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labels,
  annotations: labels.default({}),
  startsAt: isoTime,
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
});

export const AlertmanagerPayloadSchema = z.object({
  version: z.string().optional(),
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().optional(),
  groupLabels: labels.optional(),
  commonLabels: labels.optional(),
  commonAnnotations: labels.optional(),
  externalURL: z.string().optional(),
  alerts: z.array(AlertmanagerAlertSchema).min(1).max(1000),
});
export type AlertmanagerPayload = z.infer<typeof AlertmanagerPayloadSchema>;

/** Grafana unified alerting webhook: Alertmanager's shape plus Grafana's own fields. */
export const GrafanaPayloadSchema = AlertmanagerPayloadSchema.extend({
  alerts: z
    .array(
      AlertmanagerAlertSchema.extend({
        values: z.record(z.string(), z.unknown()).nullish(),
        valueString: z.string().optional(),
        dashboardURL: z.string().optional(),
        panelURL: z.string().optional(),
        silenceURL: z.string().optional(),
      }),
    )
    .min(1)
    .max(1000),
  orgId: z.number().optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
});
export type GrafanaPayload = z.infer<typeof GrafanaPayloadSchema>;

/** The generic webhook: a small documented shape for anything else that can POST JSON. */
export const GenericAlertSchema = z.object({
  name: z.string().min(1).max(200),
  status: z.enum(['firing', 'resolved']).default('firing'),
  severity: z.string().max(50).optional(),
  service: z.string().max(200).optional(),
  description: z.string().max(20_000).optional(),
  labels: labels.default({}),
  annotations: labels.default({}),
  startsAt: isoTime.optional(),
  endsAt: z.string().optional(),
  fingerprint: z.string().max(200).optional(),
  url: z.string().max(2000).optional(),
});
export const GenericPayloadSchema = z.object({ source: z.string().max(100).optional(), alerts: z.array(GenericAlertSchema).min(1).max(1000) });
export type GenericPayload = z.infer<typeof GenericPayloadSchema>;

export const AlertSourceSchema = z.enum(['alertmanager', 'grafana', 'generic']);
export type AlertSource = z.infer<typeof AlertSourceSchema>;

export const AlertStatusSchema = z.enum(['firing', 'resolved']);

/** Every source's alert in one shape. `id` is stable per (source, fingerprint, startsAt). */
export const NormalizedAlertSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  source: AlertSourceSchema,
  fingerprint: z.string(),
  name: z.string(),
  status: AlertStatusSchema,
  labels: labels,
  annotations: labels,
  startsAt: z.string(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  service: z.string().optional(),
  groupKey: z.string().optional(),
});
export type NormalizedAlert = z.infer<typeof NormalizedAlertSchema>;

/** What the API knows of an alert it accepted and the worker has not stored yet. */
export interface PendingAlert {
  /** The latest delivery of the alert. */
  alert: NormalizedAlert;
  /** When the API first accepted it. */
  receivedAt: string;
  /** Deliveries accepted and not yet stored. */
  deliveries: number;
  /** Set once any of those deliveries said resolved (a later firing copy does not reopen it). */
  resolved?: { endsAt?: string };
}

/** `skipped`: the alert was first seen already resolved, so there was nothing firing to diagnose. */
export const EnrichmentStatusSchema = z.enum(['pending', 'enriching', 'enriched', 'failed', 'skipped']);

export const AlertRecordSchema = z.object({
  id: z.string(),
  source: AlertSourceSchema,
  fingerprint: z.string(),
  name: z.string(),
  status: AlertStatusSchema,
  enrichment: EnrichmentStatusSchema,
  service: z.string().optional(),
  labels: labels,
  annotations: labels,
  startsAt: z.string(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  receivedAt: z.string(),
  deliveries: z.number().int(),
  incidentId: z.string().optional(),
  topClassId: z.string().optional(),
  topConfidence: z.number().optional(),
});
export type AlertRecord = z.infer<typeof AlertRecordSchema>;

export const AlertsAcceptedSchema = z.object({
  accepted: z.number().int(),
  alertIds: z.array(z.string()),
  truncatedAlerts: z.number().int().optional(),
});
export type AlertsAccepted = z.infer<typeof AlertsAcceptedSchema>;

export const EnrichAlertJobSchema = z.object({ alertId: z.string(), trace: z.record(z.string(), z.string()).default({}) });
export type EnrichAlertJob = z.infer<typeof EnrichAlertJobSchema>;

/**
 * One accepted webhook delivery, as the API hands it to the worker: the alerts it carried and
 * when the API accepted them (the alerts' `receivedAt`, whenever the worker gets to the job).
 */
export const IngestAlertsJobSchema = z.object({
  alerts: z.array(NormalizedAlertSchema).min(1),
  receivedAt: z.iso.datetime({ offset: true }),
  trace: z.record(z.string(), z.string()).default({}),
});
export type IngestAlertsJob = z.infer<typeof IngestAlertsJobSchema>;
