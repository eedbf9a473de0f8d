import { type DiagnosisModel, buildModel } from '@memegraph/diagnosis';
import { normalizeForSignatures } from './signatures';

/** A root-cause suggestion for a screenshot's text. */
export interface RankedClass {
  classId: string;
  /** Calibrated probability from @memegraph/diagnosis, 0..1. */
  confidence: number;
}

export type TextRanker = (text: string) => RankedClass[];

/**
 * Ranks root causes for OCR text with @memegraph/diagnosis (its model built from the knowledge
 * base, once, on first use: about a second). Blank text ranks nothing.
 */
export function createTextRanker(options: { top?: number; build?: () => Pick<DiagnosisModel, 'diagnose'> } = {}): TextRanker {
  let model: Pick<DiagnosisModel, 'diagnose'> | undefined;
  const top = options.top ?? 3;
  return (text) => {
    if (text.trim().length === 0) return [];
    model ??= (options.build ?? buildModel)();
    return model
      // OCR misreads (00MKilled, CLUSTERD0WN) are undone first, as for signature extraction.
      .diagnose({ text: normalizeForSignatures(text).text }, { maxRanking: top })
      .ranking.slice(0, top)
      .map((c) => ({ classId: c.classId, confidence: c.confidence }));
  };
}
