import { type MarkdownRunbook } from './markdown-runbook';

/** Below this the engine is not sure enough to link an alert rule to a root cause: a wrong link
 * would teach every later diagnosis of that alert the wrong runbook. */
export const RUNBOOK_LINK_CONFIDENCE = 0.8;

/** The part of the diagnosis model this needs (structural, so this lib stays independent of it). */
export interface AlertDiagnoser {
  diagnose(input: { alert: { labels: Record<string, string>; annotations: Record<string, string> } }): {
    unknown: boolean;
    ranking: { classId: string; confidence: number }[];
  };
}

export interface RunbookLink {
  alertName: string;
  classId?: string;
  confidence?: number;
}

/** Asks the diagnosis engine which root cause an alert rule signals, from its name and runbook text. */
export function classifyRunbook(model: AlertDiagnoser, rb: MarkdownRunbook): RunbookLink {
  const d = model.diagnose({
    alert: { labels: { alertname: rb.alertName }, annotations: { summary: rb.title, description: [rb.meaning, rb.impact].filter(Boolean).join('\n') } },
  });
  const top = d.ranking[0];
  if (d.unknown || !top || top.confidence < RUNBOOK_LINK_CONFIDENCE) return { alertName: rb.alertName };
  return { alertName: rb.alertName, classId: top.classId, confidence: top.confidence };
}
