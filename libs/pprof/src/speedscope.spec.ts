import { describe, expect, it } from 'vitest';
import { cpu, synthBytes } from '../test/synth';
import { buildCallTree } from './call-tree';
import { readProfile } from './decode';
import { toSpeedscope } from './speedscope';

describe('speedscope export', () => {
  it('writes a sampled profile: shared frames, root-first stacks, weights', () => {
    const tree = buildCallTree(readProfile(cpu([{ stack: ['main.b', 'main.a'], values: [1, 30] }, { stack: ['main.a'], values: [1, 10] }])));
    const file = toSpeedscope(tree, { name: 'x.pb.gz cpu' });
    expect(file.$schema).toBe('https://www.speedscope.app/file-format-schema.json');
    expect(file.shared.frames).toEqual([
      { name: 'main.a', file: '/src/main.go' },
      { name: 'main.b', file: '/src/main.go' },
    ]);
    expect(file.profiles).toEqual([{ type: 'sampled', name: 'x.pb.gz cpu', unit: 'nanoseconds', startValue: 0, endValue: 40, samples: [[0], [0, 1]], weights: [10, 30] }]);
    expect(file.activeProfileIndex).toBe(0);
  });

  it('maps units speedscope knows and uses "none" for counts', () => {
    const heap = readProfile(synthBytes({ sampleTypes: [['inuse_space', 'bytes']], samples: [{ stack: ['a'], values: [5] }] }));
    expect(toSpeedscope(buildCallTree(heap)).profiles[0]!.unit).toBe('bytes');
    const gr = readProfile(synthBytes({ sampleTypes: [['goroutine', 'count']], samples: [{ stack: ['a'], values: [5] }] }));
    expect(toSpeedscope(buildCallTree(gr)).profiles[0]!.unit).toBe('none');
  });
});
