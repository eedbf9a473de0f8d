import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpu, synthBytes } from '../../../../libs/pprof/test/synth';
import { run, tempDir } from '../../test/run';

const dir = tempDir({
  'base.pb.gz': cpu([{ stack: ['main.old', 'main.main'], values: [1, 100] }, { stack: ['main.same', 'main.main'], values: [1, 100] }]),
  'new.pb.gz': cpu([{ stack: ['main.new', 'main.main'], values: [1, 300] }, { stack: ['main.same', 'main.main'], values: [1, 100] }]),
  'heap.pb.gz': synthBytes({ sampleTypes: [['inuse_space', 'bytes']], samples: [{ stack: ['a'], values: [1] }] }),
});
const file = (n: string) => join(dir, n);

describe('memegraph diff', () => {
  it('prints per-function deltas as JSON', async () => {
    const r = await run('diff', file('base.pb.gz'), file('new.pb.gz'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ sampleType: 'cpu', unit: 'nanoseconds', normalize: 'none', scale: 1, baseTotal: 200, newTotal: 400, total: 200 });
    expect(out.rows).toEqual([
      { name: 'main.new', baseFlat: 0, newFlat: 300, flatDelta: 300, baseCum: 0, newCum: 300, cumDelta: 300, flatDeltaPct: 150, cumDeltaPct: 150 },
      { name: 'main.old', baseFlat: 100, newFlat: 0, flatDelta: -100, baseCum: 100, newCum: 0, cumDelta: -100, flatDeltaPct: -50, cumDeltaPct: -50 },
      { name: 'main.main', baseFlat: 0, newFlat: 0, flatDelta: 0, baseCum: 200, newCum: 400, cumDelta: 200, flatDeltaPct: 0, cumDeltaPct: 100 },
    ]);
  });

  it('prints text like pprof -diff_base and writes a diff flame graph', async () => {
    const r = await run('diff', file('base.pb.gz'), file('new.pb.gz'), '--normalize', 'total', '--svg', file('d.svg'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('normalize=total (NEW scaled by 0.5000)');
    expect(r.stdout).toContain('main.new\n');
    const svg = readFileSync(file('d.svg'), 'utf8');
    expect(svg).toContain('<title>new.pb.gz vs base.pb.gz: cpu</title>');
    expect(svg).toContain('red grew, blue shrank');
    expect(svg).toContain('main.new (base 0, new 150ns, change +150ns');
  });

  it('exits 2 on bad usage or incomparable profiles', async () => {
    expect((await run('diff', file('base.pb.gz'))).code).toBe(2);
    expect((await run('diff', file('base.pb.gz'), file('new.pb.gz'), '--normalize', 'median')).code).toBe(2);
    const r = await run('diff', file('heap.pb.gz'), file('new.pb.gz'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot compare');
  });
});
