import { describe, expect, it } from 'vitest';
import { cpu } from '../test/synth';
import { type CallTree } from './call-tree';
import { readProfile } from './decode';
import { bottomUpTree, sandwich } from './sandwich';
import { topTable } from './top';

function paths(t: CallTree): Record<string, number> {
  const out: Record<string, number> = {};
  const path: string[] = [];
  for (let n = 1; n < t.name.length; n++) {
    path.length = t.depth[n]! - 1;
    path.push(t.names[t.name[n]!]!);
    out[path.join(' > ')] = t.total[n]!;
  }
  return out;
}

const model = readProfile(
  cpu([
    { stack: ['json.encode', 'json.Marshal', 'main.handler', 'main.main'], values: [1, 40] },
    { stack: ['json.Marshal', 'main.audit', 'main.main'], values: [1, 20] },
    // recursion through Marshal: counted once, cut at the outermost occurrence
    { stack: ['json.Marshal', 'json.encode', 'json.Marshal', 'main.handler', 'main.main'], values: [1, 10] },
    { stack: ['main.other', 'main.main'], values: [1, 30] },
  ]),
);

describe('sandwich', () => {
  const s = sandwich(model, 'json.Marshal');

  it('totals the function cum and flat like the top table', () => {
    const row = topTable(model, { nodeFraction: 0 }).rows.find((r) => r.name === 'json.Marshal')!;
    expect([s.cum, s.flat]).toEqual([row.cum, row.flat]);
    expect([s.cum, s.flat]).toEqual([70, 30]);
  });

  it('merges every path into the function (callers, outward)', () => {
    expect(paths(s.callers)).toEqual({
      'json.Marshal': 70,
      'json.Marshal > main.handler': 50,
      'json.Marshal > main.handler > main.main': 50,
      'json.Marshal > main.audit': 20,
      'json.Marshal > main.audit > main.main': 20,
    });
  });

  it('merges every path out of it (callees), recursion below the outermost call', () => {
    expect(paths(s.callees)).toEqual({
      'json.Marshal': 70,
      'json.Marshal > json.encode': 50,
      'json.Marshal > json.encode > json.Marshal': 10,
    });
    expect(s.callees.self[1]).toBe(20);
  });

  it('rejects an unknown function', () => {
    expect(() => sandwich(model, 'nope')).toThrow(/does not appear/);
  });

  it('builds the bottom-up tree: leaf functions first', () => {
    const p = paths(bottomUpTree(model));
    expect(p['json.encode']).toBe(40);
    expect(p['json.Marshal']).toBe(30);
    expect(p['json.Marshal > main.audit > main.main']).toBe(20);
    expect(p['main.other']).toBe(30);
  });
});
