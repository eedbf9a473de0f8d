import { type SignatureHit, extractSignatures } from '@memegraph/diagnosis';
import { type Signature, extractCodeLines, fuzzyWord } from './code-lines';

/**
 * Signatures of a screenshot's text: the code-like spans of code-lines.ts plus the known error
 * strings of @memegraph/diagnosis (its signature extractors, reused rather than duplicated).
 * Those extractors expect clean text, so they run on a copy where OCR-garbled spellings of
 * distinctive words are put right (`00MKilled` → `OOMKilled`, `CrashLoop BackOff`,
 * `CLUSTERD0WN`), and their spans are mapped back onto the OCR text.
 */

/** Words and phrases the diagnosis signatures key on, as they should be spelled. */
const VOCABULARY = [
  'CrashLoopBackOff', 'OOMKilled', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'FailedScheduling', 'Evicted',
  'CLUSTERDOWN', 'READONLY', 'TRYAGAIN', 'OOM command not allowed', 'maxmemory', 'noeviction', 'used_memory',
  'no healthy upstream', 'upstream connect error', 'upstream request timeout', 'upstream_reset_before_response_started',
  'context deadline exceeded', 'i/o timeout', 'connection refused', 'connection reset by peer', 'no such host',
  'too many clients already', 'remaining connection slots are reserved', 'too many open files', 'no space left on device',
  'certificate has expired', 'all goroutines are asleep', 'deadlock', 'goroutine', 'semacquire', 'chan receive', 'chan send', 'IO wait',
] as const;

const phraseRe = (phrase: string): string =>
  phrase
    .split(' ')
    .map((w) => fuzzyWord(w, w.length >= 7))
    .join('\\s+');

/** Longest first, so `OOM command not allowed` wins over shorter words inside it. */
const BY_LENGTH = [...VOCABULARY].sort((a, b) => b.length - a.length);
const VOCAB_RE = new RegExp(`(?<![A-Za-z0-9_])(?:${BY_LENGTH.map((p) => `(${phraseRe(p)})`).join('|')})(?![A-Za-z0-9_])`, 'g');

interface Replacement {
  /** Span in the original text. */
  from: number;
  to: number;
  /** Span of the canonical spelling in the normalised text. */
  nFrom: number;
  nTo: number;
}

/** The text with garbled vocabulary put right, and a map from its offsets back to the original. */
export function normalizeForSignatures(text: string): { text: string; toOriginal: (offset: number, isEnd: boolean) => number } {
  const reps: Replacement[] = [];
  let out = '';
  let last = 0;
  VOCAB_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VOCAB_RE.exec(text))) {
    const i = m.slice(1).findIndex((g) => g !== undefined);
    const canonical = BY_LENGTH[i]!;
    if (m[0] === canonical || m[0].includes('\n')) continue;
    out += text.slice(last, m.index);
    reps.push({ from: m.index, to: m.index + m[0].length, nFrom: out.length, nTo: out.length + canonical.length });
    out += canonical;
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  const toOriginal = (offset: number, isEnd: boolean): number => {
    let delta = 0;
    for (const r of reps) {
      if (offset < r.nFrom || (isEnd && offset === r.nFrom)) break;
      if (offset < r.nTo || (isEnd && offset === r.nTo)) return isEnd ? r.to : r.from;
      delta = r.to - r.nTo;
    }
    return offset + delta;
  };
  return { text: out, toOriginal };
}

/** Diagnosis hits weaker than this (bare words like "redis", "timeout") are hints, not signatures. */
export const MIN_SIGNATURE_WEIGHT = 2;

const strongest = (hit: SignatureHit): [string, number] | undefined =>
  Object.entries(hit.weights)
    .map(([c, w]) => [c, w ?? 0] as [string, number])
    .sort((a, b) => b[1] - a[1])[0];

/**
 * Every signature of an OCR text, in text order: code lines (commands, PromQL, hashes, codes,
 * panics, pod rows) and diagnosis error signatures (`error-signature`, with the signature id as
 * `value` and its main class as `classId`). Diagnosis hits are kept when they weigh at least
 * MIN_SIGNATURE_WEIGHT for some class, strongest first, one per stretch of text; a hit inside a
 * pod row is left out (the row already names the status).
 */
export function extractScreenshotSignatures(text: string): Signature[] {
  const code = extractCodeLines(text);
  const norm = normalizeForSignatures(text);
  const rows = code.filter((s) => s.kind === 'k8s-pod-row');
  const hits = extractSignatures(norm.text)
    .map((hit) => ({ hit, top: strongest(hit) }))
    .filter((h): h is { hit: SignatureHit; top: [string, number] } => h.top !== undefined && h.top[1] >= MIN_SIGNATURE_WEIGHT)
    .sort((a, b) => b.top[1] - a.top[1] || a.hit.start - b.hit.start);
  const errors: Signature[] = [];
  for (const { hit, top } of hits) {
    const start = norm.toOriginal(hit.start, false);
    const end = norm.toOriginal(hit.end, true);
    if (rows.some((r) => start >= r.start && end <= r.end)) continue;
    if (errors.some((e) => start < e.end && end > e.start)) continue;
    const [s, e] = [start, end - (/\s$/.test(text.slice(start, end)) ? 1 : 0)];
    errors.push({ kind: 'error-signature', text: text.slice(s, e), start: s, end: e, value: hit.signature, classId: top[0] });
  }
  return [...code, ...errors].sort((a, b) => a.start - b.start || b.end - a.end);
}
