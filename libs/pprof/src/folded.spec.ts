import { describe, expect, it } from 'vitest';
import { cpu } from '../test/synth';
import { buildCallTree } from './call-tree';
import { readProfile } from './decode';
import { diffProfiles } from './diff';
import { toFolded, toFoldedDiff } from './folded';

describe('folded stacks', () => {
  const model = readProfile(
    cpu([
      { stack: ['main.b', 'main.a', 'main.main'], values: [5, 50] },
      { stack: ['main.a', 'main.main'], values: [2, 20] },
      { stack: ['pkg.weird;name', 'main.main'], values: [1, 1] },
    ]),
  );

  it('writes one line per stack with self weight, root first', () => {
    expect(toFolded(buildCallTree(model))).toBe(['main.main;main.a 20', 'main.main;main.a;main.b 50', 'main.main;pkg.weird:name 1', ''].join('\n'));
  });

  it('keeps pruned weight visible as (other)', () => {
    const out = toFolded(buildCallTree(model, { minFraction: 0.05 }));
    expect(out).toContain('main.main;(other) 1\n');
    const sum = out.trim().split('\n').reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    expect(sum).toBe(71);
  });

  it('writes difffolded (base new) for diff trees', () => {
    const base = readProfile(cpu([{ stack: ['main.a', 'main.main'], values: [1, 10] }]));
    const next = readProfile(cpu([{ stack: ['main.a', 'main.main'], values: [1, 30] }, { stack: ['main.b', 'main.main'], values: [1, 5] }]));
    expect(toFoldedDiff(diffProfiles(base, next).tree)).toBe('main.main;main.a 10 30\nmain.main;main.b 0 5\n');
    expect(() => toFoldedDiff(buildCallTree(base))).toThrow(/not a diff tree/);
  });
});
