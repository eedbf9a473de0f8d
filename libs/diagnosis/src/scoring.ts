import { type KnowledgeBase } from '@memegraph/knowledge';
import { type Evidence } from './diagnosis.schema';
import { MAX_SCAN_CHARS, type SignatureHit, extractSignatures } from './signatures';
import { type FeatureSet, textFeatures } from './text-features';
import { LABELS, NONE, type TextModel, labelIndex } from './text-model';

const L = LABELS.length;
const NONE_INDEX = labelIndex(NONE)!;

/** Log-odds added for an alerting rule that names a class outright, and for one that only hints at it. */
export const ALERT_RULE_WEIGHT = { strong: 4, related: 0.8 } as const;
/** Log-odds per unit of finding confidence: a 0.9 finding adds ~7, enough to dominate text evidence. */
export const FINDING_WEIGHT = 8;
/** Sum of signature log-odds per class is capped: twenty matching lines are not twenty times the proof. */
const SIGNATURE_CAP = 9;
/** Alerts that exist to test the alerting pipeline; they never indicate a cause. */
const HOUSEKEEPING_ALERTS = new Set(['watchdog', 'infoinhibitor', 'deadmansswitch', 'deadmanssnitch', 'alwaysfiring', 'prometheusalertmanagere2edeadmanswitch']);
const HOUSEKEEPING_WEIGHT = 8;

export interface Calibration {
  /** Scale of the text model's scores. */
  a: number;
  /** Scale of signature and alert-rule evidence. */
  s: number;
  /** Bias of the "none" label. */
  bNone: number;
  /** Below this top confidence the answer is "unknown". */
  floor: number;
}

interface Contribution {
  classIndex: number;
  weight: number;
  evidence: Evidence;
  /** Evidence from the same source (signature id, rule name) counts once per class. */
  key: string;
}

/** Everything extracted from one input before it is scored; model-independent. */
export interface PreparedInput {
  text: string;
  features: FeatureSet;
  hits: SignatureHit[];
  /** Scaled contributions (signatures, alert rules, labels). */
  scaled: Contribution[];
  /** Unscaled contributions (findings, housekeeping alerts). */
  fixed: Contribution[];
}

const ruleRegexCache = new WeakMap<KnowledgeBase, RegExp | null>();
function alertRuleRegex(kb: KnowledgeBase): RegExp | null {
  if (!ruleRegexCache.has(kb)) {
    const names = [...new Set(kb.classes.flatMap((c) => [...c.alertRules, ...c.relatedAlertRules]))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    ruleRegexCache.set(kb, names.length ? new RegExp(`\\b(?:${escaped.join('|')})\\b`, 'gi') : null);
  }
  return ruleRegexCache.get(kb)!;
}

function signatureContributions(hits: SignatureHit[], makeEvidence: (h: SignatureHit) => Evidence, keyPrefix: string): Contribution[] {
  const out: Contribution[] = [];
  for (const h of hits) {
    for (const [classId, weight] of Object.entries(h.weights)) {
      const classIndex = labelIndex(classId);
      if (classIndex === undefined || !weight) continue;
      out.push({ classIndex, weight, evidence: makeEvidence(h), key: `${keyPrefix}${h.signature}` });
    }
  }
  return out;
}

function alertRuleContributions(kb: KnowledgeBase, name: string, evidence: Evidence, key: string): Contribution[] {
  return kb.classesForAlertRule(name).map((r) => ({
    classIndex: labelIndex(r.classId)!,
    weight: ALERT_RULE_WEIGHT[r.strength],
    evidence,
    key,
  }));
}

export interface RawInput {
  text: string;
  alertnames?: string[];
  labels?: { key: string; value: string }[];
  findings?: { classId: string; confidence: number; severity?: string }[];
}

const SEVERITY_FACTOR: Record<string, number> = { critical: 1.15, high: 1.1, error: 1.1, warning: 1, medium: 1, low: 0.85, info: 0.7 };

/** `features` may be passed when the caller already extracted them (cross-validation reuses the training features). */
export function prepareInput(kb: KnowledgeBase, raw: RawInput, features?: FeatureSet): PreparedInput {
  const text = raw.text;
  const hits = extractSignatures(text);
  const scaled: Contribution[] = signatureContributions(hits, (h) => ({ kind: 'text-span', start: h.start, end: h.end, text: h.text, signature: h.signature }), 'sig:');
  const re = alertRuleRegex(kb);
  if (re) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    const seen = new Set<string>();
    while ((m = re.exec(text))) {
      const name = m[0];
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      scaled.push(...alertRuleContributions(kb, name, { kind: 'text-span', start: m.index, end: m.index + name.length, text: name, signature: `alert-rule:${name}` }, `rule:${name.toLowerCase()}`));
    }
  }
  const fixed: Contribution[] = [];
  for (const name of raw.alertnames ?? []) {
    scaled.push(...alertRuleContributions(kb, name, { kind: 'alertname', value: name }, `rule:${name.toLowerCase()}`));
    if (HOUSEKEEPING_ALERTS.has(name.toLowerCase())) fixed.push({ classIndex: NONE_INDEX, weight: HOUSEKEEPING_WEIGHT, evidence: { kind: 'alertname', value: name }, key: `housekeeping:${name}` });
  }
  for (const { key, value } of raw.labels ?? []) {
    const labelHits = extractSignatures(`${key}="${value}"`);
    scaled.push(...signatureContributions(labelHits, () => ({ kind: 'label', key, value }), 'sig:'));
  }
  for (const f of raw.findings ?? []) {
    const classIndex = labelIndex(f.classId);
    if (classIndex === undefined || classIndex === NONE_INDEX) continue;
    const factor = SEVERITY_FACTOR[(f.severity ?? 'warning').toLowerCase()] ?? 1;
    fixed.push({ classIndex, weight: FINDING_WEIGHT * f.confidence * factor, evidence: { kind: 'finding', classId: f.classId, confidence: f.confidence }, key: `finding:${f.classId}` });
  }
  return { text, features: features ?? textFeatures(text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text), hits, scaled, fixed };
}

export interface Components {
  model: Float64Array;
  scaled: Float64Array;
  fixed: Float64Array;
  /** Number of text features the model knows. */
  known: number;
  /** Evidence per label index, strongest first. */
  evidence: Evidence[][];
}

/** Sums contributions per class: one per (class, key) — the strongest — then caps the total. */
function aggregate(contributions: Contribution[], cap: number, evidence: Evidence[][]): Float64Array {
  const best = new Map<string, Contribution>();
  for (const c of contributions) {
    const id = `${c.classIndex}|${c.key}`;
    const prev = best.get(id);
    if (!prev || Math.abs(c.weight) > Math.abs(prev.weight)) best.set(id, c);
  }
  const sums = new Float64Array(L);
  for (const c of best.values()) sums[c.classIndex] = sums[c.classIndex]! + c.weight;
  for (let l = 0; l < L; l++) sums[l] = Math.max(-cap, Math.min(cap, sums[l]!));
  // Evidence lists every positive contribution (all spans of a signature, not only the strongest).
  for (const c of contributions) if (c.weight > 0) evidence[c.classIndex]!.push(c.evidence);
  return sums;
}

export function computeComponents(model: TextModel, input: PreparedInput): Components {
  const { scores, known } = model.score(input.features.features);
  const evidence: Evidence[][] = Array.from({ length: L }, () => []);
  const scaled = aggregate(input.scaled, SIGNATURE_CAP, evidence);
  const fixed = aggregate(input.fixed, Infinity, evidence);
  return { model: scores, scaled, fixed, known, evidence };
}

export function logits(c: Pick<Components, 'model' | 'scaled' | 'fixed'>, cal: Pick<Calibration, 'a' | 's' | 'bNone'>): Float64Array {
  const z = new Float64Array(L);
  for (let l = 0; l < L; l++) z[l] = cal.a * c.model[l]! + cal.s * c.scaled[l]! + c.fixed[l]!;
  z[NONE_INDEX] = z[NONE_INDEX]! + cal.bNone;
  return z;
}

export function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const p = new Float64Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    p[i] = Math.exp(z[i]! - max);
    sum += p[i]!;
  }
  for (let i = 0; i < z.length; i++) p[i] = p[i]! / sum;
  return p;
}

export { NONE_INDEX };
