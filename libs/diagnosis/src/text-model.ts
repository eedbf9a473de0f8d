import { type RootCauseClassId, RootCauseClassIds } from '@memegraph/contracts';
import { textFeatures } from './text-features';

/** Pseudo-class for texts that match no root cause (trained on the knowledge base's negatives). */
export const NONE = 'none' as const;
export type Label = RootCauseClassId | typeof NONE;
/** Fixed label order: every class id, then none. Model tables are indexed by it. */
export const LABELS: readonly Label[] = [...RootCauseClassIds, NONE];
const LABEL_INDEX = new Map<string, number>(LABELS.map((l, i) => [l, i]));
export const labelIndex = (label: string): number | undefined => LABEL_INDEX.get(label);

export interface TrainingExample {
  text: string;
  /** The class the text belongs to, or "none" for a text that belongs to no class. */
  classId: Label;
  /** How much the example counts (default 1). Published incidents may weigh more than KB examples. */
  weight?: number;
  /** "wrong" = a user rejected classId for this text: its features are taken away from classId. */
  feedback?: 'correct' | 'wrong';
}

export interface TextModelOptions {
  /** Additive smoothing of feature counts. */
  alpha: number;
  /** Scores are divided by (known features)^lengthExponent so long logs do not get extreme scores. */
  lengthExponent: number;
}

export const DEFAULT_TEXT_MODEL_OPTIONS: TextModelOptions = { alpha: 0.1, lengthExponent: 0.5 };

/** A document reduced to its features and signed weight; the unit the model counts. */
export interface CountedDoc {
  features: string[];
  label: number;
  weight: number;
}

export const toCountedDoc = (e: TrainingExample): CountedDoc => {
  const label = labelIndex(e.classId);
  if (label === undefined) throw new Error(`unknown label in training example: ${e.classId}`);
  const w = Math.abs(e.weight ?? 1);
  return { features: textFeatures(e.text).features, label, weight: e.feedback === 'wrong' ? -w : w };
};

export interface ModelScores {
  /** Length-normalised, feature-centred log-likelihood per label (LABELS order). */
  scores: Float64Array;
  /** Number of features of the text that the model knows. */
  known: number;
}

export interface TextModelJSON {
  labels: string[];
  options: TextModelOptions;
  features: string[];
  /** Flattened [featureIndex, labelIndex, count] triples; only non-zero counts. */
  counts: number[];
}

/**
 * Multinomial naive Bayes over binary text features, with per-class total normalisation (each
 * class is treated as having the same amount of text, so classes with longer examples do not
 * get smaller per-feature probabilities) and centred log-probabilities (a feature equally likely
 * everywhere contributes nothing). Counting makes training, cross-validation and serialisation
 * cheap and exact.
 */
export class TextModel {
  private readonly index: Map<string, number>;
  private readonly centred: Float64Array;

  private constructor(
    readonly features: string[],
    private readonly counts: Float64Array,
    readonly options: TextModelOptions,
  ) {
    this.index = new Map(features.map((f, i) => [f, i]));
    this.centred = computeCentredLogProbs(counts, features.length, options.alpha);
  }

  static train(docs: CountedDoc[], options: TextModelOptions = DEFAULT_TEXT_MODEL_OPTIONS): TextModel {
    const { features, counts } = countDocs(docs);
    return new TextModel(features, counts, options);
  }

  /** A model on the same vocabulary with some documents' counts removed (cross-validation folds). */
  without(docs: CountedDoc[]): TextModel {
    const counts = this.counts.slice();
    const L = LABELS.length;
    for (const d of docs) {
      for (const f of new Set(d.features)) {
        const i = this.index.get(f);
        if (i !== undefined) counts[i * L + d.label] = counts[i * L + d.label]! - d.weight;
      }
    }
    return new TextModel(this.features, counts, this.options);
  }

  score(features: string[]): ModelScores {
    const L = LABELS.length;
    const scores = new Float64Array(L);
    let known = 0;
    for (const f of features) {
      const i = this.index.get(f);
      if (i === undefined) continue;
      known++;
      const base = i * L;
      for (let l = 0; l < L; l++) scores[l] = scores[l]! + this.centred[base + l]!;
    }
    if (known > 0) {
      const norm = Math.pow(known, this.options.lengthExponent);
      for (let l = 0; l < L; l++) scores[l] = scores[l]! / norm;
    }
    return { scores, known };
  }

  /** The features of a text that push hardest toward one label, strongest first. */
  topTerms(features: string[], label: number, limit: number): { feature: string; weight: number }[] {
    const L = LABELS.length;
    const out: { feature: string; weight: number }[] = [];
    for (const f of features) {
      const i = this.index.get(f);
      if (i === undefined) continue;
      const w = this.centred[i * L + label]!;
      if (w > 0) out.push({ feature: f, weight: w });
    }
    return out.sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1)).slice(0, limit);
  }

  toJSON(): TextModelJSON {
    const L = LABELS.length;
    const counts: number[] = [];
    for (let i = 0; i < this.features.length; i++) {
      for (let l = 0; l < L; l++) {
        const c = this.counts[i * L + l]!;
        if (c !== 0) counts.push(i, l, c);
      }
    }
    return { labels: [...LABELS], options: { ...this.options }, features: [...this.features], counts };
  }

  static fromJSON(json: TextModelJSON): TextModel {
    if (json.labels.length !== LABELS.length || json.labels.some((l, i) => l !== LABELS[i])) {
      throw new Error('text model labels do not match this build (class ids changed)');
    }
    const L = LABELS.length;
    const counts = new Float64Array(json.features.length * L);
    for (let k = 0; k + 2 < json.counts.length; k += 3) counts[json.counts[k]! * L + json.counts[k + 1]!] = json.counts[k + 2]!;
    return new TextModel(json.features, counts, json.options);
  }
}

function countDocs(docs: CountedDoc[]): { features: string[]; counts: Float64Array } {
  const index = new Map<string, number>();
  const features: string[] = [];
  for (const d of docs) {
    for (const f of d.features) {
      if (!index.has(f)) {
        index.set(f, features.length);
        features.push(f);
      }
    }
  }
  const L = LABELS.length;
  const counts = new Float64Array(features.length * L);
  for (const d of docs) {
    for (const f of new Set(d.features)) {
      const i = index.get(f)!;
      counts[i * L + d.label] = counts[i * L + d.label]! + d.weight;
    }
  }
  return { features, counts };
}

function computeCentredLogProbs(counts: Float64Array, V: number, alpha: number): Float64Array {
  const L = LABELS.length;
  const totals = new Float64Array(L);
  for (let i = 0; i < V; i++) for (let l = 0; l < L; l++) totals[l] = totals[l]! + Math.max(0, counts[i * L + l]!);
  const present = [...totals].filter((t) => t > 0);
  const meanTotal = present.length ? present.reduce((a, b) => a + b, 0) / present.length : 1;
  // Scale each label's counts so that every label has the same total mass.
  const scale = Float64Array.from(totals, (t) => (t > 0 ? meanTotal / t : 0));
  const denom = meanTotal + alpha * V;
  // Most (feature, label) counts are zero and share one value: compute that log once.
  const zero = Math.log(alpha / denom);
  const out = new Float64Array(V * L);
  for (let i = 0; i < V; i++) {
    let sum = 0;
    for (let l = 0; l < L; l++) {
      const c = counts[i * L + l]!;
      const v = c > 0 ? Math.log((c * scale[l]! + alpha) / denom) : zero;
      out[i * L + l] = v;
      sum += v;
    }
    const mean = sum / L;
    for (let l = 0; l < L; l++) out[i * L + l] = out[i * L + l]! - mean;
  }
  return out;
}
