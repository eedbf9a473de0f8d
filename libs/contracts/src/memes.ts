import { z } from 'zod';
import { ErrorInfoSchema } from './profiles';

export const ReproductionStepSchema = z.object({
  command: z.string().min(1).max(2000),
  note: z.string().max(2000).optional(),
});

export const VerificationMetricSchema = z.object({
  name: z.string().max(200).optional(),
  promql: z.string().min(1).max(2000),
});

/** The runbook an engineer writes from a meme screenshot; validated strictly at publish. */
export const RunbookDraftSchema = z.object({
  classId: z.string().min(1).max(100),
  title: z.string().min(1).max(300),
  summary: z.string().max(5000).optional(),
  reproduction: z.array(ReproductionStepSchema).max(50).default([]),
  verification: z.array(VerificationMetricSchema).max(10).default([]),
  rollback: z
    .object({
      steps: z.array(z.string().min(1).max(2000)).max(50).default([]),
      /** How many revisions `kubectl rollout history` (or helm history) shows: a rollback needs ≥ 2. */
      revisionsAvailable: z.number().int().min(0).max(10_000).optional(),
    })
    .default({ steps: [] }),
  fix: z
    .object({
      description: z.string().max(5000).optional(),
      commit: z.string().regex(/^[0-9a-f]{7,40}$/i, 'must be a git commit hash').optional(),
      commitMessage: z.string().max(500).optional(),
    })
    .optional(),
});
export type RunbookDraft = z.infer<typeof RunbookDraftSchema>;

export const OcrSignatureSchema = z.object({ kind: z.string(), text: z.string(), start: z.number().int().optional(), end: z.number().int().optional() });

export const MemeSubmissionStatusSchema = z.enum(['queued', 'processing', 'done', 'failed', 'published']);

export const MemeSubmissionSchema = z.object({
  id: z.string(),
  status: MemeSubmissionStatusSchema,
  caption: z.string().optional(),
  tags: z.array(z.string()),
  service: z.string().optional(),
  submittedBy: z.string(),
  createdAt: z.string(),
  image: z.object({ format: z.string(), width: z.number().int(), height: z.number().int(), size: z.number().int() }),
  ocr: z.object({ text: z.string(), confidence: z.number(), signatures: z.array(OcrSignatureSchema), ms: z.number() }).optional(),
  suggestions: z.array(z.object({ classId: z.string(), confidence: z.number() })),
  runbook: RunbookDraftSchema.optional(),
  incidentId: z.string().optional(),
  error: ErrorInfoSchema.optional(),
});
export type MemeSubmission = z.infer<typeof MemeSubmissionSchema>;

export const OcrJobSchema = z.object({ memeId: z.string(), blobKey: z.string(), trace: z.record(z.string(), z.string()).default({}) });
export type OcrJob = z.infer<typeof OcrJobSchema>;
