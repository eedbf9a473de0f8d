import { createHash } from 'node:crypto';
import { AppError } from '@memegraph/contracts';
import { type KnowledgeBase, loadKnowledgeBase } from '@memegraph/knowledge';
import { normalizeAlerts } from './alert-input';
import { type CalibrationItem, type ScoredPrediction, expectedCalibrationError, fitCalibration, predict } from './calibration';
import { type Diagnosis, type DiagnosisInput, DiagnosisInputSchema, type Evidence, type RankedCause } from './diagnosis.schema';
import { type Calibration, type PreparedInput, computeComponents, logits, prepareInput, softmax, NONE_INDEX } from './scoring';
import { featureLabel } from './text-features';
import {
  type CountedDoc,
  DEFAULT_TEXT_MODEL_OPTIONS,
  LABELS,
  NONE,
  TextModel,
  type TextModelJSON,
  labelIndex,
  type TextModelOptions,
  type TrainingExample,
  toCountedDoc,
} from './text-model';

export const MODEL_FORMAT = 'memegraph.diagnosis-model';
export const MODEL_FORMAT_VERSION = 1;

export interface BuildOptions {
  text?: Partial<TextModelOptions>;
  /** Folds used to fit the calibration on held-out knowledge-base examples. */
  folds?: number;
  /** Top confidence below which the diagnosis is "unknown". */
  floor?: number;
  /** Weight of the knowledge base's summaries and signal descriptions as extra training text. */
  auxiliaryWeight?: number;
}

const DEFAULTS = { folds: 5, floor: 0.2, auxiliaryWeight: 0.5 };

export interface DiagnosisModelJSON {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  modelVersion: string;
  kbVersion: string;
  calibration: Calibration;
  trainingSummary: TrainingSummary;
  text: TextModelJSON;
}

export interface DiagnoseOptions {
  /** Maximum number of ranked classes (default 5). */
  maxRanking?: number;
}

/** A labelled document of the training set, with where it came from (examples are held out in CV; auxiliary text never is). */
interface TrainingDoc {
  example: TrainingExample;
  source: 'kb-example' | 'kb-negative' | 'kb-auxiliary' | 'extra';
  /** Position within its class, used to assign cross-validation folds deterministically. */
  ordinal: number;
}

function trainingDocs(kb: KnowledgeBase, extra: TrainingExample[], auxiliaryWeight: number): TrainingDoc[] {
  const docs: TrainingDoc[] = [];
  for (const c of kb.classes) {
    c.examples.forEach((text, i) => docs.push({ example: { text, classId: c.id }, source: 'kb-example', ordinal: i }));
    const aux = [c.title.en, c.title.zh, c.summary.en, c.summary.zh, ...c.signals.map((s) => s.text)];
    aux.forEach((text, i) => docs.push({ example: { text, classId: c.id, weight: auxiliaryWeight }, source: 'kb-auxiliary', ordinal: i }));
  }
  kb.negatives.forEach((text, i) => docs.push({ example: { text, classId: NONE }, source: 'kb-negative', ordinal: i }));
  // Examples from the graph may name classes this build does not know (added later, or typos): they cannot be learned.
  extra.filter((e) => labelIndex(e.classId) !== undefined && typeof e.text === 'string').forEach((example, i) => docs.push({ example, source: 'extra', ordinal: i }));
  return docs;
}

/** What a model was trained on, for logs and the API's model endpoint. */
export interface TrainingSummary {
  kbExamples: number;
  kbNegatives: number;
  extraExamples: number;
  /** Extra examples ignored because their class id is unknown to this build. */
  skippedExtra: number;
}

function summarize(docs: TrainingDoc[], extra: TrainingExample[]): TrainingSummary {
  const count = (source: TrainingDoc['source']) => docs.filter((d) => d.source === source).length;
  const used = count('extra');
  return { kbExamples: count('kb-example'), kbNegatives: count('kb-negative'), extraExamples: used, skippedExtra: extra.length - used };
}

function hashModel(kbVersion: string, options: TextModelOptions, docs: TrainingDoc[], calibration: Calibration): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ kbVersion, options, calibration, format: MODEL_FORMAT_VERSION }));
  for (const d of docs) h.update(`\u0000${d.example.classId}\u0001${d.example.weight ?? 1}\u0001${d.example.feedback ?? ''}\u0001${d.example.text}`);
  return `kb${kbVersion}-${h.digest('hex').slice(0, 12)}`;
}

export interface CrossValidationResult {
  calibration: Calibration;
  predictions: ScoredPrediction[];
  metrics: { top1: number; top3: number; ece: number; nll: number; labelled: number; negatives: number; unknownOnNegatives: number; unknownOnLabelled: number };
}

/**
 * k-fold cross-validation over the knowledge base's examples and negatives (auxiliary text and
 * extra examples always stay in training). Returns held-out predictions and the calibration
 * fitted on them; this is also how buildModel calibrates.
 */
export function crossValidate(kb: KnowledgeBase = loadKnowledgeBase(), extra: TrainingExample[] = [], options: BuildOptions = {}): CrossValidationResult {
  const folds = options.folds ?? DEFAULTS.folds;
  const floor = options.floor ?? DEFAULTS.floor;
  const textOptions = { ...DEFAULT_TEXT_MODEL_OPTIONS, ...options.text };
  const docs = trainingDocs(kb, extra, options.auxiliaryWeight ?? DEFAULTS.auxiliaryWeight);
  const counted = docs.map((d) => toCountedDoc(d.example));
  const full = TextModel.train(counted, textOptions);
  const items = crossValidationItems(kb, docs, counted, full, folds);
  const calibration = fitCalibration(items, floor);
  return { calibration, ...evaluateItems(items, calibration) };
}

function crossValidationItems(kb: KnowledgeBase, docs: TrainingDoc[], counted: CountedDoc[], full: TextModel, folds: number): CalibrationItem[] {
  const items: CalibrationItem[] = [];
  for (let k = 0; k < folds; k++) {
    const held = docs.map((d, i) => ({ d, i })).filter(({ d }) => (d.source === 'kb-example' || d.source === 'kb-negative') && d.ordinal % folds === k);
    const foldModel = full.without(held.map(({ i }) => counted[i]!));
    for (const { d, i } of held) {
      const c = computeComponents(foldModel, prepareInput(kb, { text: d.example.text }, { features: counted[i]!.features, spans: new Map() }));
      items.push({ model: c.model, scaled: c.scaled, fixed: c.fixed, label: counted[i]!.label });
    }
  }
  return items;
}

function evaluateItems(items: CalibrationItem[], calibration: Calibration): Omit<CrossValidationResult, 'calibration'> {
  const predictions = items.map((it) => predict(it, calibration));
  const labelled = predictions.filter((p) => p.label !== NONE_INDEX);
  const negatives = predictions.filter((p) => p.label === NONE_INDEX);
  const nll = items.reduce((s, it) => s - Math.log(Math.max(1e-12, softmax(logits(it, calibration))[it.label]!)), 0) / Math.max(1, items.length);
  return {
    predictions,
    metrics: {
      top1: labelled.filter((p) => p.ranked[0] === p.label).length / Math.max(1, labelled.length),
      top3: labelled.filter((p) => p.ranked.slice(0, 3).includes(p.label)).length / Math.max(1, labelled.length),
      ece: expectedCalibrationError(labelled.map((p) => ({ confidence: p.confidence, correct: p.ranked[0] === p.label }))),
      nll,
      labelled: labelled.length,
      negatives: negatives.length,
      unknownOnNegatives: negatives.filter((p) => p.unknown).length / Math.max(1, negatives.length),
      unknownOnLabelled: labelled.filter((p) => p.unknown).length / Math.max(1, labelled.length),
    },
  };
}

/**
 * Trains only the text model on the given examples (no knowledge base, no calibration). Use
 * buildModel for a complete diagnosis model; this is the low-level entry point for experiments
 * and for callers that manage their own corpus.
 */
export function trainModel(examples: TrainingExample[], options: Partial<TextModelOptions> = {}): TextModel {
  return TextModel.train(examples.map(toCountedDoc), { ...DEFAULT_TEXT_MODEL_OPTIONS, ...options });
}

/**
 * Builds the diagnosis model from the knowledge base plus extra examples (published incidents,
 * confirmed or rejected feedback from the graph: weight scales an example, feedback "wrong" takes
 * its features away from the named class). Deterministic: same inputs, same model and version.
 */
export function buildModel(kb: KnowledgeBase = loadKnowledgeBase(), extraExamples: TrainingExample[] = [], options: BuildOptions = {}): DiagnosisModel {
  const textOptions = { ...DEFAULT_TEXT_MODEL_OPTIONS, ...options.text };
  const docs = trainingDocs(kb, extraExamples, options.auxiliaryWeight ?? DEFAULTS.auxiliaryWeight);
  const counted = docs.map((d) => toCountedDoc(d.example));
  const full = TextModel.train(counted, textOptions);
  const items = crossValidationItems(kb, docs, counted, full, options.folds ?? DEFAULTS.folds);
  const calibration = fitCalibration(items, options.floor ?? DEFAULTS.floor);
  return new DiagnosisModel(kb, full, calibration, hashModel(kb.version, textOptions, docs, calibration), summarize(docs, extraExamples));
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const MIN_RANKED_CONFIDENCE = 0.005;
const MAX_EVIDENCE = 8;

function evidenceKey(e: Evidence): string {
  switch (e.kind) {
    case 'text-span':
      return `t:${e.start}:${e.end}`;
    case 'label':
      return `l:${e.key}=${e.value}`;
    case 'alertname':
      return `a:${e.value}`;
    case 'finding':
      return `f:${e.classId}`;
    case 'model':
      return 'm';
  }
}

export class DiagnosisModel {
  constructor(
    readonly kb: KnowledgeBase,
    readonly textModel: TextModel,
    readonly calibration: Calibration,
    readonly modelVersion: string,
    readonly trainingSummary: TrainingSummary,
  ) {}

  diagnose(input: DiagnosisInput, options: DiagnoseOptions = {}): Diagnosis {
    const parsed = DiagnosisInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
    }
    const { text, alert, findings, service } = parsed.data;
    const alerts = alert ? normalizeAlerts(alert) : undefined;
    const analyzedText = [text ?? '', alerts?.text ?? ''].filter((t) => t.length > 0).join('\n\n');
    const prepared = prepareInput(this.kb, { text: analyzedText, alertnames: alerts?.alertnames, labels: alerts?.labels, findings });
    const diagnosis = this.rank(prepared, options.maxRanking ?? 5);
    if (analyzedText !== (text ?? '')) diagnosis.analyzedText = analyzedText;
    if (service) diagnosis.service = service;
    return diagnosis;
  }

  private rank(prepared: PreparedInput, maxRanking: number): Diagnosis {
    const c = computeComponents(this.textModel, prepared);
    const probs = softmax(logits(c, this.calibration));
    const hasEvidence = c.known > 0 || c.evidence.some((e, i) => i !== NONE_INDEX && e.length > 0);
    const order = [...probs.keys()].filter((i) => i !== NONE_INDEX).sort((x, y) => probs[y]! - probs[x]! || (LABELS[x]! < LABELS[y]! ? -1 : 1));
    const best = order[0]!;
    const unknown = !hasEvidence || probs[NONE_INDEX]! >= probs[best]! || probs[best]! < this.calibration.floor;
    const ranking: RankedCause[] = !hasEvidence
      ? []
      : order
          .filter((i) => probs[i]! >= MIN_RANKED_CONFIDENCE)
          .slice(0, maxRanking)
          .map((i) => ({ classId: LABELS[i]!, confidence: round4(probs[i]!), evidence: this.evidenceFor(i, c.evidence[i]!, prepared) }));
    const diagnosis: Diagnosis = { ranking, unknown, modelVersion: this.modelVersion };
    if (!unknown) {
      const entry = this.kb.byId(LABELS[best]!);
      diagnosis.top = {
        classId: entry.id,
        title: entry.title.en,
        titleZh: entry.title.zh,
        summary: entry.summary.en,
        runbook: entry.runbook.map((s) => ({ ...s })),
        verification: entry.verification.map((v) => ({ ...v })),
        rollback: [...entry.rollback],
      };
    }
    return diagnosis;
  }

  private evidenceFor(labelIndex: number, raw: Evidence[], prepared: PreparedInput): Evidence[] {
    const out: Evidence[] = [];
    const seen = new Set<string>();
    const rank = (e: Evidence) => (e.kind === 'finding' ? 0 : e.kind === 'alertname' ? 1 : e.kind === 'label' ? 2 : 3);
    const sorted = [...raw].sort((a, b) => rank(a) - rank(b) || (a.kind === 'text-span' && b.kind === 'text-span' ? a.start - b.start : 0));
    for (const e of sorted) {
      const key = evidenceKey(e);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
      if (out.length >= MAX_EVIDENCE) break;
    }
    // Prefix stems ("evict*") duplicate the words they come from; show whole words and bigrams only.
    const terms = this.textModel
      .topTerms(prepared.features.features.filter((f) => !f.startsWith('p:')), labelIndex, 6)
      .map((t) => featureLabel(t.feature));
    if (terms.length) out.push({ kind: 'model', terms: [...new Set(terms)] });
    return out;
  }

  toJSON(): DiagnosisModelJSON {
    return {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      modelVersion: this.modelVersion,
      kbVersion: this.kb.version,
      calibration: { ...this.calibration },
      trainingSummary: { ...this.trainingSummary },
      text: this.textModel.toJSON(),
    };
  }

  static fromJSON(json: DiagnosisModelJSON, kb: KnowledgeBase = loadKnowledgeBase()): DiagnosisModel {
    if (json.format !== MODEL_FORMAT || json.formatVersion !== MODEL_FORMAT_VERSION) throw new Error(`unsupported model format ${json.format}@${json.formatVersion}`);
    if (json.kbVersion !== kb.version) throw new Error(`model was built for knowledge ${json.kbVersion}, this knowledge base is ${kb.version}`);
    return new DiagnosisModel(kb, TextModel.fromJSON(json.text), { ...json.calibration }, json.modelVersion, { ...json.trainingSummary });
  }
}
