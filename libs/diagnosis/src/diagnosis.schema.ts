import { z } from 'zod';

const stringRecord = z.record(z.string(), z.unknown()).transform((r) =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
);

/** One Alertmanager/Prometheus alert. Only labels and annotations matter; everything else is tolerated. */
export const AlertSchema = z
  .object({
    labels: stringRecord.optional(),
    annotations: stringRecord.optional(),
    status: z.string().optional(),
    generatorURL: z.string().optional(),
  })
  .loose();

/** An alert object, or a whole Alertmanager webhook payload ({alerts: [...], commonLabels, ...}). */
export const AlertInputSchema = z.union([
  z
    .object({
      alerts: z.array(AlertSchema),
      commonLabels: stringRecord.optional(),
      commonAnnotations: stringRecord.optional(),
      groupLabels: stringRecord.optional(),
      status: z.string().optional(),
    })
    .loose(),
  AlertSchema,
]);

/** A finding from the profile detectors (libs/detectors) or any analysis that names a class. */
export const FindingInputSchema = z.object({
  classId: z.string(),
  confidence: z.number().min(0).max(1),
  severity: z.string().optional(),
  title: z.string().optional(),
});

export const DiagnosisInputSchema = z
  .object({
    text: z.string().optional(),
    alert: AlertInputSchema.optional(),
    findings: z.array(FindingInputSchema).optional(),
    service: z.string().optional(),
  })
  .refine((i) => i.text !== undefined || i.alert !== undefined || (i.findings?.length ?? 0) > 0, {
    message: 'one of text, alert or findings is required',
  });

export type AlertInput = z.input<typeof AlertInputSchema>;
export type FindingInput = z.infer<typeof FindingInputSchema>;
export type DiagnosisInput = z.input<typeof DiagnosisInputSchema>;
export type ParsedDiagnosisInput = z.output<typeof DiagnosisInputSchema>;

/** What drove a class's score, precisely enough to highlight it in the UI. */
export type Evidence =
  | { kind: 'text-span'; start: number; end: number; text: string; signature?: string }
  | { kind: 'label'; key: string; value: string }
  | { kind: 'alertname'; value: string }
  | { kind: 'finding'; classId: string; confidence: number }
  | { kind: 'model'; terms: string[] };

export interface RankedCause {
  classId: string;
  /** Calibrated probability that this class is the root cause. */
  confidence: number;
  evidence: Evidence[];
}

export interface DiagnosisTop {
  classId: string;
  title: string;
  titleZh: string;
  summary: string;
  runbook: { title: string; command: string; why: string }[];
  verification: { name: string; promql: string; expect: string }[];
  rollback: string[];
}

export interface Diagnosis {
  ranking: RankedCause[];
  /** True when nothing fits above the floor: no cause is claimed and `top` is absent. */
  unknown: boolean;
  top?: DiagnosisTop;
  modelVersion: string;
  /** The text the spans point into when it is not exactly input.text (alerts are rendered to text after it). */
  analyzedText?: string;
  service?: string;
}
