import { z } from 'zod';

export const ProfileStatusSchema = z.enum(['queued', 'processing', 'done', 'failed']);
export type ProfileStatus = z.infer<typeof ProfileStatusSchema>;

export const ValueTypeSchema = z.object({ type: z.string(), unit: z.string() });
export type ValueType = z.infer<typeof ValueTypeSchema>;

/** What the worker learns from one decoded pprof profile. */
export const ProfileSummarySchema = z.object({
  /** cpu, heap, allocs, goroutine, mutex, block, threadcreate, or unknown. */
  kind: z.string(),
  sampleTypes: z.array(ValueTypeSchema),
  defaultSampleType: z.string().optional(),
  periodType: ValueTypeSchema.optional(),
  period: z.number(),
  durationNanos: z.number(),
  timeNanos: z.number(),
  sampleCount: z.number().int(),
  /** Sum of each sample type's values, in sample-type order. */
  totals: z.array(z.object({ type: z.string(), unit: z.string(), total: z.number() })),
  locationCount: z.number().int(),
  functionCount: z.number().int(),
  hasSymbols: z.boolean(),
});
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>;

export const ErrorInfoSchema = z.object({ code: z.string(), message: z.string() });
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

export const ProfileRecordSchema = z.object({
  id: z.string(),
  filename: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  status: ProfileStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  summary: ProfileSummarySchema.optional(),
  error: ErrorInfoSchema.optional(),
});
export type ProfileRecord = z.infer<typeof ProfileRecordSchema>;

export const ProfileListSchema = z.object({
  items: z.array(ProfileRecordSchema),
  nextCursor: z.string().optional(),
});
export type ProfileList = z.infer<typeof ProfileListSchema>;

export const ProfileAcceptedSchema = z.object({ id: z.string(), status: ProfileStatusSchema });
export type ProfileAccepted = z.infer<typeof ProfileAcceptedSchema>;
