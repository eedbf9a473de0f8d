import { type GoroutineGroup, type GoroutineReport, type GoroutineSource, type ProfileModel, waitingAt } from '@memegraph/pprof';

/** Builds ProfileModels and GoroutineReports by hand for unit tests. */

export interface SampleSpec {
  /** Function names, leaf first. */
  stack: string[];
  values: number[];
  /** Source line per frame (default 1). */
  lines?: number[];
}

export interface ProfileSpec {
  types: [type: string, unit: string][];
  samples: SampleSpec[];
  defaultSampleType?: string;
  period?: number;
  periodType?: [string, string];
  durationNanos?: number;
  timeNanos?: number;
}

/** One function and one location per distinct (name, line); no inlining. */
export function buildProfile(spec: ProfileSpec): ProfileModel {
  const funcs = new Map<string, number>();
  const locs = new Map<string, number>();
  const funcName: string[] = [];
  const locFunc: number[] = [];
  const locLine: number[] = [];
  const stackStart: number[] = [0];
  const stackLocs: number[] = [];
  const values: number[] = [];
  for (const s of spec.samples) {
    s.stack.forEach((name, i) => {
      let f = funcs.get(name);
      if (f === undefined) {
        f = funcName.length;
        funcs.set(name, f);
        funcName.push(name);
      }
      const line = s.lines?.[i] ?? 1;
      const key = `${name}:${line}`;
      let l = locs.get(key);
      if (l === undefined) {
        l = locFunc.length;
        locs.set(key, l);
        locFunc.push(f);
        locLine.push(line);
      }
      stackLocs.push(l);
    });
    stackStart.push(stackLocs.length);
    if (s.values.length !== spec.types.length) throw new Error('values must match types');
    values.push(...s.values);
  }
  const nLoc = locFunc.length;
  return {
    sampleTypes: spec.types.map(([type, unit]) => ({ type, unit })),
    defaultSampleType: spec.defaultSampleType,
    periodType: spec.periodType ? { type: spec.periodType[0], unit: spec.periodType[1] } : undefined,
    period: spec.period ?? 0,
    durationNanos: spec.durationNanos ?? 0,
    timeNanos: spec.timeNanos ?? 0,
    comments: [],
    dropFrames: '',
    keepFrames: '',
    docUrl: '',
    mappings: [],
    funcName,
    funcSystemName: [...funcName],
    funcFile: funcName.map(() => 'main.go'),
    funcStartLine: new Float64Array(funcName.length),
    locAddress: BigUint64Array.from(locFunc.map((_, i) => BigInt(0x1000 + i))),
    locMapping: new Int32Array(nLoc).fill(-1),
    locIsFolded: new Uint8Array(nLoc),
    locLineStart: Uint32Array.from([...locFunc.keys(), nLoc]),
    lineFunc: Int32Array.from(locFunc),
    lineNumber: Float64Array.from(locLine),
    lineColumn: new Float64Array(nLoc),
    sampleCount: spec.samples.length,
    stackStart: Uint32Array.from(stackStart),
    stackLocs: Uint32Array.from(stackLocs),
    values: Float64Array.from(values),
  };
}

/** A CPU profile: each sample's value is a number of 10 ms samples. */
export function cpuProfile(samples: [stack: string[], count: number][], opts: { seconds?: number; timeNanos?: number } = {}): ProfileModel {
  const period = 10_000_000;
  const total = samples.reduce((s, [, n]) => s + n, 0);
  return buildProfile({
    types: [
      ['samples', 'count'],
      ['cpu', 'nanoseconds'],
    ],
    periodType: ['cpu', 'nanoseconds'],
    period,
    // By default the profile covers as much wall time as CPU time (one busy core).
    durationNanos: Math.round((opts.seconds ?? (total * period) / 1e9) * 1e9),
    timeNanos: opts.timeNanos ?? 0,
    samples: samples.map(([stack, n]) => ({ stack, values: [n, n * period] })),
  });
}

/** A heap profile: [stack, alloc bytes, inuse bytes]. */
export function heapProfile(samples: [stack: string[], allocBytes: number, inuseBytes: number][], opts: { timeNanos?: number; allocs?: boolean } = {}): ProfileModel {
  return buildProfile({
    types: [
      ['alloc_objects', 'count'],
      ['alloc_space', 'bytes'],
      ['inuse_objects', 'count'],
      ['inuse_space', 'bytes'],
    ],
    defaultSampleType: opts.allocs ? 'alloc_space' : undefined,
    periodType: ['space', 'bytes'],
    period: 524288,
    timeNanos: opts.timeNanos ?? 0,
    samples: samples.map(([stack, a, i]) => ({ stack, values: [Math.ceil(a / 1024), a, Math.ceil(i / 1024), i] })),
  });
}

/** A mutex or block profile: [stack, contentions, delay ns]. */
export function contentionProfile(samples: [stack: string[], contentions: number, delayNs: number][]): ProfileModel {
  return buildProfile({
    types: [
      ['contentions', 'count'],
      ['delay', 'nanoseconds'],
    ],
    periodType: ['contentions', 'count'],
    period: 1,
    samples: samples.map(([stack, c, d]) => ({ stack, values: [c, d] })),
  });
}

export interface GroupSpec {
  stack: string[];
  count: number;
  state?: string;
  minutes?: number;
  where?: string[];
  createdBy?: string;
  ids?: number[];
  framesElided?: boolean;
}

/** A goroutine report as analyzeGoroutines would build it. */
export function goroutineReport(groups: GroupSpec[], source: GoroutineSource = 'debug2', preamble: string[] = []): GoroutineReport {
  const gs: GoroutineGroup[] = groups
    .map((g) => ({
      state: g.state ?? (source === 'debug2' ? 'running' : 'unknown'),
      count: g.count,
      waitMinutes: { min: g.minutes ?? 0, max: g.minutes ?? 0 },
      stack: g.stack,
      where: g.where ?? g.stack.map(() => ''),
      createdBy: g.createdBy ?? null,
      waitingAt: waitingAt(g.stack),
      lockedToThread: 0,
      ids: g.ids ?? [],
      framesElided: g.framesElided ?? false,
    }))
    .sort((a, b) => b.count - a.count);
  const byState: Record<string, number> = {};
  for (const g of gs) byState[g.state] = (byState[g.state] ?? 0) + g.count;
  return {
    source,
    total: gs.reduce((s, g) => s + g.count, 0),
    byState,
    groups: gs,
    waitingAt: [],
    preamble,
  };
}
