import { type GoRuntimeClassIds } from '@memegraph/contracts';
import { type Evidence, type Severity } from './finding';

export type DetectorClassId = (typeof GoRuntimeClassIds)[number];

/**
 * Where a piece of evidence comes from. Confidence is combined with noisy-OR across families
 * and with max within one (two formats of one snapshot are not independent evidence).
 */
export type EvidenceFamily = 'cpu' | 'alloc' | 'goroutine' | 'mutex' | 'block';

/** One detector's claim from one input (or one snapshot pair), before merging per class. */
export interface Candidate {
  classId: DetectorClassId;
  /** Which detector made it: per class, only the best candidate of each detector is shown. */
  detector: string;
  family: EvidenceFamily;
  severity: Severity;
  confidence: number;
  /** Functions to badge; the first is the primary anchor (it names the finding's id). */
  anchors: string[];
  title: string;
  /** What this input shows, in one or two sentences with numbers. */
  detail: string;
  evidence: Evidence;
  reproduce: string[];
  sources: string[];
  /**
   * Share of this candidate's signal that another pattern accounts for (gc-pressure: the
   * fraction of allocation samples under JSON decoding, concatenation, regexp compilation).
   */
  explainedBy?: Partial<Record<DetectorClassId, number>>;
  /** Functions whose growth or pile-up another finding may explain (heap-leak sites). */
  sites?: string[];
  /** Evidence that only supports a finding made from other candidates; never makes one alone. */
  support?: boolean;
  /** Tie-break between equally confident candidates: richer formats first (debug=2 > proto > debug=1). */
  richness?: number;
}
