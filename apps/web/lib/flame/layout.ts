import { type FlameJSON } from '../types';

/**
 * A flame graph laid out once per tree: every array is indexed by a node's position in
 * depth-first pre-order, so a subtree is the contiguous range [p, end[p]) and a renderer can
 * skip a frame too narrow to draw together with everything above it in O(1).
 *
 * Horizontal positions are in weight units (x, w); the renderer maps them to pixels for the
 * current zoom. Building is O(n) with typed arrays, a few milliseconds for 100,000 nodes.
 */
export interface FlameLayout {
  n: number;
  names: string[];
  /** Name index (into names) per position. */
  name: Int32Array;
  /** Original node index per position (index into the JSON arrays). */
  node: Int32Array;
  parent: Int32Array;
  depth: Int32Array;
  /** Subtree end (exclusive) per position. */
  end: Int32Array;
  /** Deepest depth inside the subtree per position. */
  maxDepth: Int32Array;
  x: Float64Array;
  w: Float64Array;
  self: Float64Array;
  total: Float64Array;
  /** Diff trees: the base profile's weights (self/total are the new profile's). */
  baseSelf?: Float64Array;
  baseTotal?: Float64Array;
  /** Weight of the root: 100%. */
  rootTotal: number;
  rootBaseTotal: number;
  /** Largest |total − baseTotal| below the root (diff colour scale). */
  maxDelta: number;
  otherName: number;
  sampleType: string;
  unit: string;
  pruned: { nodes: number; weight: number; minFraction: number };
}

/**
 * The wire shapes this accepts: version 2 (parents as distances back, weights divided by
 * valueScale) and version 1 (plain parent indices, raw weights).
 */
interface WireNodes {
  name: number[];
  parent?: number[];
  parentDelta?: number[];
  self: number[];
  total: number[];
  baseSelf?: number[];
  baseTotal?: number[];
}

export function isDiffTree(t: FlameJSON): boolean {
  const nodes = t.nodes as WireNodes;
  return Array.isArray(nodes.baseTotal) && nodes.baseTotal.length === nodes.name.length;
}

/** Parent indices (-1 for roots) from either wire form. */
function parentsOf(nodes: WireNodes): Int32Array {
  const n = nodes.name.length;
  if (nodes.parentDelta) {
    const d = nodes.parentDelta;
    return Int32Array.from({ length: n }, (_, i) => (d[i]! === 0 ? -1 : i - d[i]!));
  }
  return Int32Array.from(nodes.parent ?? [], (p) => p);
}

export function buildLayout(t: FlameJSON): FlameLayout {
  const src = t.nodes as WireNodes;
  const n = src.name.length;
  const diff = isDiffTree(t);
  const scale = (t as { valueScale?: number }).valueScale || 1;
  const parentOf = parentsOf(src);

  // Children lists (CSR) in the server's order: heaviest first, "(other)" last.
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = parentOf[i]!;
    if (p >= 0 && p < n) childStart[p + 1]!++;
  }
  for (let i = 0; i < n; i++) childStart[i + 1]! += childStart[i]!;
  const fill = childStart.slice(0, n);
  const kids = new Int32Array(n);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = parentOf[i]!;
    if (p >= 0 && p < n && p !== i) kids[fill[p]!++] = i;
    else roots.push(i);
  }

  const node = new Int32Array(n);
  const parent = new Int32Array(n);
  const depth = new Int32Array(n);
  const name = new Int32Array(n);
  const self = new Float64Array(n);
  const total = new Float64Array(n);
  const baseSelf = diff ? new Float64Array(n) : undefined;
  const baseTotal = diff ? new Float64Array(n) : undefined;
  const w = new Float64Array(n);
  const x = new Float64Array(n);
  const cursor = new Float64Array(n);

  // Iterative pre-order; a stack of node indices with their parent position.
  const stack = new Int32Array(n * 2 + 2);
  let sp = 0;
  let pos = 0;
  let rootCursor = 0;
  for (let r = roots.length - 1; r >= 0; r--) {
    stack[sp++] = roots[r]!;
    stack[sp++] = -1;
  }
  const visited = new Uint8Array(n);
  while (sp > 0) {
    const par = stack[--sp]!;
    const i = stack[--sp]!;
    if (visited[i]) continue; // malformed input (a cycle): never loop
    visited[i] = 1;
    const p = pos++;
    node[p] = i;
    parent[p] = par;
    depth[p] = par < 0 ? 0 : depth[par]! + 1;
    name[p] = src.name[i]!;
    self[p] = src.self[i]! * scale;
    total[p] = src.total[i]! * scale;
    if (diff) {
      baseSelf![p] = (src.baseSelf?.[i] ?? 0) * scale;
      baseTotal![p] = src.baseTotal![i]! * scale;
    }
    // A diff frame is as wide as base + new together, so both the grown and the vanished show.
    w[p] = Math.abs(total[p]!) + (diff ? Math.abs(baseTotal![p]!) : 0);
    if (par < 0) {
      x[p] = rootCursor;
      rootCursor += w[p]!;
    } else {
      x[p] = cursor[par]!;
      cursor[par]! += w[p]!;
    }
    cursor[p] = x[p]!;
    for (let k = childStart[i + 1]! - 1; k >= childStart[i]!; k--) {
      stack[sp++] = kids[k]!;
      stack[sp++] = p;
    }
  }
  const count = pos;

  const end = new Int32Array(count);
  const maxDepth = new Int32Array(count);
  const size = new Int32Array(count).fill(1);
  for (let p = 0; p < count; p++) maxDepth[p] = depth[p]!;
  for (let p = count - 1; p > 0; p--) {
    const par = parent[p]!;
    if (par < 0) continue;
    size[par]! += size[p]!;
    if (maxDepth[p]! > maxDepth[par]!) maxDepth[par] = maxDepth[p]!;
  }
  for (let p = 0; p < count; p++) end[p] = p + size[p]!;

  let maxDelta = 0;
  if (diff) {
    for (let p = 1; p < count; p++) {
      const d = Math.abs(total[p]! - baseTotal![p]!);
      if (d > maxDelta) maxDelta = d;
    }
  }

  return {
    n: count,
    names: t.names,
    name: name.subarray(0, count),
    node: node.subarray(0, count),
    parent: parent.subarray(0, count),
    depth: depth.subarray(0, count),
    end,
    maxDepth,
    x: x.subarray(0, count),
    w: w.subarray(0, count),
    self: self.subarray(0, count),
    total: total.subarray(0, count),
    baseSelf: baseSelf?.subarray(0, count),
    baseTotal: baseTotal?.subarray(0, count),
    rootTotal: count > 0 ? Math.abs(total[0]!) : 0,
    rootBaseTotal: count > 0 && baseTotal ? Math.abs(baseTotal[0]!) : 0,
    maxDelta,
    otherName: t.otherName ?? -1,
    sampleType: t.sampleType,
    unit: t.unit,
    pruned: t.pruned ?? { nodes: 0, weight: 0, minFraction: 0 },
  };
}

/** Positions from the root down to p (inclusive). */
export function pathTo(l: FlameLayout, p: number): number[] {
  const out: number[] = [];
  for (let q = p; q >= 0; q = l.parent[q]!) out.push(q);
  return out.reverse();
}

/**
 * Compiles a search box entry: a case-insensitive regular expression when it is one, else a
 * plain substring (so "(*T).Method" works as typed). Empty → null.
 */
export function compileSearch(q: string): ((name: string) => boolean) | null {
  const s = q.trim();
  if (!s) return null;
  try {
    const re = new RegExp(s, 'i');
    return (name) => re.test(name);
  } catch {
    const lower = s.toLowerCase();
    return (name) => name.toLowerCase().includes(lower);
  }
}

/** Marks matching names (by name index) once per query, not per node. */
export function matchNames(names: readonly string[], test: (name: string) => boolean): Uint8Array {
  const m = new Uint8Array(names.length);
  for (let i = 0; i < names.length; i++) if (test(names[i]!)) m[i] = 1;
  return m;
}

/**
 * Share of the root's weight under matching frames, each sample counted once: a match's
 * subtree is skipped, so recursion or nested matches are not double counted.
 */
export function matchedWeight(l: FlameLayout, matches: Uint8Array, from = 0): { weight: number; frames: number } {
  let weight = 0;
  let frames = 0;
  const stop = l.n > 0 ? l.end[from]! : 0;
  for (let p = from; p < stop; ) {
    if (matches[l.name[p]!]) {
      weight += Math.abs(l.total[p]!);
      for (let q = p; q < l.end[p]!; q++) if (matches[l.name[q]!]) frames++;
      p = l.end[p]!;
    } else p++;
  }
  return { weight, frames };
}

/** First position whose name is exactly `fn`, preferring the widest (for "show in flame graph"). */
export function widestFrameNamed(l: FlameLayout, fn: string): number {
  let best = -1;
  for (let p = 0; p < l.n; p++) {
    if (l.names[l.name[p]!] === fn && (best < 0 || l.w[p]! > l.w[best]!)) best = p;
  }
  return best;
}
