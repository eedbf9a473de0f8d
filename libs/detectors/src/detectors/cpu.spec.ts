import { describe, expect, it } from 'vitest';
import { buildProfile, cpuProfile } from '../../test/builders';
import { DEFAULT_THRESHOLDS, withThresholds } from '../thresholds';
import { cpuHotspot, detectCpu } from './cpu';

const t = DEFAULT_THRESHOLDS;
const ROOT = ['main.serve', 'main.main', 'runtime.main'];
const byClass = (name: string, model: ReturnType<typeof cpuProfile>, th = t) => new Map(detectCpu(name, model, th).map((c) => [c.classId, c]));

/** `n` samples of work that matches no pattern. */
const plain = (n: number): [string[], number] => [['main.computePrice', ...ROOT], n];

describe('reflection-driven decoding', () => {
  const generic = (share: number, total = 400) =>
    cpuProfile([
      [['runtime.mallocgc', 'encoding/json.(*decodeState).objectInterface', 'encoding/json.(*decodeState).value', 'encoding/json.Unmarshal', 'main.handleOrder', ...ROOT], Math.round(total * share)],
      plain(Math.round(total * (1 - share))),
    ]);

  it('reports interface{} decoding above the threshold, anchored at the caller', () => {
    const c = byClass('cpu.pb.gz', generic(0.6)).get('cpu-reflection-json')!;
    expect(c.severity).toBe('critical');
    expect(c.anchors[0]).toBe('main.handleOrder');
    expect(c.anchors).toContain('encoding/json.(*decodeState).objectInterface');
    expect(c.evidence.percentages!['interface/map decoding share of CPU']).toBe(60);
    expect(c.reproduce[0]).toBe('go tool pprof -top -sample_index=cpu cpu.pb.gz');
    expect(c.reproduce.some((r) => r.includes("-peek '^main\\.handleOrder$'"))).toBe(true);
  });

  it('is a warning between the threshold and the critical share, and absent below it', () => {
    expect(byClass('x', generic(0.25)).get('cpu-reflection-json')?.severity).toBe('warning');
    expect(byClass('x', generic(0.15)).has('cpu-reflection-json')).toBe(false);
  });

  it('counts typed-struct reflection at half weight', () => {
    const typed = cpuProfile([
      [['reflect.Value.Field', 'encoding/json.(*decodeState).object', 'encoding/json.Unmarshal', 'main.handleTyped', ...ROOT], 30],
      plain(70),
    ].map(([s, n]) => [s as string[], (n as number) * 4]));
    // 30% typed reflection counts as 15%: below the 20% threshold.
    expect(byClass('x', typed).has('cpu-reflection-json')).toBe(false);
    expect(byClass('x', typed, withThresholds({ reflectionShare: 0.1 })).get('cpu-reflection-json')?.anchors[0]).toBe('main.handleTyped');
  });

  it('confidence never decreases as the share grows', () => {
    let last = 0;
    for (let share = 0.2; share <= 1.0001; share += 0.05) {
      const c = byClass('x', generic(Math.min(1, share))).get('cpu-reflection-json')!;
      expect(c.confidence).toBeGreaterThanOrEqual(last);
      last = c.confidence;
    }
    expect(last).toBeLessThanOrEqual(0.99);
  });
});

describe('CPU gates', () => {
  const json = [['encoding/json.(*decodeState).objectInterface', 'encoding/json.Unmarshal', 'main.h', ...ROOT], 0] as [string[], number];
  it('reports nothing from a profile with fewer samples than the noise floor', () => {
    expect(detectCpu('x', cpuProfile([[json[0], 10]]), t)).toEqual([]);
  });
  it('reports only info from a small or idle profile', () => {
    const few = byClass('x', cpuProfile([[json[0], 50]])).get('cpu-reflection-json')!;
    expect(few.severity).toBe('info');
    expect(few.confidence).toBeLessThanOrEqual(0.5);
    expect(few.evidence.notes!.join(' ')).toMatch(/only 50 CPU samples/);
    // 200 samples (2 s of CPU) over 30 s: 0.07 cores.
    const idle = byClass('x', cpuProfile([[json[0], 200]], { seconds: 30 })).get('cpu-reflection-json')!;
    expect(idle.severity).toBe('info');
    expect(idle.evidence.notes!.join(' ')).toMatch(/0\.07 cores/);
  });
  it('ignores empty profiles and profiles with zero totals', () => {
    expect(detectCpu('x', cpuProfile([]), t)).toEqual([]);
    expect(detectCpu('x', cpuProfile([[json[0], 0]]), t)).toEqual([]);
    const heapLike = buildProfile({ types: [['inuse_space', 'bytes']], samples: [{ stack: ['main.a'], values: [100] }] });
    expect(detectCpu('x', heapLike, t)).toEqual([]);
    expect(cpuHotspot('x', heapLike)).toBeUndefined();
  });
});

describe('deep stacks and recursion', () => {
  const recursive = (depth: number, fn = 'main.walk') => [...Array.from({ length: depth }, () => fn), ...ROOT];
  it('reports recursion over 50 frames, anchored at the recursive function', () => {
    const c = byClass('x', cpuProfile([[['main.leaf', ...recursive(60)], 300], plain(100)])).get('deep-recursion')!;
    expect(c.anchors[0]).toBe('main.walk');
    expect(c.evidence.counts!['max repeats of one function']).toBe(60);
    expect(c.evidence.percentages!['deep or recursive share of CPU']).toBe(75);
    expect(c.severity).toBe('critical');
  });
  it('notes stacks cut at the 64-frame profiler limit', () => {
    const c = byClass('x', cpuProfile([[['main.leaf', ...recursive(63)].slice(0, 64), 300]])).get('deep-recursion')!;
    expect(c.evidence.notes!.join(' ')).toMatch(/64-frame stack limit/);
  });
  it('ignores shallow stacks and recursion inside the standard library', () => {
    const layered = [...Array.from({ length: 30 }, (_, i) => `main.layer${i}`), ...ROOT];
    expect(byClass('x', cpuProfile([[layered, 300]])).has('deep-recursion')).toBe(false);
    expect(byClass('x', cpuProfile([[recursive(9), 300]])).has('deep-recursion')).toBe(false);
    expect(byClass('x', cpuProfile([[recursive(10), 300]])).has('deep-recursion')).toBe(true);
    expect(byClass('x', cpuProfile([[recursive(30, 'regexp/syntax.(*compiler).compile'), 300]])).has('deep-recursion')).toBe(false);
  });
});

describe('GC pressure', () => {
  it('adds allocation and GC work and records what explains the allocation', () => {
    const c = byClass(
      'x',
      cpuProfile([
        [['runtime.mallocgc', 'main.parseEvent', ...ROOT], 300],
        [['runtime.mallocgc', 'runtime.concatstrings', 'main.render', ...ROOT], 100],
        [['runtime.scanobject', 'runtime.gcDrain', 'runtime.gcBgMarkWorker'], 100],
        plain(500),
      ]),
    ).get('gc-pressure')!;
    expect(c.evidence.percentages!['allocation + GC share of CPU']).toBe(50);
    expect(c.severity).toBe('critical');
    expect(c.anchors[0]).toBe('main.parseEvent');
    expect(c.explainedBy!['string-concat-loop']).toBeCloseTo(0.25);
    expect(c.explainedBy!['cpu-reflection-json']).toBe(0);
  });
  it('stays quiet under the GC pacer target of 25%', () => {
    expect(byClass('x', cpuProfile([[['runtime.mallocgc', 'main.a', ...ROOT], 20], plain(80)].map(([s, n]) => [s as string[], (n as number) * 5]))).has('gc-pressure')).toBe(false);
  });
});

describe('busy loops', () => {
  it('finds a goroutine spinning on an atomic flag and one polling a select with default', () => {
    const c = byClass(
      'x',
      cpuProfile(
        [
          [['sync/atomic.(*Bool).Load', 'main.spinUntilReady', ...ROOT], 400],
          [['main.spinUntilReady', ...ROOT], 50],
          [['runtime.lock2', 'runtime.sellock', 'runtime.selectgo', 'main.pollJobs', ...ROOT], 300],
          [['runtime.selectgo', 'main.pollJobs', ...ROOT], 150],
          plain(100),
        ],
        { seconds: 5 },
      ),
    ).get('busy-loop')!;
    expect(c.anchors.slice(0, 2).sort()).toEqual(['main.pollJobs', 'main.spinUntilReady']);
    expect(c.evidence.percentages!['busy polling share of CPU']).toBe(90);
    expect(c.severity).toBe('critical'); // 9 s of CPU over 5 s: 1.8 cores spinning
    expect(c.title).toMatch(/atomic flag/);
    expect(c.title).toMatch(/select-with-default/);
  });
  it('reports a hot self-contained user function only as an info hint', () => {
    const c = byClass('x', cpuProfile([[['main.hashLoop', ...ROOT], 800], plain(200)])).get('busy-loop')!;
    expect(c.severity).toBe('info');
    expect(c.confidence).toBeLessThan(0.5);
    expect(c.anchors).toEqual(['main.hashLoop']);
  });
  it('ignores hot standard-library leaves and lock spinning', () => {
    expect(byClass('x', cpuProfile([[['crypto/sha256.block', 'main.sign', ...ROOT], 800], plain(200)])).has('busy-loop')).toBe(false);
    const spin = cpuProfile([[['runtime.procyield', 'sync.runtime_doSpin', 'sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', 'main.allow', ...ROOT], 800], plain(200)]);
    expect(byClass('x', spin).has('busy-loop')).toBe(false);
    expect(byClass('x', spin).get('mutex-contention')?.anchors[0]).toBe('main.allow');
  });
});

describe('regexp compilation and lock slow paths', () => {
  const rx = (n: number) => cpuProfile([[['regexp/syntax.Parse', 'regexp.compile', 'regexp.MustCompile', 'main.validate', ...ROOT], n], plain(1000 - n)]);
  it('reports compilation above 5% of CPU, critical above 20%', () => {
    expect(byClass('x', rx(30)).has('regex-compile-hot-path')).toBe(false);
    const w = byClass('x', rx(80)).get('regex-compile-hot-path')!;
    expect(w.severity).toBe('warning');
    expect(w.anchors[0]).toBe('main.validate');
    expect(byClass('x', rx(300)).get('regex-compile-hot-path')!.severity).toBe('critical');
  });
  it('counts package-level regexp.MatchString and template parsing, not (*Regexp) methods', () => {
    const m = cpuProfile([[['regexp.MatchString', 'main.check', ...ROOT], 100], [['regexp.(*Regexp).MatchString', 'main.ok', ...ROOT], 400], plain(500)]);
    expect(byClass('x', m).get('regex-compile-hot-path')!.evidence.percentages!['compile share of CPU']).toBe(10);
    const tpl = cpuProfile([[['text/template/parse.Parse', 'text/template.(*Template).Parse', 'main.render', ...ROOT], 100], plain(400)]);
    expect(byClass('x', tpl).get('regex-compile-hot-path')!.title).toMatch(/^Template parsing/);
  });
  it('does not count uncontended Lock/Unlock fast paths as contention', () => {
    const fast = cpuProfile([[['sync.(*Mutex).Lock', 'main.allow', ...ROOT], 300], plain(700)]);
    expect(byClass('x', fast).has('mutex-contention')).toBe(false);
  });
});

describe('string concatenation', () => {
  it('reports concatenation dominated by copying, anchored at the loop', () => {
    const c = byClass(
      'x',
      cpuProfile([
        [['runtime.memmove', 'runtime.concatstrings', 'runtime.concatstring2', 'main.renderCSV', ...ROOT], 300],
        [['runtime.mallocgc', 'runtime.rawstring', 'runtime.concatstrings', 'runtime.concatstring2', 'main.renderCSV', ...ROOT], 100],
        plain(600),
      ]),
    ).get('string-concat-loop')!;
    expect(c.anchors[0]).toBe('main.renderCSV');
    expect(c.severity).toBe('critical');
    expect(c.evidence.percentages!['copying (memmove) share of concatenation']).toBe(75);
  });
  it('ignores a few percent of one-off concatenation', () => {
    expect(byClass('x', cpuProfile([[['runtime.concatstring2', 'main.key', ...ROOT], 100], plain(900)])).has('string-concat-loop')).toBe(false);
  });
});

describe('hotspots', () => {
  it('lists the top functions by flat and by cum with percentages', () => {
    const h = cpuHotspot('cpu.pb.gz', cpuProfile([[['main.a', 'main.b', 'main.main'], 60], [['main.b', 'main.main'], 40]]))!;
    expect(h.byFlat.map((r) => [r.name, r.flatPct])).toEqual([
      ['main.a', 60],
      ['main.b', 40],
    ]);
    expect(h.byCum[0]).toMatchObject({ name: 'main.b', cumPct: 100 });
    expect(h).toMatchObject({ source: 'cpu.pb.gz', sampleType: 'cpu', unit: 'nanoseconds', total: 1e9 });
  });
});
