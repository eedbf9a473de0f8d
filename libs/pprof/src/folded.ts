import { type CallTree } from './call-tree';

/**
 * Folded stacks, the FlameGraph input format: one line per distinct stack, frames root
 * first joined by ";", then a space and the weight ("main.main;main.work 1230000").
 * Semicolons and line breaks inside names would break the format and are replaced.
 */
const clean = (name: string): string => name.replace(/;/g, ':').replace(/[\r\n]+/g, ' ');

/** Stacks of a call tree with their self weight; pruned weight appears as "(other)" frames. */
export function toFolded(tree: CallTree): string {
  return folded(tree, (n) => (tree.self[n] !== 0 ? String(tree.self[n]) : undefined));
}

/** FlameGraph's difffolded format for a diff tree: "stack base new" per line. */
export function toFoldedDiff(tree: CallTree): string {
  if (!tree.baseSelf) throw new Error('not a diff tree');
  const base = tree.baseSelf;
  return folded(tree, (n) => (tree.self[n] !== 0 || base[n] !== 0 ? `${base[n]} ${tree.self[n]}` : undefined));
}

function folded(tree: CallTree, weights: (node: number) => string | undefined): string {
  const lines: string[] = [];
  // Nodes are in pre-order, so the current path is a stack indexed by depth.
  const path: string[] = [];
  for (let n = 1; n < tree.name.length; n++) {
    const d = tree.depth[n]!;
    path.length = d;
    path[d - 1] = clean(tree.names[tree.name[n]!]!);
    const w = weights(n);
    if (w !== undefined) lines.push(`${path.join(';')} ${w}`);
  }
  const rootWeight = weights(0);
  if (rootWeight !== undefined) lines.push(`[no stack] ${rootWeight}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
