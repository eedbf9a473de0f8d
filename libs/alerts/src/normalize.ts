import { createHash } from 'node:crypto';
import {
  AlertmanagerPayloadSchema,
  type AlertSource,
  AppError,
  GenericPayloadSchema,
  GrafanaPayloadSchema,
  type NormalizedAlert,
} from '@memegraph/contracts';
import type { z } from 'zod';

/** Which labels name the service, in order of preference (configurable). */
export const DEFAULT_SERVICE_LABELS = ['service', 'app', 'app_kubernetes_io_name', 'job', 'container', 'deployment', 'namespace'];

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Alertmanager's own fingerprint when given; otherwise a hash of the sorted label set. */
export const labelFingerprint = (labels: Record<string, string>): string =>
  sha(
    Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join('\u0000'),
  ).slice(0, 16);

/** The same alert (source, fingerprint, startsAt) always gets the same id: deliveries are idempotent. */
export const alertId = (source: AlertSource, fingerprint: string, startsAt: string): string => sha(`${source}\u0000${fingerprint}\u0000${new Date(startsAt).toISOString()}`).slice(0, 32);

export function serviceOf(labels: Record<string, string>, serviceLabels: string[] = DEFAULT_SERVICE_LABELS): string | undefined {
  for (const key of serviceLabels) if (labels[key]) return labels[key];
  return undefined;
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.') || '(body)';
  throw new AppError('VALIDATION_FAILED', `${field}: ${issue.message}`, { field });
}

function checkTime(value: string, field: string): string {
  if (Number.isNaN(Date.parse(value))) throw new AppError('VALIDATION_FAILED', `${field}: not a timestamp: ${value}`, { field });
  return new Date(value).toISOString();
}

/** Go's zero time, which Alertmanager sends as endsAt of firing alerts. */
const meaningfulEnd = (endsAt: string | undefined) => (endsAt && !endsAt.startsWith('0001-01-01') ? endsAt : undefined);

export interface NormalizeOptions {
  serviceLabels?: string[];
  now?: () => Date;
}

/** Alertmanager (v4) and Grafana payloads share one shape. */
function fromAlertmanagerLike(source: 'alertmanager' | 'grafana', body: unknown, o: NormalizeOptions): { alerts: NormalizedAlert[]; truncated: number } {
  const payload = source === 'grafana' ? parse(GrafanaPayloadSchema, body) : parse(AlertmanagerPayloadSchema, body);
  const alerts = payload.alerts.map((a, i) => {
    const startsAt = checkTime(a.startsAt, `alerts.${i}.startsAt`);
    const fingerprint = a.fingerprint || labelFingerprint(a.labels);
    const endsAt = meaningfulEnd(a.endsAt);
    return {
      id: alertId(source, fingerprint, startsAt),
      source,
      fingerprint,
      name: a.labels.alertname ?? 'unnamed',
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt,
      ...(endsAt ? { endsAt: checkTime(endsAt, `alerts.${i}.endsAt`) } : {}),
      ...(a.generatorURL ? { generatorURL: a.generatorURL } : {}),
      ...(payload.groupKey ? { groupKey: payload.groupKey } : {}),
      service: serviceOf(a.labels, o.serviceLabels),
    } satisfies NormalizedAlert;
  });
  return { alerts, truncated: payload.truncatedAlerts ?? 0 };
}

function fromGeneric(body: unknown, o: NormalizeOptions): { alerts: NormalizedAlert[]; truncated: number } {
  const payload = parse(GenericPayloadSchema, body);
  const now = (o.now ?? (() => new Date()))();
  const alerts = payload.alerts.map((a, i) => {
    const labels = { alertname: a.name, ...a.labels, ...(a.service ? { service: a.service } : {}), ...(a.severity ? { severity: a.severity } : {}) };
    const annotations = { ...a.annotations, ...(a.description ? { description: a.description } : {}) };
    const startsAt = a.startsAt ? checkTime(a.startsAt, `alerts.${i}.startsAt`) : now.toISOString();
    const fingerprint = a.fingerprint || labelFingerprint(labels);
    return {
      id: alertId('generic', fingerprint, startsAt),
      source: 'generic' as const,
      fingerprint,
      name: a.name,
      status: a.status,
      labels,
      annotations,
      startsAt,
      ...(a.endsAt ? { endsAt: checkTime(a.endsAt, `alerts.${i}.endsAt`) } : {}),
      ...(a.url ? { generatorURL: a.url } : {}),
      service: serviceOf(labels, o.serviceLabels),
    } satisfies NormalizedAlert;
  });
  return { alerts, truncated: 0 };
}

/** Validates a webhook body and returns its alerts in the common shape (400 names the field at fault). */
export function normalizeAlerts(source: AlertSource, body: unknown, o: NormalizeOptions = {}): { alerts: NormalizedAlert[]; truncated: number } {
  return source === 'generic' ? fromGeneric(body, o) : fromAlertmanagerLike(source, body, o);
}
