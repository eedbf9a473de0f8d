import { z } from 'zod';
import { ErrorInfoSchema } from './profiles';

/** W3C trace context carried inside job data, so worker spans join the request's trace. */
export const TraceCarrierSchema = z.record(z.string(), z.string());
export type TraceCarrier = z.infer<typeof TraceCarrierSchema>;

export const QueueNames = { profiles: 'profiles', alertIngest: 'alert-ingest', alerts: 'alerts', captures: 'captures', ocr: 'ocr', model: 'model' } as const;

export const AnalyzeProfileJobSchema = z.object({
  profileId: z.string(),
  blobKey: z.string(),
  trace: TraceCarrierSchema.default({}),
});
export type AnalyzeProfileJob = z.infer<typeof AnalyzeProfileJobSchema>;

export const CaptureKindSchema = z.enum(['cpu', 'heap', 'allocs', 'goroutine', 'goroutine-debug2', 'mutex', 'block']);

/** POST /v1/captures: fetch profiles live from a Go service exposing net/http/pprof. */
export const CaptureRequestSchema = z.object({
  target: z.string().min(1).max(2000),
  kinds: z.array(CaptureKindSchema).min(1).max(7).default(['cpu', 'heap', 'goroutine']),
  seconds: z.number().int().min(1).max(300).default(30),
});
export type CaptureRequest = z.infer<typeof CaptureRequestSchema>;

export const CaptureJobSchema = z.object({
  captureId: z.string(),
  target: z.string(),
  kinds: z.array(CaptureKindSchema),
  seconds: z.number().int(),
  trace: TraceCarrierSchema.default({}),
});
export type CaptureJob = z.infer<typeof CaptureJobSchema>;

export const CaptureRecordSchema = z.object({
  id: z.string(),
  target: z.string(),
  kinds: z.array(z.string()),
  seconds: z.number(),
  status: z.enum(['queued', 'capturing', 'done', 'failed']),
  createdAt: z.string(),
  profileIds: z.array(z.string()),
  failures: z.array(z.object({ kind: z.string(), code: z.string(), message: z.string() })),
  error: ErrorInfoSchema.optional(),
});
export type CaptureRecord = z.infer<typeof CaptureRecordSchema>;

export const RebuildModelJobSchema = z.object({ reason: z.string(), trace: TraceCarrierSchema.default({}) });
export type RebuildModelJob = z.infer<typeof RebuildModelJobSchema>;
