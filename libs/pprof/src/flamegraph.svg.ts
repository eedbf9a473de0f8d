import { type CallTree } from './call-tree';
import { goFixed } from './go-format';
import { scaledLabel } from './measurement';
import { escapeXml, safeHref } from './xml';

/**
 * A self-contained SVG flame graph (root at the bottom) that reads without JavaScript:
 * every frame carries a <title> tooltip (name, value, share of total), colours come from a
 * hash of the name so the same function looks the same everywhere, and diff trees are
 * coloured by change (red grew, blue shrank). Nothing is silently dropped: frames too narrow
 * to draw are merged into one "(other)" frame per parent, frames deeper than maxDepth are
 * cut with a visible marker, and the subtitle states what was merged.
 */
export interface FlameBadge {
  /** Exact function name of the frames to mark. */
  frame: string;
  /** Short text drawn on the frame, e.g. an emoji. */
  label: string;
  /** Tooltip of the badge. */
  title?: string;
  /** Link target: only "#fragment" or a site path "/..." is kept; anything else renders unlinked. */
  href?: string;
}

export interface FlameGraphOptions {
  title?: string;
  subtitle?: string;
  width?: number;
  frameHeight?: number;
  /** Frames narrower than this many pixels merge into their parent's "(other)" frame. */
  minWidthPx?: number;
  /** Deeper frames are cut; their parent shows the cut. */
  maxDepth?: number;
  badges?: FlameBadge[];
}

const FONT_SIZE = 12;
const CHAR_WIDTH = FONT_SIZE * 0.6;
const PAD = 10;
const TITLE_AREA = 54;

/** FNV-1a: a stable 32-bit hash so colours do not change between runs. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Warm flame palette, as classic flame graphs use. */
function warmColour(name: string): string {
  const h = hash(name);
  const v1 = (h & 0xff) / 255;
  const v2 = ((h >>> 8) & 0xff) / 255;
  const v3 = ((h >>> 16) & 0xff) / 255;
  return `rgb(${205 + Math.round(50 * v3)},${Math.round(230 * v1)},${Math.round(55 * v2)})`;
}

/** Red for growth, blue for shrinkage, intensity relative to the largest change. */
function diffColour(delta: number, maxDelta: number): string {
  if (delta === 0 || maxDelta === 0) return 'rgb(235,235,235)';
  const r = Math.min(1, Math.abs(delta) / maxDelta);
  const fade = Math.round(235 - 195 * r);
  return delta > 0 ? `rgb(255,${fade},${fade})` : `rgb(${fade},${fade},255)`;
}

const pctOf = (v: number, total: number): string => (total === 0 ? '0' : goFixed((v / total) * 100, 2));

function fitLabel(name: string, widthPx: number): string {
  const chars = Math.floor((widthPx - 6) / CHAR_WIDTH);
  if (chars < 3) return '';
  return name.length <= chars ? name : `${name.slice(0, chars - 2)}..`;
}

const num = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2));

export function renderFlameGraphSvg(tree: CallTree, options: FlameGraphOptions = {}): string {
  const width = options.width ?? 1200;
  const fh = options.frameHeight ?? 16;
  const minPx = options.minWidthPx ?? 0.3;
  const maxDepth = options.maxDepth ?? 512;
  const isDiff = !!tree.baseTotal;
  const n = tree.name.length;
  const unit = tree.unit;
  const label = (v: number) => scaledLabel(v, unit, 'auto');

  // Width weight: |total|, or for diffs the larger of base and new, never less than the children need.
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = isDiff ? Math.max(Math.abs(tree.total[i]!), Math.abs(tree.baseTotal![i]!)) : Math.abs(tree.total[i]!);
  if (isDiff) {
    const childSum = new Float64Array(n);
    for (let i = n - 1; i >= 1; i--) {
      w[i] = Math.max(w[i]!, childSum[i]!);
      childSum[tree.parent[i]!]! += w[i]!;
    }
    w[0] = Math.max(w[0]!, childSum[0]!);
  }
  let maxDelta = 0;
  if (isDiff) for (let i = 1; i < n; i++) maxDelta = Math.max(maxDelta, Math.abs(tree.total[i]! - tree.baseTotal![i]!));

  const rootTotal = isDiff ? Math.abs(tree.baseTotal![0]!) || Math.abs(tree.total[0]!) : Math.abs(tree.total[0]!);
  const innerWidth = width - 2 * PAD;
  const scale = w[0]! > 0 ? innerWidth / w[0]! : 0;

  const badges = new Map<string, FlameBadge[]>();
  for (const b of options.badges ?? []) {
    const list = badges.get(b.frame) ?? [];
    list.push(b);
    badges.set(b.frame, list);
  }

  // Layout in pre-order: each child starts where its previous sibling ended.
  const x = new Float64Array(n);
  const cursor = new Float64Array(n);
  const drawn = new Uint8Array(n);
  const narrowWeight = new Float64Array(n);
  const narrowCount = new Int32Array(n);
  const narrowX = new Float64Array(n).fill(-1);
  const cutBelow = new Int32Array(n);
  // For frames below the depth cut: the drawn frame at the cut that answers for them (-1 otherwise).
  const cutAnchor = new Int32Array(n).fill(-1);
  drawn[0] = 1;
  x[0] = PAD;
  cursor[0] = PAD;
  let maxDrawnDepth = 0;
  let mergedFrames = 0;
  let cutFrames = 0;
  for (let i = 1; i < n; i++) {
    const p = tree.parent[i]!;
    x[i] = cursor[p]!;
    cursor[p]! += w[i]! * scale;
    cursor[i] = x[i]!;
    const d = tree.depth[i]!;
    if (!drawn[p]) {
      if (cutAnchor[p]! >= 0) {
        cutAnchor[i] = cutAnchor[p]!;
        cutBelow[cutAnchor[p]!]!++;
        cutFrames++;
      }
      continue;
    }
    if (d > maxDepth) {
      cutAnchor[i] = p;
      cutBelow[p]!++;
      cutFrames++;
      continue;
    }
    if (w[i]! * scale < minPx) {
      if (narrowX[p]! < 0) narrowX[p] = x[i]!;
      narrowWeight[p]! += w[i]!;
      narrowCount[p]!++;
      mergedFrames++;
      continue;
    }
    drawn[i] = 1;
    if (d > maxDrawnDepth) maxDrawnDepth = d;
  }
  for (let i = 0; i < n; i++) if (narrowCount[i]! > 0 && tree.depth[i]! + 1 > maxDrawnDepth) maxDrawnDepth = tree.depth[i]! + 1;

  const height = TITLE_AREA + (maxDrawnDepth + 1) * fh + 2 * PAD;
  const yOf = (depth: number) => height - PAD - (depth + 1) * fh;
  const out: string[] = [];
  const title = options.title ?? (isDiff ? 'Differential flame graph' : 'Flame graph');
  const subtitleParts = [options.subtitle ?? `${tree.sampleType}: total ${label(rootTotal)}`];
  if (isDiff) subtitleParts.push('red grew, blue shrank; width is the larger of base and new');
  if (tree.pruned.nodes > 0) subtitleParts.push(`${tree.pruned.nodes} small nodes (${label(tree.pruned.weight)}) folded into (other)`);
  if (mergedFrames > 0) subtitleParts.push(`${mergedFrames} frames under ${minPx}px merged into (other)`);
  if (cutFrames > 0) subtitleParts.push(`${cutFrames} frames deeper than ${maxDepth} cut`);

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    '<style>text{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;fill:#000}.t{font-size:17px}.s{font-size:12px;fill:#555}rect{stroke:#fff;stroke-width:0.5}.f:hover rect{stroke:#000;stroke-width:1}.b{font-size:11px}a .f text{text-decoration:underline}</style>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fdfdf8" stroke="none"/>`,
    `<text class="t" x="${width / 2}" y="24" text-anchor="middle">${escapeXml(title)}</text>`,
    `<text class="s" x="${width / 2}" y="44" text-anchor="middle">${escapeXml(subtitleParts.join(' · '))}</text>`,
  );

  const frame = (name: string, node: number, fx: number, fw: number, depth: number, value: number, base: number | undefined, extra: string, colour: string) => {
    const y = yOf(depth);
    const share = pctOf(value, rootTotal);
    const tip =
      base === undefined
        ? `${name} (${label(value)}, ${share}%)${extra}`
        : `${name} (base ${label(base)}, new ${label(value)}, change ${value - base >= 0 ? '+' : ''}${label(value - base)}, ${pctOf(value - base, rootTotal)}% of base total)${extra}`;
    const marks = node >= 0 ? (badges.get(name) ?? []) : [];
    const href = marks.map((b) => safeHref(b.href)).find((h) => h !== undefined);
    const parts = [`<g class="f"><title>${escapeXml(tip)}</title><rect x="${num(fx)}" y="${y}" width="${num(fw)}" height="${fh - 1}" fill="${colour}" rx="2"/>`];
    const badgeText = marks.map((b) => b.label).join('');
    const text = fitLabel(name, fw - (badgeText ? badgeText.length * CHAR_WIDTH + 4 : 0));
    if (text) parts.push(`<text x="${num(fx + 3)}" y="${y + fh - 4}">${escapeXml(text)}</text>`);
    for (const [k, b] of marks.entries()) {
      const bx = fx + fw - 3 - (marks.length - 1 - k) * 14;
      parts.push(`<text class="b" x="${num(bx)}" y="${y + fh - 4}" text-anchor="end"><title>${escapeXml(b.title ?? b.label)}</title>${escapeXml(b.label)}</text>`);
    }
    parts.push('</g>');
    const g = parts.join('');
    out.push(href ? `<a href="${escapeXml(href)}" xlink:href="${escapeXml(href)}">${g}</a>` : g);
  };

  for (let i = 0; i < n; i++) {
    if (!drawn[i]) continue;
    const name = tree.names[tree.name[i]!]!;
    const value = tree.total[i]!;
    const base = isDiff ? tree.baseTotal![i]! : undefined;
    const extra = cutBelow[i]! > 0 ? ` [${cutBelow[i]} deeper frames cut]` : '';
    const colour = i === 0 ? 'rgb(200,200,200)' : isDiff ? diffColour(value - (base ?? 0), maxDelta) : warmColour(name);
    frame(cutBelow[i]! > 0 ? `${name} …` : name, i, x[i]!, w[i]! * scale, tree.depth[i]!, value, base, extra, colour);
    if (narrowCount[i]! > 0) {
      frame('(other)', -1, narrowX[i]!, narrowWeight[i]! * scale, tree.depth[i]! + 1, narrowWeight[i]!, undefined, ` [${narrowCount[i]} narrow frames merged]`, 'rgb(190,190,190)');
    }
  }
  if (scale === 0) out.push(`<text x="${width / 2}" y="${TITLE_AREA + 20}" text-anchor="middle">no samples</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
