import { type CallTree } from './call-tree';

/** Speedscope's file format (https://www.speedscope.app/file-format-schema.json), sampled profiles only. */
export interface SpeedscopeFile {
  $schema: 'https://www.speedscope.app/file-format-schema.json';
  shared: { frames: { name: string; file?: string; line?: number }[] };
  profiles: {
    type: 'sampled';
    name: string;
    unit: 'none' | 'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds' | 'bytes';
    startValue: number;
    endValue: number;
    samples: number[][];
    weights: number[];
  }[];
  name: string;
  activeProfileIndex: number;
  exporter: string;
}

const UNITS: Record<string, SpeedscopeFile['profiles'][0]['unit']> = {
  nanoseconds: 'nanoseconds',
  microseconds: 'microseconds',
  milliseconds: 'milliseconds',
  seconds: 'seconds',
  bytes: 'bytes',
};

/**
 * One sampled profile built from the merged tree: each distinct stack with self weight is a
 * sample (stacks root first), weighted by that self weight. Negative weights (diffs) are not
 * representable in speedscope and are dropped.
 */
export function toSpeedscope(tree: CallTree, options: { name?: string } = {}): SpeedscopeFile {
  const frameIndex = new Map<number, number>();
  const frames: SpeedscopeFile['shared']['frames'] = [];
  const frameOf = (nameIdx: number): number => {
    let f = frameIndex.get(nameIdx);
    if (f === undefined) {
      f = frames.length;
      frameIndex.set(nameIdx, f);
      const frame: SpeedscopeFile['shared']['frames'][0] = { name: tree.names[nameIdx]! };
      const file = tree.files[nameIdx];
      if (file) frame.file = file;
      frames.push(frame);
    }
    return f;
  };
  const samples: number[][] = [];
  const weights: number[] = [];
  const path: number[] = [];
  let total = 0;
  for (let n = 1; n < tree.name.length; n++) {
    const d = tree.depth[n]!;
    path.length = d;
    path[d - 1] = frameOf(tree.name[n]!);
    const w = tree.self[n]!;
    if (w > 0) {
      samples.push(path.slice());
      weights.push(w);
      total += w;
    }
  }
  const name = options.name ?? tree.sampleType;
  return {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    shared: { frames },
    profiles: [{ type: 'sampled', name, unit: UNITS[tree.unit.toLowerCase()] ?? 'none', startValue: 0, endValue: total, samples, weights }],
    name,
    activeProfileIndex: 0,
    exporter: 'memegraph',
  };
}
