import type { RootCauseClassId } from '@memegraph/contracts';

/**
 * What enrichment needs from the analysis libraries, as narrow ports: the service tests the
 * orchestration, the libraries test the analysis.
 */
export interface RankedClass {
  classId: RootCauseClassId | string;
  confidence: number;
  evidence?: unknown[];
}

export interface DiagnosisResult {
  ranking: RankedClass[];
  unknown: boolean;
  top?: { classId: string; title: string; runbook: string[]; verification: string[]; rollback: string[] };
  modelVersion: string;
}

export interface FindingLike {
  id: string;
  classId: string;
  memeId: string;
  severity: 'info' | 'warning' | 'critical';
  confidence: number;
  title: string;
}

export interface DiagnoseInput {
  text?: string;
  alert?: { labels: Record<string, string>; annotations: Record<string, string>; status?: string };
  findings?: FindingLike[];
  service?: string;
}

export const DIAGNOSER = Symbol('DIAGNOSER');
export const DETECTOR = Symbol('DETECTOR');

export interface Diagnoser {
  diagnose(input: DiagnoseInput): DiagnosisResult;
}

export interface Detector {
  /** Findings for a set of captured artifacts (name → bytes) of one service, ranked. */
  detect(artifacts: { name: string; bytes: Uint8Array }[]): FindingLike[];
}
