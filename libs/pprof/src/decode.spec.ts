import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type AppError } from '@memegraph/contracts';
import { Profile } from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { hasManifest, manifestFiles, sharedFixtures } from '../test/fixtures';
import { cpu, synthBytes, synthProfile } from '../test/synth';
import { decodeProfile, modelFromProfile, readProfile, sniffInput } from './decode';
import { buildFrameTable } from './frames';
import { hasSymbols } from './profile.model';
import { summarizeProfile } from './summary';

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error');
};

/** A deterministic pseudo-random byte generator (xorshift), so failures reproduce. */
function randomBytes(n: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

const sample = cpu([
  { stack: ['main.leaf', 'main.mid', 'main.main'], values: [3, 30_000_000] },
  { stack: [['runtime.memmove', 'bytes.(*Buffer).Write'], 'main.main'], values: [1, 10_000_000], labels: { tenant: 'acme', bytes: 512 }, units: { bytes: 'bytes' } },
]);

describe('readProfile: bad input gives the documented error', () => {
  it.each(([
    ['0 bytes', new Uint8Array(0), 'EMPTY_FILE'],
    ['a PNG image', PNG, 'UNSUPPORTED_FORMAT'],
    ['random bytes', randomBytes(4096), 'CORRUPT_PROFILE'],
    ['random bytes (other seed)', randomBytes(100_000, 7), 'CORRUPT_PROFILE'],
    ['truncated gzip', sample.subarray(0, sample.length - 10), 'CORRUPT_PROFILE'],
    ['gzip of nothing', gzipSync(Buffer.alloc(0)), 'EMPTY_FILE'],
    ['truncated protobuf', gunzipSync(sample).subarray(0, gunzipSync(sample).length - 7), 'CORRUPT_PROFILE'],
    ['a goroutine text dump', Buffer.from('goroutine profile: total 1\n1 @ 0x1\n'), 'UNSUPPORTED_FORMAT'],
    ['JSON', Buffer.from('{"not":"a profile"}'), 'UNSUPPORTED_FORMAT'],
  ] as [string, Uint8Array, string][]).map(([what, bytes, code]) => ({ what, bytes, code })))('$what -> $code', ({ bytes, code }) => {
    expect(errorOf(() => readProfile(bytes as Uint8Array)).code).toBe(code);
    expect(errorOf(() => decodeProfile(bytes as Uint8Array)).code).toBe(code);
  });

  it('refuses a gzip bomb without inflating it', () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const err = errorOf(() => readProfile(bomb, { maxDecompressedBytes: 8 * 1024 * 1024 }));
    expect(err.code).toBe('LIMIT_EXCEEDED');
    expect(err.details).toEqual({ limit: 'maxDecompressedBytes', value: 8 * 1024 * 1024 });
  });

  it('refuses input over maxInputBytes before reading it', () => {
    expect(errorOf(() => readProfile(sample, { maxInputBytes: 10 })).code).toBe('PROFILE_TOO_LARGE');
  });

  it('enforces sample, location and frame caps', () => {
    expect(errorOf(() => readProfile(sample, { maxSamples: 1 })).code).toBe('LIMIT_EXCEEDED');
    expect(errorOf(() => readProfile(sample, { maxLocations: 2 })).code).toBe('LIMIT_EXCEEDED');
    expect(errorOf(() => readProfile(sample, { maxStackFrames: 2 })).code).toBe('LIMIT_EXCEEDED');
  });

  it('a protobuf that declares no sample types is not a profile', () => {
    const p = new Profile({});
    p.stringTable.dedup('x');
    expect(errorOf(() => readProfile(p.encode())).code).toBe('UNSUPPORTED_FORMAT');
  });

  it('dangling ids and mismatched value counts are corrupt', () => {
    const dangling = synthProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: ['a'], values: [1] }] });
    dangling.sample[0]!.locationId = [99];
    expect(errorOf(() => readProfile(dangling.encode())).message).toMatch(/missing location 99/);
    const mismatch = synthProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: ['a'], values: [1, 2] }] });
    expect(errorOf(() => readProfile(mismatch.encode())).message).toMatch(/2 values for 1 sample types/);
    const badString = synthProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: ['a'], values: [1] }] });
    badString.function[0]!.name = 4000;
    expect(errorOf(() => readProfile(badString.encode())).code).toBe('CORRUPT_PROFILE');
  });

  it('every truncation of a Go-written profile is an error, never a partial profile', () => {
    const raw = gunzipSync(readFileSync(join(__dirname, '../test/data/go126-goroutine.pb.gz')));
    expect(readProfile(raw).sampleCount).toBeGreaterThan(0);
    // Go writes the string table last, so any cut loses strings that samples or locations refer to.
    for (let cut = 1; cut < raw.length; cut++) {
      const code = errorOf(() => readProfile(raw.subarray(0, cut))).code;
      expect(['CORRUPT_PROFILE', 'UNSUPPORTED_FORMAT']).toContain(code);
    }
  });
});

describe('readProfile: the model', () => {
  it('decodes stacks leaf first, inlined frames innermost first, labels and values', () => {
    const m = readProfile(sample);
    expect(m.sampleTypes).toEqual([
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ]);
    expect(m.sampleCount).toBe(2);
    expect(Array.from(m.values)).toEqual([3, 30_000_000, 1, 10_000_000]);
    const frames = buildFrameTable(m);
    const names = (s: number) => {
      const out: string[] = [];
      for (let i = m.stackStart[s]!; i < m.stackStart[s + 1]!; i++) {
        const l = m.stackLocs[i]!;
        for (let j = frames.locStart[l]!; j < frames.locStart[l + 1]!; j++) out.push(frames.names[frames.frames[j]!]!);
      }
      return out;
    };
    expect(names(0)).toEqual(['main.leaf', 'main.mid', 'main.main']);
    expect(names(1)).toEqual(['runtime.memmove', 'bytes.(*Buffer).Write', 'main.main']);
    expect(m.labels?.[0]).toBeUndefined();
    expect(m.labels?.[1]).toEqual([
      { key: 'tenant', str: 'acme' },
      { key: 'bytes', num: 512, unit: 'bytes' },
    ]);
    expect(m.durationNanos).toBe(10e9);
    expect(m.periodType).toEqual({ type: 'cpu', unit: 'nanoseconds' });
    expect(hasSymbols(m)).toBe(true);
  });

  it('reads uncompressed protobuf as well as gzip', () => {
    const raw = synthBytes({ sampleTypes: [['goroutine', 'count']], samples: [{ stack: ['a'], values: [5] }] }, true);
    expect(raw[0]).not.toBe(0x1f);
    expect(Array.from(readProfile(raw).values)).toEqual([5]);
  });

  it('decodes negative int64 values (diff profiles)', () => {
    const m = readProfile(synthBytes({ sampleTypes: [['x', 'count']], samples: [{ stack: ['a'], values: [-1234567890123] }] }));
    expect(m.values[0]).toBe(-1234567890123);
  });

  it('modelFromProfile matches readProfile', () => {
    expect(modelFromProfile(decodeProfile(sample))).toEqual(readProfile(sample));
  });

  it('sniffs text dumps and panics', () => {
    expect(sniffInput(Buffer.from('goroutine 1 [running]:\nmain.main()\n'))).toBe('goroutine-text');
    expect(sniffInput(Buffer.from('panic: boom\n\ngoroutine 1 [running]:\n'))).toBe('goroutine-text');
    expect(sniffInput(Buffer.from('SIGQUIT: quit\nPC=0x1 m=0\n\ngoroutine 0 gp=0x1 m=0 [idle]:\n'))).toBe('goroutine-text');
    expect(sniffInput(gunzipSync(sample))).toBe('pprof');
  });
});

/**
 * The lean decoder against pprof-format on every real profile: same sample types, values,
 * stacks (as function names), labels and summary.
 */
describe.skipIf(!hasManifest(sharedFixtures))('lean decoder agrees with pprof-format on the shared fixtures', () => {
  const profiles = manifestFiles(sharedFixtures).filter((f) => f.endsWith('.pb.gz'));
  it.each(profiles)('%s', (file) => {
    const bytes = readFileSync(join(sharedFixtures, file));
    const m = readProfile(bytes);
    const p = Profile.decode(gunzipSync(bytes));
    const str = (i: number | bigint) => p.stringTable.strings[Number(i)]!;
    expect(m.sampleCount).toBe(p.sample.length);
    expect(summarizeProfile(m)).toEqual(summarizeProfile(p));
    const fnById = new Map(p.function.map((f) => [Number(f.id), str(f.name)]));
    const locById = new Map(p.location.map((l) => [Number(l.id), l]));
    const frames = buildFrameTable(m);
    const T = m.sampleTypes.length;
    for (let s = 0; s < p.sample.length; s += Math.max(1, Math.floor(p.sample.length / 500))) {
      const ps = p.sample[s]!;
      expect(Array.from(m.values.subarray(s * T, s * T + T))).toEqual(ps.value.map(Number));
      const want = ps.locationId.flatMap((id) => locById.get(Number(id))!.line.map((ln) => fnById.get(Number(ln.functionId))!));
      const got: string[] = [];
      for (let i = m.stackStart[s]!; i < m.stackStart[s + 1]!; i++) {
        const l = m.stackLocs[i]!;
        for (let j = frames.locStart[l]!; j < frames.locStart[l + 1]!; j++) got.push(frames.names[frames.frames[j]!]!);
      }
      expect(got).toEqual(want);
      const labels = ps.label.map((l) => (Number(l.str) ? { key: str(l.key), str: str(l.str) } : { key: str(l.key), num: Number(l.num), ...(Number(l.numUnit) ? { unit: str(l.numUnit) } : {}) }));
      expect(m.labels?.[s] ?? []).toEqual(labels);
    }
  });
});
