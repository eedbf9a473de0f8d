import { gzipSync } from 'node:zlib';
import { Function as PFunction, Label, Line, Location, Mapping, Profile, Sample, StringTable, ValueType } from 'pprof-format';

/**
 * Builds real pprof protobufs with pprof-format's encoder, so tests exercise the decoder on
 * exactly what they describe. A stack is leaf first, like pprof; a frame written as an array
 * is one location with inlined calls, innermost first ("['inner', 'outer']").
 */
export type Frame = string | string[];

export interface SynthSample {
  stack: Frame[];
  values: number[];
  labels?: Record<string, string | number>;
  /** Units of numeric labels by key. */
  units?: Record<string, string>;
}

export interface SynthSpec {
  sampleTypes: [string, string][];
  samples: SynthSample[];
  defaultSampleType?: string;
  durationNanos?: number;
  timeNanos?: number;
  period?: number;
  periodType?: [string, string];
  /** Locations carry no lines (an unsymbolized profile); frames name addresses. */
  noSymbols?: boolean;
  mappingFile?: string;
  /** File name per function (default "/src/<pkg>.go"). */
  files?: Record<string, string>;
}

export function synthProfile(spec: SynthSpec): Profile {
  const st = new StringTable();
  const s = (v: string) => st.dedup(v);
  const functions = new Map<string, PFunction>();
  const fn = (name: string) => {
    let f = functions.get(name);
    if (!f) {
      const file = spec.files?.[name] ?? `/src/${name.split('.')[0]}.go`;
      f = new PFunction({ id: functions.size + 1, name: s(name), systemName: s(name), filename: s(file), startLine: 1 });
      functions.set(name, f);
    }
    return f;
  };
  const locations = new Map<string, Location>();
  const loc = (frame: Frame) => {
    const key = JSON.stringify(frame);
    let l = locations.get(key);
    if (!l) {
      const id = locations.size + 1;
      const names = typeof frame === 'string' ? [frame] : frame;
      const line = spec.noSymbols ? [] : names.map((n, i) => new Line({ functionId: fn(n).id, line: 10 + i }));
      l = new Location({ id, mappingId: 1, address: 0x401000 + id * 16, line });
      locations.set(key, l);
    }
    return l;
  };
  const samples = spec.samples.map(
    (smp) =>
      new Sample({
        locationId: smp.stack.map((f) => loc(f).id),
        value: smp.values,
        label: Object.entries(smp.labels ?? {}).map(([k, v]) =>
          typeof v === 'number' ? new Label({ key: s(k), num: v, numUnit: smp.units?.[k] ? s(smp.units[k]!) : 0 }) : new Label({ key: s(k), str: s(v) }),
        ),
      }),
  );
  const sampleType = spec.sampleTypes.map(([t, u]) => new ValueType({ type: s(t), unit: s(u) }));
  const mapping = new Mapping({ id: 1, memoryStart: 0x400000, memoryLimit: 0x800000, filename: s(spec.mappingFile ?? '/bin/app'), hasFunctions: !spec.noSymbols });
  const periodType = spec.periodType ? new ValueType({ type: s(spec.periodType[0]), unit: s(spec.periodType[1]) }) : undefined;
  return new Profile({
    sampleType,
    sample: samples,
    mapping: [mapping],
    location: [...locations.values()],
    function: [...functions.values()],
    stringTable: st,
    timeNanos: spec.timeNanos ?? 0,
    durationNanos: spec.durationNanos ?? 0,
    period: spec.period ?? 0,
    periodType,
    defaultSampleType: spec.defaultSampleType ? s(spec.defaultSampleType) : 0,
  });
}

/** Encoded protobuf bytes, gzipped unless raw is asked for. */
export function synthBytes(spec: SynthSpec, raw = false): Uint8Array {
  const bytes = synthProfile(spec).encode();
  return raw ? bytes : gzipSync(bytes);
}

export const cpu = (samples: SynthSample[], extra: Partial<SynthSpec> = {}): Uint8Array =>
  synthBytes({
    sampleTypes: [
      ['samples', 'count'],
      ['cpu', 'nanoseconds'],
    ],
    periodType: ['cpu', 'nanoseconds'],
    period: 10_000_000,
    durationNanos: 10e9,
    samples,
    ...extra,
  });

/** A stack of `depth` frames, leaf first: f0 is the leaf, f{depth-1} the root. */
export const deepStack = (depth: number, name = (i: number) => `main.f${i}`): string[] => Array.from({ length: depth }, (_, i) => name(i));
