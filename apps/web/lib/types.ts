import { type callTreeToJSON, type GoroutineGroup, type GoroutineReport, type TopRow, type TopTable } from '@memegraph/pprof';
import { type DiagnosisTop, type Evidence, type RankedCause } from '@memegraph/diagnosis';
import { type GraphEdge, type GraphNode, type SearchHit, type Subgraph } from '@memegraph/graph';
import { type Meme } from '@memegraph/memes';

/** Response shapes of the profile views, taken from the libraries that produce them. */
export type { GoroutineGroup, GoroutineReport, Meme, TopRow, TopTable };

/** GET /profiles/:id/flamegraph: the call tree as parallel arrays (libs/pprof callTreeToJSON). */
export type FlameJSON = ReturnType<typeof callTreeToJSON>;

/** GET /profiles/:id/sandwich?fn=NAME */
export interface SandwichJSON {
  function: string;
  sampleType: string;
  unit: string;
  flat: number;
  cum: number;
  callers: FlameJSON;
  callees: FlameJSON;
}

/**
 * GET /profiles/diff?base=&new= (not served yet). Coded against what libs/pprof's ProfileDiff
 * holds: a merged tree whose total/self are the new profile's and baseTotal/baseSelf the base's.
 * The tree may come as `tree` or as the body itself.
 */
export interface DiffJSON extends Partial<FlameJSON> {
  sampleType?: string;
  unit?: string;
  baseTotal?: number;
  newTotal?: number;
  scale?: number;
  normalize?: string;
  tree?: FlameJSON;
}

export interface MemeList {
  items: Meme[];
}

/* ---- Alerts and diagnoses (GET /alerts/:id, POST /diagnose; libs/diagnosis shapes) ---- */

// The shapes are those of libs/diagnosis: one definition, shared.
export type { DiagnosisTop, Evidence, RankedCause };

/** POST /diagnose */
export interface DiagnoseResult {
  id: string;
  ranking: RankedCause[];
  unknown: boolean;
  top?: DiagnosisTop | null;
  modelVersion?: string;
  analyzedText?: string;
}

export interface SimilarIncident {
  id: string;
  service?: string | null;
  classId?: string | null;
  title?: string | null;
  openedAt?: string | null;
  alertCount?: number | null;
  fixes?: string[];
}

export interface EnrichmentStep {
  name: string;
  status: 'ok' | 'skipped' | 'failed' | string;
  ms: number;
  detail?: string;
  error?: string;
}

export interface AlertDiagnosis {
  id: string;
  unknown: boolean;
  topClassId: string | null;
  topConfidence: number | null;
  ranking: RankedCause[];
  top: DiagnosisTop | null;
  /** Detector findings (lib/findings Finding); validated with findingsOf before use. */
  findings: unknown[];
  profileIds: string[];
  similarIncidents: SimilarIncident[];
  steps: EnrichmentStep[];
  sequenceDiagram: string;
  meme: Meme | null;
}

/* ---- Graph browse API (docs/graph.md) ---- */

// The graph browser's shapes are those of libs/graph's browse repository.
export type { GraphEdge, GraphNode, SearchHit, Subgraph };

/* ---- Root causes ---- */

export interface RootCauseSummary {
  id: string;
  classId: string;
  domain: string | null;
  title: { en: string; zh: string } | null;
  incidentCount: number;
  recentIncidentCount: number;
  lastIncidentAt: string | null;
  memeCount: number;
  fixCount: number;
}

/** The libs/knowledge entry of a class (examples omitted). */
export interface Knowledge {
  id: string;
  title: { en: string; zh: string };
  summary: { en: string; zh: string };
  signals: { source: string; text: string }[];
  alertRules: string[];
  relatedAlertRules?: string[];
  confusableWith?: { classId: string; howToTell: string }[];
  runbook: { title: string; command: string; why: string }[];
  verification: { name: string; promql: string; expect: string }[];
  rollback: string[];
}

export interface RootCausePage {
  id: string;
  classId: string;
  domain: string | null;
  node: GraphNode;
  knowledge?: Knowledge;
  memes: GraphNode[];
  memeCount: number;
  incidents: { total: number; days: number; perDay: { day: string; count: number }[]; latest: GraphNode[]; nextCursor?: string };
  fixes: (GraphNode & { commits: GraphNode[] })[];
  fixCount: number;
}
