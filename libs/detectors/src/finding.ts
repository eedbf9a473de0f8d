import { RootCauseClassIds } from '@memegraph/contracts';
import { z } from 'zod';

/**
 * What the detectors report. Defined here (zod schema + inferred type) until the lead moves
 * them into @memegraph/contracts; nothing in this file depends on the detectors' internals.
 */

export const SeveritySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

/** A function named in the evidence, with its share of the profile it came from. */
export const EvidenceFrameSchema = z.object({
  name: z.string(),
  flatPct: z.number().optional(),
  cumPct: z.number().optional(),
});
export type EvidenceFrame = z.infer<typeof EvidenceFrameSchema>;

/** A quantity measured in two snapshots: from, to, and the rate when both have a timestamp. */
export const GrowthSchema = z.object({
  from: z.number(),
  to: z.number(),
  perSecond: z.number().optional(),
  /** Seconds between the two snapshots, when known. */
  seconds: z.number().optional(),
  /** 'bytes' or 'goroutines'. */
  unit: z.string(),
});
export type Growth = z.infer<typeof GrowthSchema>;

/** Goroutines waiting for one lock at one call site. */
export const LockWaitersSchema = z.object({
  /** The call site waiting: the first frame above sync.(*Mutex).Lock. */
  site: z.string(),
  /** "file:line" of the call site when the dump shows it. */
  where: z.string().optional(),
  count: z.number(),
  waitMinutes: z.number().optional(),
  ids: z.array(z.number()).optional(),
});

/** One lock of a wait-for cycle: who waits for it, and who (most likely) holds it. */
export const CycleLinkSchema = z.object({
  /** The mutex address from the dump's lockSlow argument, or a site label when addresses are not shown. */
  lock: z.string(),
  waiters: z.array(LockWaitersSchema),
  heldBy: z
    .object({
      site: z.string(),
      where: z.string().optional(),
      /** How the holder was inferred: lock order within one function, call arguments, or elimination. */
      inferredBy: z.enum(['lock-order', 'arguments', 'elimination']),
    })
    .optional(),
  /** The lock this lock's holder waits for: the next link of the cycle. */
  holderWaitsFor: z.string().optional(),
});
export type CycleLink = z.infer<typeof CycleLinkSchema>;

export const EvidenceSchema = z.object({
  frames: z.array(EvidenceFrameSchema).optional(),
  percentages: z.record(z.string(), z.number()).optional(),
  counts: z.record(z.string(), z.number()).optional(),
  growth: GrowthSchema.optional(),
  /** Representative stacks, innermost frame first. */
  stacks: z.array(z.array(z.string())).optional(),
  cycle: z.array(CycleLinkSchema).optional(),
  notes: z.array(z.string()).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FindingSchema = z.object({
  /** Stable and deterministic: derived from classId and the primary anchor only. */
  id: z.string(),
  classId: z.enum(RootCauseClassIds),
  memeId: z.string(),
  severity: SeveritySchema,
  /** 0..1, a monotone function of the signal strength (docs/detectors.md gives each formula). */
  confidence: z.number().min(0).max(1),
  title: z.string(),
  explanation: z.string(),
  evidence: EvidenceSchema,
  /** Concrete Go fix steps. */
  fix: z.array(z.string()),
  /** Commands that show the evidence (go tool pprof, curl), using the input names. */
  reproduce: z.array(z.string()),
  /** Exact function names to badge in a flame graph. */
  anchors: z.array(z.string()),
  /** Names of the inputs the finding was drawn from. */
  sources: z.array(z.string()),
});
export type Finding = z.infer<typeof FindingSchema>;

export const HotspotRowSchema = z.object({
  name: z.string(),
  flat: z.number(),
  flatPct: z.number(),
  cum: z.number(),
  cumPct: z.number(),
});
export type HotspotRow = z.infer<typeof HotspotRowSchema>;

/** The top functions of one CPU profile, by flat and by cumulative time. */
export const HotspotSchema = z.object({
  source: z.string(),
  sampleType: z.string(),
  unit: z.string(),
  total: z.number(),
  byFlat: z.array(HotspotRowSchema),
  byCum: z.array(HotspotRowSchema),
});
export type Hotspot = z.infer<typeof HotspotSchema>;

export const InputKindSchema = z.enum(['cpu', 'heap', 'allocs', 'goroutine', 'mutex', 'block', 'threadcreate', 'unknown']);
export type InputKind = z.infer<typeof InputKindSchema>;

export const AnalysisReportSchema = z.object({
  findings: z.array(FindingSchema),
  hotspots: z.array(HotspotSchema),
  inputs: z.array(
    z.object({
      name: z.string(),
      kind: InputKindSchema,
      snapshot: z.number().optional(),
    }),
  ),
});
export type AnalysisReport = z.infer<typeof AnalysisReportSchema>;
