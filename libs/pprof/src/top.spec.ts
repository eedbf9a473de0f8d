import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppError } from '@memegraph/contracts';
import { describe, expect, it } from 'vitest';
import { parseOracleTop } from '../test/oracle';
import { cpu, deepStack, synthBytes } from '../test/synth';
import { readProfile } from './decode';
import { hasSymbols } from './profile.model';
import { resolveSampleIndex } from './sample-index';
import { summarizeProfile } from './summary';
import { topTable } from './top';
import { renderTopText } from './top.text';

const row = (t: ReturnType<typeof topTable>, name: string) => t.rows.find((r) => r.name === name);

describe('topTable', () => {
  const model = readProfile(
    cpu([
      // main -> a -> b (leaf), 5 samples
      { stack: ['main.b', 'main.a', 'main.main'], values: [5, 50] },
      // recursion: main -> rec -> rec -> rec (leaf), 3 samples
      { stack: ['main.rec', 'main.rec', 'main.rec', 'main.main'], values: [3, 30] },
      // main -> a (leaf), 2 samples
      { stack: ['main.a', 'main.main'], values: [2, 20] },
    ]),
  );

  it('computes flat and cum per function, recursion counted once per stack', () => {
    const t = topTable(model, { nodeFraction: 0 });
    expect(t.sampleType).toBe('cpu');
    expect(t.unit).toBe('nanoseconds');
    expect(t.total).toBe(100);
    expect(row(t, 'main.main')).toMatchObject({ flat: 0, cum: 100, cumPct: 100 });
    expect(row(t, 'main.a')).toMatchObject({ flat: 20, cum: 70, flatPct: 20, cumPct: 70 });
    expect(row(t, 'main.b')).toMatchObject({ flat: 50, cum: 50 });
    expect(row(t, 'main.rec')).toMatchObject({ flat: 30, cum: 30 });
  });

  it('orders by flat desc, then name, and keeps a running sum', () => {
    const t = topTable(model, { nodeFraction: 0 });
    expect(t.rows.map((r) => r.name)).toEqual(['main.b', 'main.rec', 'main.a', 'main.main']);
    expect(t.rows.map((r) => r.sumPct)).toEqual([50, 80, 100, 100]);
    expect(t.shownTotal).toBe(100);
  });

  it('breaks flat ties by name, not by cum', () => {
    const m = readProfile(
      cpu([
        { stack: ['z.leaf', 'z.caller'], values: [1, 10] },
        { stack: ['a.leaf'], values: [1, 10] },
        { stack: ['m.x', 'z.caller'], values: [1, 10] },
      ]),
    );
    expect(topTable(m, { nodeFraction: 0 }).rows.map((r) => r.name)).toEqual(['a.leaf', 'm.x', 'z.leaf', 'z.caller']);
  });

  it('drops nodes under the node fraction and counts them', () => {
    const samples = [{ stack: ['main.hot', 'main.main'], values: [995, 995] }, { stack: ['main.cold', 'main.main'], values: [5, 5] }];
    const t = topTable(readProfile(cpu(samples)));
    // cutoff = trunc(1000 * 0.005) = 5: |cum| >= 5 is kept, so main.cold (5) stays.
    expect(t.droppedNodes).toBe(0);
    const t2 = topTable(readProfile(cpu([{ stack: ['main.hot', 'main.main'], values: [996, 996] }, { stack: ['main.cold', 'main.main'], values: [4, 4] }])));
    expect(t2.droppedNodes).toBe(1);
    expect(t2.droppedCutoff).toBe(5);
    expect(t2.rows.map((r) => r.name)).toEqual(['main.hot', 'main.main']);
    expect(renderTopText(t2)).toContain('Dropped 1 node (cum <= 5ns)');
  });

  it('honours nodeCount after the cutoff', () => {
    const t = topTable(model, { nodeFraction: 0, nodeCount: 2 });
    expect(t.rows.map((r) => r.name)).toEqual(['main.b', 'main.rec']);
    expect(t.nodesAfterCutoff).toBe(4);
    expect(renderTopText(t)).toContain('Showing top 2 nodes out of 4');
  });

  it('names inlined frames and labels them (inline) / (partial-inline) like pprof', () => {
    const m = readProfile(
      cpu([
        // bytes.grow inlined into Write at one site ...
        { stack: [['bytes.grow', 'bytes.Write'], 'main.main'], values: [10, 100] },
        // ... and called normally at another: partial-inline.
        { stack: ['bytes.grow', 'main.other', 'main.main'], values: [10, 100] },
        // strconv.Itoa is only ever inlined.
        { stack: [['strconv.Itoa', 'main.format'], 'main.main'], values: [10, 100] },
      ]),
    );
    const t = topTable(m, { nodeFraction: 0 });
    expect(row(t, 'bytes.grow')).toMatchObject({ flat: 200, cum: 200, inline: 'partial-inline' });
    expect(row(t, 'strconv.Itoa')).toMatchObject({ flat: 100, inline: 'inline' });
    expect(row(t, 'main.format')?.inline).toBeUndefined();
    expect(renderTopText(t)).toMatch(/strconv\.Itoa \(inline\)\n/);
  });

  it('names frames without symbols by address and says the profile has none', () => {
    const m = readProfile(cpu([{ stack: ['a', 'b'], values: [1, 10] }], { noSymbols: true }));
    expect(hasSymbols(m)).toBe(false);
    expect(summarizeProfile(m).hasSymbols).toBe(false);
    const names = topTable(m, { nodeFraction: 0 }).rows.map((r) => r.name);
    expect(names).toHaveLength(2);
    for (const n of names) expect(n).toMatch(/^0x[0-9a-f]+$/);
  });

  it('handles a 10,000-frame stack without recursion', () => {
    const m = readProfile(cpu([{ stack: deepStack(10_000), values: [1, 7] }]));
    const t = topTable(m, { nodeFraction: 0 });
    expect(t.rows).toHaveLength(10_000);
    expect(row(t, 'main.f0')).toMatchObject({ flat: 7, cum: 7 });
    expect(row(t, 'main.f9999')).toMatchObject({ flat: 0, cum: 7 });
  });

  it('treats a profile of zero samples as an empty table', () => {
    const t = topTable(readProfile(synthBytes({ sampleTypes: [['contentions', 'count'], ['delay', 'nanoseconds']], samples: [] })));
    expect(t).toMatchObject({ total: 0, rows: [], sampleType: 'delay' });
    expect(renderTopText(t)).toContain('Showing nodes accounting for 0, 0% of 0 total');
  });

  it('lines granularity keys rows by function and line', () => {
    const t = topTable(model, { nodeFraction: 0, granularity: 'lines' });
    expect(t.rows.map((r) => r.name)).toContain('main.b /src/main.go:10');
  });
});

describe('sample index', () => {
  const heap = readProfile(
    synthBytes({
      sampleTypes: [
        ['alloc_objects', 'count'],
        ['alloc_space', 'bytes'],
        ['inuse_objects', 'count'],
        ['inuse_space', 'bytes'],
      ],
      samples: [{ stack: ['main.alloc'], values: [1, 2, 3, 4] }],
    }),
  );
  const allocs = readProfile(
    synthBytes({
      sampleTypes: [
        ['alloc_objects', 'count'],
        ['alloc_space', 'bytes'],
      ],
      defaultSampleType: 'alloc_objects',
      samples: [{ stack: ['main.alloc'], values: [1, 2] }],
    }),
  );

  it('defaults to the default sample type, else the last', () => {
    expect(resolveSampleIndex(heap)).toBe(3);
    expect(resolveSampleIndex(allocs)).toBe(0);
    expect(topTable(heap).total).toBe(4);
  });

  it('accepts names, positions and the legacy inuse_ prefix', () => {
    expect(topTable(heap, { sampleIndex: 'alloc_space' }).total).toBe(2);
    expect(topTable(heap, { sampleIndex: '2' }).total).toBe(3);
    const legacy = readProfile(synthBytes({ sampleTypes: [['objects', 'count'], ['space', 'bytes']], samples: [{ stack: ['a'], values: [1, 2] }] }));
    expect(resolveSampleIndex(legacy, 'inuse_space')).toBe(1);
  });

  it('rejects unknown names with a usage error listing the choices', () => {
    let err: AppError | undefined;
    try {
      topTable(heap, { sampleIndex: 'cpu' });
    } catch (e) {
      err = e as AppError;
    }
    expect(err?.code).toBe('BAD_REQUEST');
    expect(err?.message).toContain('alloc_objects, alloc_space, inuse_objects, inuse_space');
    expect(() => resolveSampleIndex(heap, 9)).toThrow(/outside the range/);
  });
});

describe('Go 1.26 profiles in test/data against go tool pprof -top', () => {
  it.each(['go126-threadcreate', 'go126-goroutine'])('%s', (stem) => {
    const dir = join(__dirname, '../test/data');
    const expected = parseOracleTop(readFileSync(join(dir, `${stem}.top.txt`), 'utf8'));
    const model = readProfile(readFileSync(join(dir, `${stem}.pb.gz`)));
    const table = topTable(model);
    expect(renderTopText(table).trimEnd().split('\n')).toEqual(expected.body);
    // Go 1.26 prints the header the same way too (File, Build ID, Type, Time).
    expect(renderTopText(table, model)).toBe(readFileSync(join(dir, `${stem}.top.txt`), 'utf8'));
  });

  it('names Go\'s no-stack sentinel location <unknown>, like pprof', () => {
    const m = readProfile(readFileSync(join(__dirname, '../test/data/go126-threadcreate.pb.gz')));
    expect(topTable(m).rows[0]).toMatchObject({ name: '<unknown>', flat: 5, cum: 6 });
  });
});
