import { type z } from 'zod';
import { type AlertInputSchema } from './diagnosis.schema';

type ParsedAlertInput = z.output<typeof AlertInputSchema>;

export interface NormalizedAlerts {
  alertnames: string[];
  /** Every label of every alert, deduplicated, in first-seen order. */
  labels: { key: string; value: string }[];
  /** Annotations (summary, description, message, ...) rendered as text for the model and signatures. */
  text: string;
}

/** Annotation keys whose values are prose worth reading, in reading order; others follow alphabetically. */
const MAX_PARAGRAPHS = 20;
const PROSE_KEYS = ['summary', 'message', 'description'];
/** Labels that only identify where an alert fired; their values say nothing about the cause. */
const IDENTITY_LABELS = new Set(['prometheus', 'endpoint', 'instance', 'job', 'service', 'uid', 'receiver', 'cluster', 'region', 'env', 'environment', 'team', 'severity', 'alertstate']);

export function normalizeAlerts(input: ParsedAlertInput): NormalizedAlerts {
  const alerts = 'alerts' in input && Array.isArray(input.alerts) ? input.alerts : [input as Exclude<ParsedAlertInput, { alerts: unknown[] }>];
  const common = 'alerts' in input ? { labels: input.commonLabels ?? {}, annotations: input.commonAnnotations ?? {} } : { labels: {}, annotations: {} };
  const alertnames: string[] = [];
  const labels: { key: string; value: string }[] = [];
  const seenLabels = new Set<string>();
  const paragraphs: string[] = [];
  const seenParagraphs = new Set<string>();
  for (const alert of alerts.length ? alerts : [{ labels: common.labels, annotations: common.annotations }]) {
    const alertLabels: Record<string, string> = { ...common.labels, ...(alert.labels ?? {}) };
    const annotations: Record<string, string> = { ...common.annotations, ...(alert.annotations ?? {}) };
    const name = alertLabels['alertname'];
    if (name && !alertnames.includes(name)) alertnames.push(name);
    for (const [key, value] of Object.entries(alertLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (key === 'alertname' || IDENTITY_LABELS.has(key)) continue;
      const id = `${key}=${value}`;
      if (!seenLabels.has(id)) {
        seenLabels.add(id);
        labels.push({ key, value });
      }
    }
    const keys = Object.keys(annotations).sort((a, b) => {
      const ia = PROSE_KEYS.indexOf(a);
      const ib = PROSE_KEYS.indexOf(b);
      if (ia !== ib) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const lines = [name ? `alertname: ${name}` : '', ...keys.map((k) => `${k}: ${annotations[k]}`)].filter(Boolean);
    const paragraph = lines.join('\n');
    if (paragraph && !seenParagraphs.has(paragraph)) {
      seenParagraphs.add(paragraph);
      paragraphs.push(paragraph);
    }
  }
  // A storm of 500 alerts for 500 pods says the same thing 500 times: a few paragraphs are enough.
  return { alertnames, labels, text: paragraphs.slice(0, MAX_PARAGRAPHS).join('\n\n') };
}
