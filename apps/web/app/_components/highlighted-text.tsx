import { Fragment, type ReactNode } from 'react';

export interface TextRange {
  start: number;
  end: number;
  /** Shown as the mark's tooltip (e.g. the signature that matched). */
  title?: string;
}

/** Valid, in-bounds ranges, sorted, overlaps merged into the earlier one. */
export function normalizeRanges(length: number, ranges: readonly TextRange[]): TextRange[] {
  const sorted = ranges
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.end > r.start && r.start < length)
    .map((r) => ({ ...r, end: Math.min(r.end, length) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TextRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      if (r.title && last.title !== r.title && !last.title?.includes(r.title)) last.title = [last.title, r.title].filter(Boolean).join(', ');
    } else out.push({ ...r });
  }
  return out;
}

/** Every occurrence of each needle in text (exact case first; case-insensitive when the exact text is not there). */
export function findOccurrences(text: string, needles: readonly { text: string; title?: string }[]): TextRange[] {
  const out: TextRange[] = [];
  const lower = text.toLowerCase();
  for (const n of needles) {
    if (!n.text) continue;
    let hay = text;
    let needle = n.text;
    if (!text.includes(needle)) {
      hay = lower;
      needle = needle.toLowerCase();
    }
    for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) out.push({ start: i, end: i + needle.length, title: n.title });
  }
  return out;
}

/** Plain text with some ranges marked; the text is rendered as text (never as HTML). */
export function HighlightedText({ text, ranges, className }: { text: string; ranges: readonly TextRange[]; className?: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [i, r] of normalizeRanges(text.length, ranges).entries()) {
    if (r.start > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, r.start)}</Fragment>);
    parts.push(
      <mark key={`m${i}`} title={r.title} data-start={r.start} data-end={r.end}>
        {text.slice(r.start, r.end)}
      </mark>,
    );
    at = r.end;
  }
  if (at < text.length) parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return <span className={className}>{parts}</span>;
}
