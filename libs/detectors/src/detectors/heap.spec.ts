import { describe, expect, it } from 'vitest';
import { heapProfile } from '../../test/builders';
import { DEFAULT_THRESHOLDS as t } from '../thresholds';
import { detectHeapGrowth, detectHeapSnapshot } from './heap';

const MiB = 1024 * 1024;
const S = 1e9;
const leakStack = ['main.cacheSession', 'main.handleLogin', 'main.serve'];
const otherStack = ['main.buildIndex', 'main.main'];

const snap = (name: string, seconds: number, leak: number, other: number, allocLeak = leak) => ({
  name,
  timeNanos: seconds * S,
  model: heapProfile(
    [
      [leakStack, allocLeak, leak],
      [otherStack, other, other],
      [['main.scratch', 'main.handleLogin', 'main.serve'], 200 * MiB, 0],
    ],
    { timeNanos: seconds * S },
  ),
});

describe('heap growth between two snapshots', () => {
  it('reports the growing site with its rate and share of the growth', () => {
    const c = detectHeapGrowth(snap('heap.t1.pb.gz', 100, 10 * MiB, 5 * MiB), snap('heap.t2.pb.gz', 160, 70 * MiB, 5 * MiB), t)!;
    expect(c.classId).toBe('heap-leak');
    expect(c.severity).toBe('critical');
    expect(c.anchors[0]).toBe('main.cacheSession');
    expect(c.evidence.growth).toEqual({ from: 10 * MiB, to: 70 * MiB, unit: 'bytes', seconds: 60, perSecond: MiB });
    expect(c.evidence.percentages!['site share of total growth']).toBe(100);
    expect(c.evidence.stacks![0]).toEqual(leakStack);
    expect(c.reproduce[0]).toBe('go tool pprof -top -sample_index=inuse_space -diff_base=heap.t1.pb.gz heap.t2.pb.gz');
    expect(c.confidence).toBeGreaterThan(0.9);
  });

  it('is a warning when the site grew by less than the whole first heap', () => {
    const c = detectHeapGrowth(snap('a', 0, 30 * MiB, 20 * MiB), snap('b', 60, 50 * MiB, 20 * MiB), t)!;
    expect(c.severity).toBe('warning');
  });

  it('ignores growth under the sampling noise floor or small relative to the heap', () => {
    expect(detectHeapGrowth(snap('a', 0, 1 * MiB, 1 * MiB), snap('b', 60, 4 * MiB, 1 * MiB), t)).toBeUndefined();
    expect(detectHeapGrowth(snap('a', 0, 10 * MiB, 1000 * MiB), snap('b', 60, 60 * MiB, 1000 * MiB), t)).toBeUndefined();
  });

  it('leaves the rate out when the snapshots carry no time', () => {
    const c = detectHeapGrowth({ ...snap('a', 0, 10 * MiB, 0), timeNanos: 0 }, { ...snap('b', 0, 70 * MiB, 0), timeNanos: 0 }, t)!;
    expect(c.evidence.growth!.perSecond).toBeUndefined();
    expect(c.evidence.growth!.seconds).toBeUndefined();
  });

  it('confidence grows with the relative growth', () => {
    const conf = (to: number) => detectHeapGrowth(snap('a', 0, 10 * MiB, 10 * MiB), snap('b', 60, to, 10 * MiB), t)!.confidence;
    expect(conf(20 * MiB)).toBeLessThanOrEqual(conf(40 * MiB));
    expect(conf(40 * MiB)).toBeLessThanOrEqual(conf(80 * MiB));
  });
});

describe('one heap snapshot', () => {
  it('reports a site holding most of the heap that never freed anything as info', () => {
    const r = detectHeapSnapshot('heap.pb.gz', heapProfile([[leakStack, 60 * MiB, 60 * MiB], [otherStack, 500 * MiB, 5 * MiB]]), t);
    const c = r.candidates.find((x) => x.classId === 'heap-leak')!;
    expect(c.severity).toBe('info');
    expect(c.confidence).toBeLessThan(0.5);
    expect(c.anchors).toEqual(['main.cacheSession']);
    expect(r.facts!.allocTop[0]!.name).toBe('main.buildIndex');
  });

  it('does not call freed or small sites retained', () => {
    const churn = detectHeapSnapshot('h', heapProfile([[leakStack, 600 * MiB, 60 * MiB]]), t);
    expect(churn.candidates.some((c) => c.classId === 'heap-leak')).toBe(false);
    const small = detectHeapSnapshot('h', heapProfile([[leakStack, 2 * MiB, 2 * MiB]]), t);
    expect(small.candidates).toEqual([]);
  });

  it('attributes allocation to generic decoding and regexp compilation', () => {
    const r = detectHeapSnapshot(
      'allocs.pb.gz',
      heapProfile(
        [
          [['regexp/syntax.(*compiler).inst', 'regexp.compile', 'regexp.MustCompile', 'main.validate'], 800 * MiB, 0],
          [['encoding/json.(*decodeState).objectInterface', 'encoding/json.Unmarshal', 'main.ingest'], 100 * MiB, 0],
          [otherStack, 100 * MiB, MiB],
        ],
        { allocs: true },
      ),
      t,
    );
    const rx = r.candidates.find((c) => c.classId === 'regex-compile-hot-path')!;
    expect(rx.family).toBe('alloc');
    expect(rx.anchors).toEqual(['main.validate']);
    expect(rx.severity).toBe('warning');
    // 10% of bytes from interface decoding: below the 30% allocation threshold.
    expect(r.candidates.some((c) => c.classId === 'cpu-reflection-json')).toBe(false);
  });

  it('handles empty profiles', () => {
    expect(detectHeapSnapshot('h', heapProfile([]), t)).toEqual({ candidates: [] });
  });
});
