import { type RootCauseClassId, rootCauseDomain } from '@memegraph/contracts';
import { knowledgeData } from './data';
import { KnowledgeBaseDataSchema, type RootCauseEntry } from './knowledge.schema';

export interface KnowledgeBase {
  /** Semantic version of the built-in knowledge (data/index.ts). */
  version: string;
  /** One entry per root-cause class, in the order of RootCauseClassIds. */
  classes: RootCauseEntry[];
  /** Texts that match no class; used to teach "unknown". */
  negatives: string[];
  /** The entry of a class; throws for an id the knowledge base does not hold. */
  byId(classId: RootCauseClassId | string): RootCauseEntry;
  /** Lookup by alerting rule name (case-insensitive): strong rules first, then related ones. */
  classesForAlertRule(alertname: string): { classId: RootCauseClassId; strength: 'strong' | 'related' }[];
}

let cached: KnowledgeBase | undefined;

/** Validates the built-in data once (zod) and returns the same frozen knowledge base afterwards. */
export function loadKnowledgeBase(): KnowledgeBase {
  if (!cached) cached = buildKnowledgeBase(knowledgeData);
  return cached;
}

/** Builds a knowledge base from raw data; exported for tests and for callers that extend the data. */
export function buildKnowledgeBase(data: unknown): KnowledgeBase {
  const parsed = KnowledgeBaseDataSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(`invalid knowledge base: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const classes = parsed.data.classes;
  const index = new Map(classes.map((c) => [c.id as string, c]));
  const rules = new Map<string, { classId: RootCauseClassId; strength: 'strong' | 'related' }[]>();
  const addRule = (name: string, classId: RootCauseClassId, strength: 'strong' | 'related') => {
    const key = name.toLowerCase();
    const list = rules.get(key) ?? [];
    if (!list.some((r) => r.classId === classId)) list.push({ classId, strength });
    rules.set(key, list);
  };
  for (const c of classes) for (const r of c.alertRules) addRule(r, c.id, 'strong');
  for (const c of classes) for (const r of c.relatedAlertRules) addRule(r, c.id, 'related');
  return Object.freeze({
    version: parsed.data.version,
    classes,
    negatives: parsed.data.negatives,
    byId(classId: string) {
      const entry = index.get(classId);
      if (!entry) throw new Error(`unknown root-cause class: ${classId}`);
      return entry;
    },
    classesForAlertRule(alertname: string) {
      return [...(rules.get(alertname.toLowerCase()) ?? [])].sort((a, b) => (a.strength === b.strength ? 0 : a.strength === 'strong' ? -1 : 1));
    },
  });
}

/** One row per class for a parameterised `UNWIND $rows AS row MERGE (c:RootCause {id: row.id}) ...`: strings and string arrays only. */
export interface KnowledgeSeedRow {
  [key: string]: string | string[];
  id: string;
  domain: string;
  kbVersion: string;
  titleEn: string;
  titleZh: string;
  summaryEn: string;
  summaryZh: string;
  alertRules: string[];
  relatedAlertRules: string[];
  signals: string[];
  confusableWith: string[];
  runbookTitles: string[];
  runbookCommands: string[];
  runbookWhy: string[];
  verificationNames: string[];
  verificationPromql: string[];
  verificationExpect: string[];
  rollback: string[];
}

export function knowledgeSeedRows(kb: KnowledgeBase = loadKnowledgeBase()): KnowledgeSeedRow[] {
  return kb.classes.map((c) => ({
    id: c.id,
    domain: rootCauseDomain(c.id),
    kbVersion: kb.version,
    titleEn: c.title.en,
    titleZh: c.title.zh,
    summaryEn: c.summary.en,
    summaryZh: c.summary.zh,
    alertRules: [...c.alertRules],
    relatedAlertRules: [...c.relatedAlertRules],
    signals: c.signals.map((s) => `${s.source}: ${s.text}`),
    confusableWith: c.confusableWith.map((x) => x.classId),
    runbookTitles: c.runbook.map((s) => s.title),
    runbookCommands: c.runbook.map((s) => s.command),
    runbookWhy: c.runbook.map((s) => s.why),
    verificationNames: c.verification.map((v) => v.name),
    verificationPromql: c.verification.map((v) => v.promql),
    verificationExpect: c.verification.map((v) => v.expect),
    rollback: [...c.rollback],
  }));
}
