import { describe, expect, it } from 'vitest';
import { cpu, synthBytes } from '../test/synth';
import { readProfile } from './decode';
import { diffProfiles } from './diff';
import { renderTopText } from './top.text';

const base = readProfile(
  cpu(
    [
      { stack: ['main.steady', 'main.main'], values: [1, 100] },
      { stack: ['main.shrinks', 'main.main'], values: [1, 300] },
      { stack: ['main.gone', 'main.main'], values: [1, 100] },
    ],
    { durationNanos: 10e9 },
  ),
);
const next = readProfile(
  cpu(
    [
      { stack: ['main.steady', 'main.main'], values: [1, 100] },
      { stack: ['main.shrinks', 'main.main'], values: [1, 100] },
      { stack: ['main.grows', 'main.main'], values: [1, 800] },
    ],
    { durationNanos: 20e9 },
  ),
);

describe('diffProfiles', () => {
  it('gives new minus base per function, percentages of the base total', () => {
    const d = diffProfiles(base, next, { nodeFraction: 0 });
    expect(d).toMatchObject({ baseTotal: 500, newTotal: 1000, scale: 1, normalize: 'none' });
    expect(d.top.total).toBe(500);
    const byName = Object.fromEntries(d.rows.map((r) => [r.name, r]));
    expect(byName['main.grows']).toEqual({ name: 'main.grows', baseFlat: 0, newFlat: 800, flatDelta: 800, baseCum: 0, newCum: 800, cumDelta: 800 });
    expect(byName['main.shrinks']).toMatchObject({ baseFlat: 300, newFlat: 100, flatDelta: -200 });
    expect(byName['main.gone']).toMatchObject({ flatDelta: -100 });
    expect(byName['main.main']).toMatchObject({ baseCum: 500, newCum: 1000, cumDelta: 500 });
    // main.steady nets to zero: pprof leaves out nodes whose flat and cum are both 0.
    expect(byName['main.steady']).toBeUndefined();
    expect(d.top.rows.map((r) => r.name)).toEqual(['main.grows', 'main.shrinks', 'main.gone', 'main.main']);
    expect(d.top.rows[0]).toMatchObject({ flatPct: 160 });
    expect(renderTopText(d.top)).toContain('-200ns 40.00%');
  });

  it('normalises the new profile to the base total (pprof -normalize)', () => {
    const d = diffProfiles(base, next, { normalize: 'total', nodeFraction: 0 });
    expect(d.scale).toBe(0.5);
    expect(d.newTotal).toBe(500);
    expect(Object.fromEntries(d.rows.map((r) => [r.name, r.flatDelta]))).toMatchObject({ 'main.grows': 400, 'main.shrinks': -250, 'main.steady': -50 });
  });

  it('normalises by duration', () => {
    const d = diffProfiles(base, next, { normalize: 'duration', nodeFraction: 0 });
    expect(d.scale).toBe(0.5);
    expect(() => diffProfiles(readProfile(cpu([], { durationNanos: 0 })), next, { normalize: 'duration' })).toThrow(/duration/);
  });

  it('builds a diff call tree with base and new weights on the same nodes', () => {
    const { tree } = diffProfiles(base, next);
    const idx = (name: string) => Array.from(tree.name).findIndex((n) => tree.names[n] === name);
    expect([tree.baseTotal![idx('main.grows')], tree.total[idx('main.grows')]]).toEqual([0, 800]);
    expect([tree.baseTotal![idx('main.gone')], tree.total[idx('main.gone')]]).toEqual([100, 0]);
    expect([tree.baseTotal![0], tree.total[0]]).toEqual([500, 1000]);
  });

  it('refuses profiles of different sample types', () => {
    const heap = readProfile(synthBytes({ sampleTypes: [['inuse_space', 'bytes']], samples: [{ stack: ['a'], values: [1] }] }));
    expect(() => diffProfiles(heap, next)).toThrow(/cannot compare/);
  });
});
