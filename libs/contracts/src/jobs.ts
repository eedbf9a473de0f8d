import { z } from 'zod';

/** W3C trace context carried inside job data, so worker spans join the request's trace. */
export const TraceCarrierSchema = z.record(z.string(), z.string());
export type TraceCarrier = z.infer<typeof TraceCarrierSchema>;

export const QueueNames = { profiles: 'profiles', alerts: 'alerts' } as const;

export const AnalyzeProfileJobSchema = z.object({
  profileId: z.string(),
  blobKey: z.string(),
  trace: TraceCarrierSchema.default({}),
});
export type AnalyzeProfileJob = z.infer<typeof AnalyzeProfileJobSchema>;
