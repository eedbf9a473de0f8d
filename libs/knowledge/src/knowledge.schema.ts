import { RootCauseClassIds } from '@memegraph/contracts';
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);

export const LocalizedTextSchema = z.object({ zh: nonEmpty, en: nonEmpty });

/** Where a signal is seen; lets the UI group "how it shows up" by source. */
export const SignalSourceSchema = z.enum(['alert', 'log', 'kubectl', 'envoy', 'go-dump', 'profile', 'metric', 'chat']);

export const SignalSchema = z.object({ source: SignalSourceSchema, text: nonEmpty });

export const RunbookStepSchema = z.object({
  title: nonEmpty,
  /** Exact command(s) an on-call engineer can paste; placeholders are $UPPER_CASE. */
  command: nonEmpty,
  why: nonEmpty,
});

export const VerificationMetricSchema = z.object({
  name: nonEmpty,
  promql: nonEmpty,
  /** What the value looks like while the cause is active and once it is fixed. */
  expect: nonEmpty,
});

/** How to tell this class from a look-alike; used in docs and the UI, and as a reminder when writing examples. */
export const ConfusableSchema = z.object({ classId: z.enum(RootCauseClassIds), howToTell: nonEmpty });

export const RootCauseEntrySchema = z.object({
  id: z.enum(RootCauseClassIds),
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  signals: z.array(SignalSchema).min(3),
  /** Alerting rule names (kube-prometheus, node-exporter mixin, common exporters) that point straight at this class. */
  alertRules: z.array(nonEmpty),
  /** Rule names that fire for this class among others: weak evidence only. */
  relatedAlertRules: z.array(nonEmpty).default([]),
  confusableWith: z.array(ConfusableSchema).default([]),
  runbook: z.array(RunbookStepSchema).min(3),
  verification: z.array(VerificationMetricSchema).length(3),
  rollback: z.array(nonEmpty).min(1),
  /** Symptom texts written for training and tests: logs, kubectl output, alerts, dumps, chat. */
  examples: z.array(nonEmpty).min(25),
});

export const KnowledgeBaseDataSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version must be semver'),
    classes: z.array(RootCauseEntrySchema),
    /** Texts that belong to no class (chat, healthy logs, housekeeping alerts): teach "unknown". */
    negatives: z.array(nonEmpty).min(20),
  })
  .superRefine((kb, ctx) => {
    const seen = new Set<string>();
    for (const c of kb.classes) {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', message: `duplicate class ${c.id}` });
      seen.add(c.id);
    }
    for (const id of RootCauseClassIds) {
      if (!seen.has(id)) ctx.addIssue({ code: 'custom', message: `missing class ${id}` });
    }
  });

export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
export type SignalSource = z.infer<typeof SignalSourceSchema>;
export type Signal = z.infer<typeof SignalSchema>;
export type RunbookStep = z.infer<typeof RunbookStepSchema>;
export type VerificationMetric = z.infer<typeof VerificationMetricSchema>;
export type RootCauseEntry = z.infer<typeof RootCauseEntrySchema>;
/** What a data module declares (defaults not yet applied). */
export type RootCauseEntryInput = z.input<typeof RootCauseEntrySchema>;
export type KnowledgeBaseData = z.infer<typeof KnowledgeBaseDataSchema>;
