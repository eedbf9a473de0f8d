import { analyze, type Finding, loadInput } from '@memegraph/detectors';
import { type Diagnosis, type DiagnosisInput } from '@memegraph/diagnosis';

/**
 * What enrichment needs from the analysis libraries, as narrow ports so the orchestration can
 * be tested with the real libraries or with fakes.
 */
export const DIAGNOSER = Symbol('DIAGNOSER');
export const DETECTOR = Symbol('DETECTOR');

export type DiagnosisResult = Diagnosis;
export type FindingLike = Finding;

export interface Diagnoser {
  diagnose(input: DiagnosisInput): Diagnosis;
}

export interface Detector {
  /** Findings for a set of captured artifacts (name → bytes) of one service, ranked. */
  detect(artifacts: { name: string; bytes: Uint8Array }[]): Finding[];
}

/** The real detectors over captured bytes. */
export const profileDetector: Detector = {
  detect: (artifacts) => analyze(artifacts.map((a) => loadInput(a.name, a.bytes))).findings,
};
