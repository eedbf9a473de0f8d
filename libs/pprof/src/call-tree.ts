import { type FilterOptions, applyFilters, hasFilters } from './filters';
import { type FrameTable, buildFrameTable } from './frames';
import { type ProfileModel } from './profile.model';
import { resolveSampleIndex } from './sample-index';

/**
 * Merged call stacks as a tree, root to leaf, with self and total weight per node: the data
 * behind flame graphs, folded stacks and speedscope. Nodes live in flat arrays (name index,
 * parent index, weights) in depth-first pre-order with interned names, so even a 50 MB
 * profile ships to a browser as a few compact arrays. Node 0 is the root.
 *
 * Pruning never loses weight: the children of a node that fall below the cut are folded
 * into one explicit "(other)" child carrying their summed weight, and the count and weight
 * of pruned nodes are reported.
 */
export interface CallTree {
  sampleType: string;
  unit: string;
  /** Interned frame names; node n is called names[name[n]]. */
  names: string[];
  /** Source file per name ('' when unknown), aligned with names. */
  files: string[];
  name: Int32Array;
  /** Parent node, -1 for the root. Parents always precede their children. */
  parent: Int32Array;
  depth: Int32Array;
  self: Float64Array;
  total: Float64Array;
  /** For diff trees: the base profile's weights (the new profile's are self/total). */
  baseSelf?: Float64Array;
  baseTotal?: Float64Array;
  /** Names index of the "(other)" pseudo-frame, -1 when nothing was pruned. */
  otherName: number;
  pruned: { nodes: number; weight: number; minFraction: number };
}

export const ROOT_NAME = 'root';
export const OTHER_NAME = '(other)';

export interface CallTreeOptions {
  sampleIndex?: string | number;
  filters?: FilterOptions;
  /** Fold nodes whose |total| is below this fraction of the root's into "(other)". Default 0: keep all. */
  minFraction?: number;
  /** Build the bottom-up tree: leaf functions at the top, their callers below. */
  inverted?: boolean;
}

/** Appends the frames of sample s to `out`, root first (outermost caller) to leaf (innermost inlined callee). */
export function sampleFrames(m: ProfileModel, frames: FrameTable, s: number, out: number[]): void {
  out.length = 0;
  const { locStart, frames: fr } = frames;
  for (let i = m.stackStart[s + 1]! - 1; i >= m.stackStart[s]!; i--) {
    const l = m.stackLocs[i]!;
    for (let j = locStart[l + 1]! - 1; j >= locStart[l]!; j--) out.push(fr[j]!);
  }
}

/**
 * Builds a prefix tree from frame paths. Children are found by a hash of (parent, name), so
 * building is linear in the total path length. Two weight channels serve diff trees.
 */
export class TreeBuilder {
  private readonly children = new Map<number, number>();
  name: number[] = [-1];
  parent: number[] = [-1];
  self: number[] = [0];
  total: number[] = [0];
  baseSelf: number[] = [0];
  baseTotal: number[] = [0];

  constructor(private readonly nameCount: number) {}

  private child(parent: number, name: number): number {
    const key = parent * this.nameCount + name;
    let c = this.children.get(key);
    if (c === undefined) {
      c = this.name.length;
      this.children.set(key, c);
      this.name.push(name);
      this.parent.push(parent);
      this.self.push(0);
      this.total.push(0);
      this.baseSelf.push(0);
      this.baseTotal.push(0);
    }
    return c;
  }

  /** Adds weight along path[from..to) (walking forward, or backward when from > to). */
  add(path: number[], from: number, to: number, weight: number, base = false): void {
    const tot = base ? this.baseTotal : this.total;
    const slf = base ? this.baseSelf : this.self;
    let node = 0;
    tot[0]! += weight;
    const step = from <= to ? 1 : -1;
    for (let i = from; i !== to; i += step) {
      node = this.child(node, path[i]!);
      tot[node]! += weight;
    }
    slf[node]! += weight;
  }
}

/**
 * Lays the builder's nodes out in pre-order with children by decreasing weight, folding
 * children under |total| < minFraction * |root total| into "(other)".
 */
export function finishTree(b: TreeBuilder, names: string[], sampleType: string, unit: string, minFraction: number, withBase: boolean, files?: string[]): CallTree {
  const n = b.name.length;
  const weight = (i: number) => Math.max(Math.abs(b.total[i]!), withBase ? Math.abs(b.baseTotal[i]!) : 0);
  const cut = minFraction > 0 ? minFraction * weight(0) : 0;
  // Children lists from parent links (parents precede children in creation order).
  const childCount = new Int32Array(n);
  for (let i = 1; i < n; i++) childCount[b.parent[i]!]!++;
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) childStart[i + 1] = childStart[i]! + childCount[i]!;
  const fill = childStart.slice(0, n);
  const kids = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) kids[fill[b.parent[i]!]!++] = i;

  const outNames = names.slice();
  // The root gets its own name entry, so a real function called "root" stays distinct.
  const rootName = outNames.length;
  outNames.push(ROOT_NAME);
  let otherName = -1;
  const pendingOther: { total: number; baseTotal: number }[] = [];
  const name: number[] = [];
  const parent: number[] = [];
  const depth: number[] = [];
  const self: number[] = [];
  const total: number[] = [];
  const baseSelf: number[] = [];
  const baseTotal: number[] = [];
  let prunedNodes = 0;
  let prunedWeight = 0;
  const subtreeSize = (root: number): number => {
    let count = 0;
    const stack = [root];
    while (stack.length) {
      const x = stack.pop()!;
      count++;
      for (let k = childStart[x]!; k < childStart[x + 1]!; k++) stack.push(kids[k]!);
    }
    return count;
  };
  const emit = (nm: number, par: number, dep: number, s: number, t: number, bs: number, bt: number): number => {
    name.push(nm);
    parent.push(par);
    depth.push(dep);
    self.push(s);
    total.push(t);
    baseSelf.push(bs);
    baseTotal.push(bt);
    return name.length - 1;
  };

  // Iterative pre-order: a stack of (builder node, output parent, depth).
  const stack: [number, number, number][] = [[0, -1, 0]];
  while (stack.length) {
    const [node, outParent, dep] = stack.pop()!;
    if (node < 0) {
      // An "(other)" placeholder: encoded as -(1 + index into pendingOther).
      const o = pendingOther[-node - 1]!;
      emit(otherName, outParent, dep, o.total, o.total, o.baseTotal, o.baseTotal);
      continue;
    }
    const me = emit(node === 0 ? rootName : b.name[node]!, outParent, dep, b.self[node]!, b.total[node]!, b.baseSelf[node]!, b.baseTotal[node]!);
    const children: number[] = [];
    let otherTotal = 0;
    let otherBase = 0;
    let otherCount = 0;
    for (let k = childStart[node]!; k < childStart[node + 1]!; k++) {
      const c = kids[k]!;
      if (cut > 0 && weight(c) < cut) {
        otherTotal += b.total[c]!;
        otherBase += b.baseTotal[c]!;
        otherCount += subtreeSize(c);
      } else children.push(c);
    }
    children.sort((x, y) => weight(y) - weight(x) || (names[b.name[x]!]! < names[b.name[y]!]! ? -1 : 1));
    // Push in reverse so the heaviest child is emitted first; "(other)" goes last.
    if (otherCount > 0) {
      if (otherName < 0) {
        otherName = outNames.length;
        outNames.push(OTHER_NAME);
      }
      prunedNodes += otherCount;
      prunedWeight += otherTotal;
      pendingOther.push({ total: otherTotal, baseTotal: otherBase });
      stack.push([-pendingOther.length, me, dep + 1]);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, me, dep + 1]);
  }

  const tree: CallTree = {
    sampleType,
    unit,
    names: outNames,
    files: outNames.map((_, i) => files?.[i] ?? ''),
    name: Int32Array.from(name),
    parent: Int32Array.from(parent),
    depth: Int32Array.from(depth),
    self: Float64Array.from(self),
    total: Float64Array.from(total),
    otherName,
    pruned: { nodes: prunedNodes, weight: prunedWeight, minFraction },
  };
  if (withBase) {
    tree.baseSelf = Float64Array.from(baseSelf);
    tree.baseTotal = Float64Array.from(baseTotal);
  }
  return tree;
}
/** The call tree (or, inverted, the bottom-up tree) of one sample type. */
export function buildCallTree(model: ProfileModel, options: CallTreeOptions = {}): CallTree {
  const vi = resolveSampleIndex(model, options.sampleIndex);
  const m = hasFilters(options.filters) ? applyFilters(model, options.filters) : model;
  const frames = buildFrameTable(m, 'functions');
  const b = new TreeBuilder(frames.names.length);
  const T = m.sampleTypes.length;
  const path: number[] = [];
  for (let s = 0; s < m.sampleCount; s++) {
    const w = m.values[s * T + vi]!;
    if (w === 0) continue;
    sampleFrames(m, frames, s, path);
    if (options.inverted) b.add(path, path.length - 1, -1, w);
    else b.add(path, 0, path.length, w);
  }
  const st = m.sampleTypes[vi]!;
  return finishTree(b, frames.names, st.type, st.unit, options.minFraction ?? 0, false, frames.files);
}

/** Children of every node, as CSR arrays (childStart[n]..childStart[n+1] index into kids). */
export function treeChildren(tree: CallTree): { childStart: Int32Array; kids: Int32Array } {
  const n = tree.name.length;
  const childStart = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) childStart[tree.parent[i]! + 1]!++;
  for (let i = 0; i < n; i++) childStart[i + 1]! += childStart[i]!;
  const fill = childStart.slice(0, n);
  const kids = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) kids[fill[tree.parent[i]!]!++] = i;
  return { childStart, kids };
}

/**
 * The tree as compact JSON for browsers. Three tricks keep a 1.3M-node tree near 13 MB instead
 * of 30: names are interned; parents are stored as the distance back to the parent
 * (pre-order puts most parents right before their children, so most distances are 1);
 * weights are divided by their greatest common divisor (CPU samples share the period), given
 * as `valueScale`. `callTreeFromJSON` undoes all three.
 */
export interface CallTreeJSON {
  version: 2;
  sampleType: string;
  unit: string;
  /** Root total in the profile's unit. */
  total: number;
  /** Multiply every nodes.self/total (and base*) by this to get the profile's unit. */
  valueScale: number;
  names: string[];
  files: string[];
  nodes: {
    name: number[];
    /** parent = index - parentDelta; 0 for the root (no parent). */
    parentDelta: number[];
    self: number[];
    total: number[];
    baseSelf?: number[];
    baseTotal?: number[];
  };
  otherName: number;
  pruned: CallTree['pruned'];
}

const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};

export function callTreeToJSON(tree: CallTree): CallTreeJSON {
  let scale = 0;
  for (const arr of [tree.total, tree.self, tree.baseTotal, tree.baseSelf]) {
    if (!arr) continue;
    for (let i = 0; i < arr.length && scale !== 1; i++) if (Number.isInteger(arr[i]!)) scale = gcd(scale, arr[i]!);
    else scale = 1;
  }
  if (scale === 0) scale = 1;
  const scaled = (a: Float64Array) => Array.from(a, (v) => v / scale);
  return {
    version: 2,
    sampleType: tree.sampleType,
    unit: tree.unit,
    total: tree.total[0] ?? 0,
    valueScale: scale,
    names: tree.names,
    files: tree.files,
    nodes: {
      name: Array.from(tree.name),
      parentDelta: Array.from(tree.parent, (p, i) => (p < 0 ? 0 : i - p)),
      self: scaled(tree.self),
      total: scaled(tree.total),
      ...(tree.baseTotal ? { baseSelf: scaled(tree.baseSelf!), baseTotal: scaled(tree.baseTotal) } : {}),
    },
    otherName: tree.otherName,
    pruned: tree.pruned,
  };
}

/** Rebuilds a CallTree from its JSON form. */
export function callTreeFromJSON(json: CallTreeJSON): CallTree {
  const n = json.nodes.name.length;
  const parent = Int32Array.from(json.nodes.parentDelta, (d, i) => (d === 0 ? -1 : i - d));
  const depth = new Int32Array(n);
  for (let i = 1; i < n; i++) depth[i] = depth[parent[i]!]! + 1;
  const unscale = (a: number[]) => Float64Array.from(a, (v) => v * json.valueScale);
  const tree: CallTree = {
    sampleType: json.sampleType,
    unit: json.unit,
    names: json.names,
    files: json.files,
    name: Int32Array.from(json.nodes.name),
    parent,
    depth,
    self: unscale(json.nodes.self),
    total: unscale(json.nodes.total),
    otherName: json.otherName,
    pruned: json.pruned,
  };
  if (json.nodes.baseTotal) {
    tree.baseTotal = unscale(json.nodes.baseTotal);
    tree.baseSelf = unscale(json.nodes.baseSelf ?? []);
  }
  return tree;
}
