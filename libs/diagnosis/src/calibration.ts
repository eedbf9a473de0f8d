import { type Calibration, NONE_INDEX, logits, softmax } from './scoring';

/** One held-out prediction: the raw score components and the true label index. */
export interface CalibrationItem {
  model: Float64Array;
  scaled: Float64Array;
  fixed: Float64Array;
  label: number;
}

type Params = Pick<Calibration, 'a' | 's' | 'bNone'>;

/** Mean negative log-likelihood, written without allocations: it runs a few hundred thousand times per fit. */
const meanNll = (items: CalibrationItem[], p: Params): number => {
  let sum = 0;
  for (const it of items) {
    const n = it.model.length;
    let max = -Infinity;
    for (let l = 0; l < n; l++) {
      const z = p.a * it.model[l]! + p.s * it.scaled[l]! + it.fixed[l]! + (l === NONE_INDEX ? p.bNone : 0);
      if (z > max) max = z;
    }
    let total = 0;
    let target = 0;
    for (let l = 0; l < n; l++) {
      const z = p.a * it.model[l]! + p.s * it.scaled[l]! + it.fixed[l]! + (l === NONE_INDEX ? p.bNone : 0);
      total += Math.exp(z - max);
      if (l === it.label) target = z - max;
    }
    sum += Math.min(27.6, Math.log(total) - target);
  }
  return sum / Math.max(1, items.length);
};

/** Minimises f on [lo, hi] by a coarse grid then golden-section refinement: deterministic, no randomness. */
function minimize1d(f: (x: number) => number, lo: number, hi: number): number {
  const steps = 8;
  let bestX = lo;
  let bestF = Infinity;
  for (let i = 0; i <= steps; i++) {
    const x = lo + ((hi - lo) * i) / steps;
    const v = f(x);
    if (v < bestF) [bestX, bestF] = [x, v];
  }
  const width = (hi - lo) / steps;
  let a = Math.max(lo, bestX - width);
  let b = Math.min(hi, bestX + width);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 14; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Temperature-style scaling fitted on held-out predictions: one scale for the text model, one
 * for signature/alert evidence, one bias for "none", by coordinate descent on the mean negative
 * log-likelihood. Three parameters cannot memorise the data, so CV folds give an honest fit.
 */
export function fitCalibration(items: CalibrationItem[], floor: number): Calibration {
  const p: Params = { a: 1, s: 0.5, bNone: 0 };
  for (let round = 0; round < 2; round++) {
    p.a = minimize1d((a) => meanNll(items, { ...p, a }), 0.05, 6);
    p.s = minimize1d((s) => meanNll(items, { ...p, s }), 0, 2.5);
    p.bNone = minimize1d((bNone) => meanNll(items, { ...p, bNone }), -8, 8);
  }
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return { a: round6(p.a), s: round6(p.s), bNone: round6(p.bNone), floor };
}

export interface ScoredPrediction {
  /** Index of the true label (NONE_INDEX for negatives). */
  label: number;
  /** Class indices ranked by probability, "none" excluded. */
  ranked: number[];
  /** Probability of the top class. */
  confidence: number;
  /** Probability of "none". */
  noneProbability: number;
  unknown: boolean;
}

export function predict(item: CalibrationItem, cal: Calibration): ScoredPrediction {
  const probs = softmax(logits(item, cal));
  const ranked = [...probs.keys()].filter((i) => i !== NONE_INDEX).sort((x, y) => probs[y]! - probs[x]! || x - y);
  const confidence = probs[ranked[0]!]!;
  const noneProbability = probs[NONE_INDEX]!;
  return { label: item.label, ranked, confidence, noneProbability, unknown: noneProbability >= confidence || confidence < cal.floor };
}

/** Expected calibration error over equal-width bins of top-1 confidence. */
export function expectedCalibrationError(points: { confidence: number; correct: boolean }[], bins = 10): number {
  if (!points.length) return 0;
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hit = new Array<number>(bins).fill(0);
  for (const pt of points) {
    const b = Math.min(bins - 1, Math.floor(pt.confidence * bins));
    count[b] = count[b]! + 1;
    conf[b] = conf[b]! + pt.confidence;
    hit[b] = hit[b]! + (pt.correct ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += (count[b]! / points.length) * Math.abs(hit[b]! / count[b]! - conf[b]! / count[b]!);
  return ece;
}
