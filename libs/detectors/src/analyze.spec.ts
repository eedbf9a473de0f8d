import { gzipSync } from 'node:zlib';
import { AppError } from '@memegraph/contracts';
import { describe, expect, it } from 'vitest';
import { buildProfile, contentionProfile, cpuProfile, goroutineReport, heapProfile } from '../test/builders';
import { analyze, findingId } from './analyze';
import { AnalysisReportSchema, FindingSchema } from './finding';
import { type AnalysisInput, loadInput } from './inputs';

const ROOT = ['main.serve', 'main.main', 'runtime.main'];
const MiB = 1024 * 1024;

const jsonHeavy = cpuProfile([
  [['runtime.mallocgc', 'encoding/json.(*decodeState).objectInterface', 'encoding/json.Unmarshal', 'main.handleOrder', ...ROOT], 500],
  [['runtime.scanobject', 'runtime.gcDrain', 'runtime.gcBgMarkWorker'], 100],
  [['encoding/json.(*decodeState).objectInterface', 'encoding/json.Unmarshal', 'main.handleOrder', ...ROOT], 200],
  [['main.price', ...ROOT], 200],
]);

describe('analyze', () => {
  it('ranks the dominant pattern first and explains the GC it causes', () => {
    const r = analyze([{ name: 'cpu.pb.gz', profile: jsonHeavy }]);
    expect(r.findings[0]!.classId).toBe('cpu-reflection-json');
    expect(r.findings[0]!.severity).toBe('critical');
    const gc = r.findings.find((f) => f.classId === 'gc-pressure')!;
    expect(gc.severity).toBe('info');
    expect(gc.evidence.notes!.join(' ')).toMatch(/explained by cpu-reflection-json/);
    expect(r.findings.indexOf(gc)).toBeGreaterThan(0);
    expect(r.hotspots[0]!.source).toBe('cpu.pb.gz');
    expect(r.inputs).toEqual([{ name: 'cpu.pb.gz', kind: 'cpu' }]);
  });

  it('produces findings that satisfy the schema, with memes, fixes and reproduce commands', () => {
    const r = analyze([{ name: 'cpu.pb.gz', profile: jsonHeavy }]);
    expect(AnalysisReportSchema.parse(r)).toEqual(r);
    for (const f of r.findings) {
      expect(FindingSchema.parse(f)).toEqual(f);
      expect(f.memeId).toMatch(/^[a-z-]+$/);
      expect(f.fix.length).toBeGreaterThan(1);
      expect(f.reproduce.some((c) => c.startsWith('go tool pprof'))).toBe(true);
      expect(f.sources).toEqual(['cpu.pb.gz']);
    }
    expect(r.findings[0]!.fix[0]).toContain('main.handleOrder');
  });

  it('gives deterministic ids from class and primary anchor, whatever the input order', () => {
    const heap1 = heapProfile([[['main.cache', 'main.h'], 10 * MiB, 10 * MiB]], { timeNanos: 1e9 });
    const heap2 = heapProfile([[['main.cache', 'main.h'], 80 * MiB, 80 * MiB]], { timeNanos: 61e9 });
    const inputs: AnalysisInput[] = [
      { name: 'cpu', profile: jsonHeavy },
      { name: 'h1', profile: heap1 },
      { name: 'h2', profile: heap2 },
    ];
    const a = analyze(inputs);
    const b = analyze([...inputs].reverse());
    expect(b.findings.map((f) => f.id)).toEqual(a.findings.map((f) => f.id));
    expect(a.findings.find((f) => f.classId === 'heap-leak')!.id).toBe(findingId('heap-leak', 'main.cache'));
    expect(findingId('heap-leak', 'main.cache')).toMatch(/^heap-leak-[0-9a-f]{8}$/);
  });

  it('orders snapshots by explicit order, else by capture time, else as given', () => {
    const small = heapProfile([[['main.cache', 'main.h'], 10 * MiB, 10 * MiB]]);
    const big = heapProfile([[['main.cache', 'main.h'], 80 * MiB, 80 * MiB]]);
    const leak = (inputs: AnalysisInput[]) => analyze(inputs).findings.some((f) => f.classId === 'heap-leak' && f.evidence.growth !== undefined);
    expect(leak([{ name: 'b', profile: big, snapshot: { order: 1 } }, { name: 'a', profile: small, snapshot: { order: 0 } }])).toBe(true);
    expect(leak([{ name: 'b', profile: big, snapshot: { timeNanos: 2 } }, { name: 'a', profile: small, snapshot: { timeNanos: 1 } }])).toBe(true);
    expect(leak([{ name: 'b', profile: big }, { name: 'a', profile: small }])).toBe(false);
    expect(leak([{ name: 'a', profile: small }, { name: 'b', profile: big }])).toBe(true);
  });

  it('returns an empty report for no inputs and ignores kinds it has no detector for', () => {
    expect(analyze([])).toEqual({ findings: [], hotspots: [], inputs: [] });
    const threads = buildProfile({ types: [['threadcreate', 'count']], samples: [{ stack: ['runtime.newm'], values: [5] }] });
    const odd = buildProfile({ types: [['widgets', 'count']], samples: [{ stack: ['main.x'], values: [5] }] });
    const r = analyze([
      { name: 't', profile: threads },
      { name: 'u', profile: odd },
    ]);
    expect(r.findings).toEqual([]);
    expect(r.inputs.map((i) => i.kind)).toEqual(['threadcreate', 'unknown']);
  });

  it('takes threshold overrides per call', () => {
    expect(analyze([{ name: 'c', profile: jsonHeavy }], { thresholds: { reflectionShare: 0.95, reflectionCriticalShare: 0.99 } }).findings.some((f) => f.classId === 'cpu-reflection-json')).toBe(false);
  });

  it('combines independent evidence families: confidence rises, one finding remains', () => {
    const cpu = cpuProfile([[['runtime.futex', 'sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', 'main.allow', ...ROOT], 150], [['main.price', ...ROOT], 850]]);
    const block = contentionProfile([[['sync.(*Mutex).Lock', 'main.allow', 'main.worker'], 1000, 5e9], [['runtime.selectgo', 'main.pause'], 10, 5e9]]);
    const one = analyze([{ name: 'cpu', profile: cpu }]).findings.find((f) => f.classId === 'mutex-contention')!;
    const both = analyze([
      { name: 'cpu', profile: cpu },
      { name: 'block', profile: block },
    ]).findings.filter((f) => f.classId === 'mutex-contention');
    expect(both).toHaveLength(1);
    expect(both[0]!.confidence).toBeGreaterThan(one.confidence);
    expect(both[0]!.sources).toEqual(['cpu', 'block']);
    expect(both[0]!.anchors[0]).toBe('main.allow');
  });

  it('explains heap growth at the sites of leaked goroutines by the goroutine leak', () => {
    const stack = ['internal/poll.runtime_pollWait', 'internal/poll.(*FD).Read', 'net.(*conn).Read', 'bufio.(*Reader).ReadString', 'main.readReply', 'main.check.func1'];
    const g = (n: number) => goroutineReport([{ stack, count: n, state: 'IO wait' }]);
    const h = (bytes: number) => heapProfile([[['bufio.NewReaderSize', 'main.readReply', 'main.check.func1'], bytes, bytes]]);
    const r = analyze([
      { name: 'g1', goroutines: g(100) },
      { name: 'g2', goroutines: g(900) },
      { name: 'h1', profile: h(8 * MiB) },
      { name: 'h2', profile: h(72 * MiB) },
    ]);
    expect(r.findings[0]!.classId).toBe('goroutine-leak-netread');
    const heap = r.findings.find((f) => f.classId === 'heap-leak')!;
    expect(heap.severity).toBe('info');
    expect(heap.evidence.notes![0]).toMatch(/explained by goroutine-leak-netread/);
  });

  it('treats lock queues behind a deadlock as its victims', () => {
    const lock = (site: string) => ['internal/sync.runtime_SemacquireMutex', 'internal/sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', site, 'main.worker'];
    const dump = (n: number) =>
      goroutineReport(
        [
          { stack: lock('main.lookup'), count: n, state: 'unknown', where: ['', '', '', 'store.go:100', ''] },
          { stack: lock('main.refresh'), count: 1, state: 'unknown', where: ['', '', '', 'store.go:77', ''] },
          { stack: lock('main.flush'), count: 1, state: 'unknown', where: ['', '', '', 'store.go:89', ''] },
        ],
        'proto',
      );
    const r = analyze([
      { name: 'g1.pb.gz', goroutines: dump(60) },
      { name: 'g2.pb.gz', goroutines: dump(400) },
    ]);
    expect(r.findings[0]!.classId).toBe('deadlock-cycle');
    const mutex = r.findings.find((f) => f.classId === 'mutex-contention')!;
    expect(mutex.severity).toBe('info');
    expect(mutex.evidence.notes![0]).toMatch(/explained by deadlock-cycle/);
  });
});

describe('loadInput', () => {
  const dump = ['goroutine 1 [chan receive, 3 minutes]:', 'main.wait(0xc000010000)', '\t/src/main.go:10 +0x1d', 'created by main.main in goroutine 1', '\t/src/main.go:5 +0x25', ''].join('\n');
  it('reads goroutine text dumps, gzipped or not, and collects their lock waits', () => {
    for (const bytes of [Buffer.from(dump), gzipSync(Buffer.from(dump))]) {
      const input = loadInput('g.txt', bytes, { snapshot: { order: 3 } });
      expect('goroutines' in input && input.goroutines.groups[0]!.state).toBe('chan receive');
      expect('goroutines' in input && input.lockWaits).toEqual([]);
      expect(input.snapshot).toEqual({ order: 3 });
    }
  });
  it('reads mutex addresses from lockSlow arguments and finds the cycle they form', () => {
    const g = (id: number, addr: string, site: string, line: number) =>
      [
        `goroutine ${id} [semacquire, 2 minutes]:`,
        'sync.runtime_SemacquireMutex(0xc000034ef0?, 0x95?, 0x1196dd07494?)',
        '\t/usr/lib/go-1.19/src/runtime/sema.go:77 +0x25',
        `sync.(*Mutex).lockSlow(${addr})`,
        '\t/usr/lib/go-1.19/src/sync/mutex.go:171 +0x165',
        'sync.(*Mutex).Lock(...)',
        '\t/usr/lib/go-1.19/src/sync/mutex.go:90',
        `${site}()`,
        `\t/src/main.go:${line} +0xba`,
        'created by main.main',
        '\t/src/main.go:65 +0x97',
        '',
      ].join('\n');
    const text = [g(20, '0x926d30', 'main.refreshCacheFromDB', 27), g(21, '0x926d28', 'main.flushCacheToDB', 39), g(25, '0x926d28', 'main.lookupStock', 47), g(26, '0x926d28', 'main.lookupStock', 47)].join('\n');
    const input = loadInput('deadlock.txt', Buffer.from(text));
    expect('lockWaits' in input && input.lockWaits!.map((w) => [w.site, w.address, w.count, w.waitMinutes])).toEqual([
      ['main.lookupStock', '0x926d28', 2, 2],
      ['main.flushCacheToDB', '0x926d28', 1, 2],
      ['main.refreshCacheFromDB', '0x926d30', 1, 2],
    ]);
    const top = analyze([input]).findings[0]!;
    expect(top.classId).toBe('deadlock-cycle');
    expect(top.evidence.cycle!.map((l) => [l.lock, l.heldBy?.site])).toEqual([
      ['0x926d28', 'main.refreshCacheFromDB'],
      ['0x926d30', 'main.flushCacheToDB'],
    ]);
  });

  it('refuses garbage with the pprof library errors', () => {
    expect(() => loadInput('x', new Uint8Array(0))).toThrow(AppError);
    expect(() => loadInput('x', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))).toThrow(/PNG/);
  });
});
