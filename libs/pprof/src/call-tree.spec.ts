import { describe, expect, it } from 'vitest';
import { cpu, deepStack } from '../test/synth';
import { type CallTree, OTHER_NAME, buildCallTree, callTreeFromJSON, callTreeToJSON, treeChildren } from './call-tree';
import { readProfile } from './decode';

/** "a;b;c" paths of every node with its [self, total], for readable assertions. */
function paths(t: CallTree): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  const path: string[] = [];
  for (let n = 1; n < t.name.length; n++) {
    path.length = t.depth[n]! - 1;
    path.push(t.names[t.name[n]!]!);
    out[path.join(';')] = [t.self[n]!, t.total[n]!];
  }
  return out;
}

const model = readProfile(
  cpu([
    { stack: ['main.b', 'main.a', 'main.main'], values: [5, 50] },
    { stack: ['main.a', 'main.main'], values: [2, 20] },
    { stack: [['strconv.Itoa', 'main.fmt'], 'main.main'], values: [1, 10] },
    { stack: ['main.rec', 'main.rec', 'main.main'], values: [1, 10] },
    { stack: ['main.tiny', 'main.main'], values: [1, 1] },
    { stack: ['main.tiny2', 'main.main'], values: [1, 2] },
  ]),
);

describe('buildCallTree', () => {
  it('merges stacks root to leaf with self and total, inlined frames as their own nodes', () => {
    const t = buildCallTree(model);
    expect(t.total[0]).toBe(93);
    expect(t.names[t.name[0]!]).toBe('root');
    expect(paths(t)).toEqual({
      'main.main': [0, 93],
      'main.main;main.a': [20, 70],
      'main.main;main.a;main.b': [50, 50],
      'main.main;main.fmt': [0, 10],
      'main.main;main.fmt;strconv.Itoa': [10, 10],
      'main.main;main.rec': [0, 10],
      'main.main;main.rec;main.rec': [10, 10],
      'main.main;main.tiny': [1, 1],
      'main.main;main.tiny2': [2, 2],
    });
    expect(t.pruned).toEqual({ nodes: 0, weight: 0, minFraction: 0 });
    expect(t.otherName).toBe(-1);
  });

  it('stores nodes in pre-order, parents first, children heaviest first', () => {
    const t = buildCallTree(model);
    for (let n = 1; n < t.name.length; n++) expect(t.parent[n]).toBeLessThan(n);
    const { childStart, kids } = treeChildren(t);
    const mainNode = kids[childStart[0]!]!;
    const children = Array.from(kids.subarray(childStart[mainNode]!, childStart[mainNode + 1]!)).map((c) => t.names[t.name[c]!]);
    expect(children).toEqual(['main.a', 'main.fmt', 'main.rec', 'main.tiny2', 'main.tiny']);
  });

  it('folds pruned children into one explicit (other) node per parent, weight kept', () => {
    const t = buildCallTree(model, { minFraction: 0.05 });
    const p = paths(t);
    // tiny (1) and tiny2 (2) are under 5% of 93: folded into "(other)" = 3.
    expect(p[`main.main;${OTHER_NAME}`]).toEqual([3, 3]);
    expect(p['main.main;main.tiny']).toBeUndefined();
    expect(t.pruned).toEqual({ nodes: 2, weight: 3, minFraction: 0.05 });
    expect(t.names[t.otherName]).toBe(OTHER_NAME);
    // Totals still add up: root = main.main = sum of children + self.
    expect(p['main.main']![1]).toBe(93);
  });

  it('counts a pruned subtree in pruned.nodes', () => {
    const t = buildCallTree(model, { minFraction: 0.6 });
    // Only main.main (93) and main.a (70) stay; fmt, rec(+rec), tiny, tiny2 folded; b (50 < 55.8) folded under a.
    expect(t.pruned.nodes).toBe(7);
    expect(paths(t)[`main.main;${OTHER_NAME}`]).toEqual([23, 23]);
    expect(paths(t)[`main.main;main.a;${OTHER_NAME}`]).toEqual([50, 50]);
  });

  it('builds the inverted (bottom-up) tree: leaves first', () => {
    const p = paths(buildCallTree(model, { inverted: true }));
    expect(p['main.b']).toEqual([0, 50]);
    expect(p['main.b;main.a;main.main']).toEqual([50, 50]);
    expect(p['main.a']).toEqual([0, 20]);
    expect(p['strconv.Itoa;main.fmt;main.main']).toEqual([10, 10]);
  });

  it('uses the chosen sample index', () => {
    expect(buildCallTree(model, { sampleIndex: 'samples' }).total[0]).toBe(11);
  });

  it('handles a 10,000-frame stack iteratively', () => {
    const t = buildCallTree(readProfile(cpu([{ stack: deepStack(10_000), values: [1, 3] }])));
    expect(t.name.length).toBe(10_001);
    expect(t.depth[10_000]).toBe(10_000);
    expect(t.self[10_000]).toBe(3);
    expect(buildCallTree(readProfile(cpu([{ stack: deepStack(10_000), values: [1, 3] }])), { minFraction: 0.5 }).name.length).toBe(10_001);
  });

  it('serialises to compact JSON and back', () => {
    const tree = buildCallTree(model);
    const json = callTreeToJSON(tree);
    expect(json.total).toBe(93);
    expect(json.nodes.parentDelta[0]).toBe(0);
    expect(json.nodes.name.length).toBe(json.nodes.total.length);
    expect(callTreeFromJSON(JSON.parse(JSON.stringify(json)))).toEqual(tree);
  });

  it('divides weights by their common divisor (CPU periods)', () => {
    const tree = buildCallTree(readProfile(cpu([{ stack: ['a', 'b'], values: [1, 10_000_000] }, { stack: ['b'], values: [1, 30_000_000] }])));
    const json = callTreeToJSON(tree);
    expect(json.valueScale).toBe(10_000_000);
    expect(json.nodes.total).toEqual([4, 4, 1]);
    expect(callTreeFromJSON(json)).toEqual(tree);
  });
});
