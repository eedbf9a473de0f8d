import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type ManifestEntry, hasManifest, manifestEntries, projectFixtures, sharedFixtures } from '../test/fixtures';
import { matchesPrinted, parseOracleTop } from '../test/oracle';
import { synthBytes } from '../test/synth';
import { readProfile } from './decode';
import { analyzeGoroutines, groupGoroutineDump, groupGoroutineDumpStream, groupGoroutineProfile, waitingAt } from './goroutines';

const data = (f: string) => readFileSync(join(__dirname, '../test/data', f));

describe('grouping goroutines', () => {
  const dump = [
    'goroutine 1 [chan receive, 3 minutes]:',
    'main.worker()',
    '\t/src/w.go:1 +0x1',
    'created by main.main in goroutine 1',
    '\t/src/m.go:1 +0x1',
    '',
    'goroutine 2 [chan receive, 9 minutes]:',
    'main.worker()',
    '\t/src/w.go:1 +0x1',
    'created by main.main in goroutine 1',
    '\t/src/m.go:1 +0x1',
    '',
    'goroutine 3 [chan receive]:',
    'main.worker()',
    '\t/src/w.go:1 +0x1',
    'created by main.main in goroutine 1',
    '\t/src/m.go:1 +0x1',
    '',
    'goroutine 4 [select]:',
    'main.worker()',
    '\t/src/w.go:1 +0x1',
    'created by main.main in goroutine 1',
    '\t/src/m.go:1 +0x1',
    '',
    'goroutine 5 [chan receive]:',
    'main.worker()',
    '\t/src/w.go:1 +0x1',
    'created by main.other in goroutine 1',
    '\t/src/m.go:9 +0x1',
    '',
    'goroutine 6 [semacquire, locked to thread]:',
    'sync.runtime_SemacquireMutex(0x0?)',
    '\t/go/sema.go:77 +0x25',
    'sync.(*Mutex).lockSlow(0x1)',
    '\t/go/mutex.go:171 +0x15d',
    'main.store()',
    '\t/src/s.go:3 +0x1',
  ].join('\n');

  it('groups by state, stack and creator, with counts, minutes and ids', () => {
    const r = groupGoroutineDump(dump);
    expect(r.total).toBe(6);
    expect(r.source).toBe('debug2');
    expect(r.byState).toEqual({ 'chan receive': 4, select: 1, semacquire: 1 });
    expect(r.groups[0]).toMatchObject({
      state: 'chan receive',
      count: 3,
      waitMinutes: { min: 0, max: 9 },
      stack: ['main.worker'],
      where: ['/src/w.go:1'],
      createdBy: 'main.main',
      createdByWhere: '/src/m.go:1',
      ids: [1, 2, 3],
      waitingAt: 'main.worker',
    });
    expect(r.groups.map((g) => g.count)).toEqual([3, 1, 1, 1]);
    const locked = r.groups.find((g) => g.state === 'semacquire')!;
    expect(locked).toMatchObject({ lockedToThread: 1, waitingAt: 'main.store', createdBy: null });
    expect(r.waitingAt[0]).toEqual({ frame: 'main.worker', count: 5 });
  });

  it('finds the waiting-at frame: application code first, then past runtime plumbing', () => {
    expect(waitingAt(['runtime.gopark', 'sync.(*Cond).Wait', 'example.com/q.(*Queue).Pop', 'main.worker'])).toBe('example.com/q.(*Queue).Pop');
    expect(waitingAt(['runtime.gopark', 'runtime.selectgo', 'internal/poll.runtime_pollWait', 'net.(*netFD).Read', 'net/http.(*conn).serve'])).toBe('net.(*netFD).Read');
    expect(waitingAt(['runtime.gopark', 'runtime.bgsweep'])).toBe('runtime.gopark');
    expect(waitingAt([])).toBe('');
  });

  it('groups a proto goroutine profile by stack with state unknown', () => {
    const m = readProfile(
      synthBytes({
        sampleTypes: [['goroutine', 'count']],
        samples: [
          { stack: ['runtime.gopark', 'runtime.chanrecv1', 'main.worker'], values: [40] },
          { stack: ['runtime.gopark', 'main.idle'], values: [2], labels: { tenant: 'a' } },
        ],
      }),
    );
    const r = groupGoroutineProfile(m);
    expect(r).toMatchObject({ source: 'proto', total: 42, byState: { unknown: 42 } });
    expect(r.groups[0]).toMatchObject({ count: 40, stack: ['runtime.gopark', 'runtime.chanrecv1', 'main.worker'], waitingAt: 'main.worker', createdBy: null });
    expect(r.groups[1]!.labels).toEqual({ tenant: 'a' });
  });

  it('refuses a proto profile that is not a goroutine profile', () => {
    const m = readProfile(synthBytes({ sampleTypes: [['cpu', 'nanoseconds']], samples: [] }));
    expect(() => groupGoroutineProfile(m)).toThrow(/not a goroutine profile/);
  });

  it('detects the input kind: proto, debug=1, debug=2, panic, all the same snapshot', () => {
    const proto = analyzeGoroutines(data('go126-goroutine.pb.gz'));
    const debug1 = analyzeGoroutines(data('go126-goroutine.debug1.txt'));
    const debug2 = analyzeGoroutines(data('go126-goroutine.debug2.txt'));
    expect([proto.source, debug1.source, debug2.source]).toEqual(['proto', 'debug1', 'debug2']);
    expect([proto.total, debug1.total, debug2.total]).toEqual([8, 8, 8]);
    expect(debug1.declaredTotal).toBe(8);
    expect(debug2.byState).toEqual({ 'chan receive': 5, 'select (no cases)': 2, running: 1 });
    expect(debug1.groups.find((g) => g.count === 2)?.labels).toEqual({ route: '/x', tenant: 'acme' });
    expect(analyzeGoroutines(data('go126-panic.txt')).preamble[0]).toBe('panic: assignment to entry in nil map');
  });

  it('rejects text that is not a dump', () => {
    expect(() => analyzeGoroutines('hello\nworld\n')).toThrow(/not a goroutine dump/);
    expect(() => analyzeGoroutines(new Uint8Array(0))).toThrow(/empty/);
  });
});

/** Goroutine totals against what the fixtures record: declared totals, manifest counts, pprof's proto totals. */
function fixtureTotals(dir: string) {
  const entries = manifestEntries(dir);
  const dumps = entries.filter((e) => /\.debug[12](\.t\d)?\.txt(\.gz)?$/.test(e.file));
  const protos = entries.filter((e) => /\.goroutine(\.t\d)?\.pb\.gz$/.test(e.file));
  const expectedTotal = (e: ManifestEntry) => (typeof e.goroutine_total === 'number' ? e.goroutine_total : undefined);

  it('has goroutine dumps', () => expect(dumps.length + protos.length).toBeGreaterThan(0));

  for (const e of dumps) {
    it(`${e.file}: every goroutine grouped, totals agree`, () => {
      const r = analyzeGoroutines(readFileSync(join(dir, e.file)));
      expect(r.source).toBe(/debug1/.test(e.file) ? 'debug1' : 'debug2');
      if (r.declaredTotal !== undefined) expect(r.total).toBe(r.declaredTotal);
      const want = expectedTotal(e);
      if (want !== undefined) expect(r.total).toBe(want);
      expect(r.groups.reduce((s, g) => s + g.count, 0)).toBe(r.total);
      expect(Object.values(r.byState).reduce((s, n) => s + n, 0)).toBe(r.total);
    });
  }
  for (const e of protos) {
    const oracle = e.file.replace(/\.pb\.gz$/, '.top.txt');
    it(`${e.file}: total equals pprof's`, () => {
      const r = analyzeGoroutines(readFileSync(join(dir, e.file)));
      const top = parseOracleTop(readFileSync(join(dir, oracle), 'utf8'));
      expect(matchesPrinted(r.total, top.total, 'count')).toBe(true);
      expect(r.total).toBe(Number(top.total));
    });
  }
}

describe.skipIf(!hasManifest(sharedFixtures))('goroutine totals (shared fixtures)', () => {
  fixtureTotals(sharedFixtures);

  it('groups the 100,000-goroutine dump by state like the scenario describes', () => {
    const r = analyzeGoroutines(readFileSync(join(sharedFixtures, 'big-goroutine-dump.goroutine.debug2.txt.gz')));
    expect(r.total).toBe(100_004);
    expect(r.byState).toMatchObject({ select: 40_000, 'chan receive': 25_000, sleep: 15_000, 'sync.Cond.Wait': 15_000 });
    expect(r.groups[0]).toMatchObject({ state: 'select', count: 40_000, waitingAt: 'main.(*subscriber).loop' });
    const proto = analyzeGoroutines(readFileSync(join(sharedFixtures, 'big-goroutine-dump.goroutine.pb.gz')));
    const debug1 = analyzeGoroutines(readFileSync(join(sharedFixtures, 'big-goroutine-dump.goroutine.debug1.txt')));
    expect([proto.total, debug1.total]).toEqual([100_004, 100_004]);
  });
});

describe.skipIf(!hasManifest(projectFixtures))('goroutine totals (project fixtures/go)', () => {
  fixtureTotals(projectFixtures);
});

describe('groupGoroutineDumpStream', () => {
  async function* chunks(bytes: Uint8Array, size: number) {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }

  it('groups a gzipped dump fed in small chunks, same as the whole-buffer path', async () => {
    const gz = gzipSync(data('go126-sigquit.txt'));
    const streamed = await groupGoroutineDumpStream(chunks(gz, 97));
    expect(streamed).toEqual(analyzeGoroutines(data('go126-sigquit.txt')));
    expect(streamed.total).toBe(12);
  });

  it('accepts string chunks split mid-line', async () => {
    const text = data('go126-goroutine.debug2.txt').toString('utf8');
    async function* pieces() {
      for (let i = 0; i < text.length; i += 5) yield text.slice(i, i + 5);
    }
    expect((await groupGoroutineDumpStream(pieces())).byState).toEqual({ 'chan receive': 5, 'select (no cases)': 2, running: 1 });
  });

  it('refuses empty, corrupt and oversized streams with typed errors', async () => {
    await expect(groupGoroutineDumpStream(chunks(new Uint8Array(0), 1))).rejects.toMatchObject({ code: 'EMPTY_FILE' });
    const gz = gzipSync(data('go126-sigquit.txt'));
    await expect(groupGoroutineDumpStream(chunks(gz.subarray(0, gz.length - 20), 64))).rejects.toMatchObject({ code: 'CORRUPT_PROFILE' });
    await expect(groupGoroutineDumpStream(chunks(gz, 64), { maxDecompressedBytes: 1000 })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });
});
