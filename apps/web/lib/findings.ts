/**
 * Diagnosis findings attached to a profile (GET /profiles/:id → findings?). Mirrors the
 * diagnosis engine's Finding until it ships in @memegraph/contracts.
 */
export type Severity = 'info' | 'warning' | 'critical';

export interface EvidenceFrame {
  name: string;
  flatPct?: number;
  cumPct?: number;
}

export interface FindingEvidence {
  frames?: EvidenceFrame[];
  percentages?: Record<string, number>;
  counts?: Record<string, number>;
  growth?: Record<string, number | string> | { from?: number; to?: number; ratio?: number; unit?: string };
  stacks?: (string[] | string)[];
  notes?: string[] | string;
}

export interface Finding {
  id: string;
  classId: string;
  memeId: string;
  severity: Severity;
  /** 0..1 */
  confidence: number;
  title: string;
  explanation: string;
  evidence: FindingEvidence;
  fix: string[];
  reproduce: string[];
  /** Exact function names the flame graph badges. */
  anchors: string[];
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Most severe first, then most confident. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3) || (b.confidence ?? 0) - (a.confidence ?? 0),
  );
}

export const findingAnchorId = (id: string) => `finding-${id}`;

/** Findings from a profile record that may or may not carry them yet; anything malformed is dropped. */
export function findingsOf(record: unknown): Finding[] {
  const raw = (record as { findings?: unknown } | undefined)?.findings;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (f): f is Finding =>
      typeof f === 'object' && f !== null && typeof (f as Finding).id === 'string' && typeof (f as Finding).title === 'string',
  ).map((f) => ({
    ...f,
    evidence: f.evidence ?? {},
    fix: Array.isArray(f.fix) ? f.fix : [],
    reproduce: Array.isArray(f.reproduce) ? f.reproduce : [],
    anchors: Array.isArray(f.anchors) ? f.anchors : [],
    confidence: typeof f.confidence === 'number' ? Math.max(0, Math.min(1, f.confidence)) : 0,
  }));
}
