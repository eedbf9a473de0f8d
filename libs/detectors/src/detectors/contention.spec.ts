import { describe, expect, it } from 'vitest';
import { contentionProfile } from '../../test/builders';
import { contentionKind } from '../inputs';
import { DEFAULT_THRESHOLDS as t } from '../thresholds';
import { detectContention } from './contention';

const S = 1e9;
const appUnlock = ['sync.(*Mutex).Unlock', 'main.(*registry).allow', 'main.worker'];
const runtimeUnlock = ['runtime.unlock', 'runtime.findRunnable', 'runtime.schedule'];
const idleSelect = ['runtime.selectgo', 'main.pause', 'main.worker'];
const appLock = ['sync.(*Mutex).Lock', 'main.(*registry).allow', 'main.worker'];

describe('mutex and block profile contention', () => {
  it('ranks application lock sites by delay and contentions', () => {
    const c = detectContention(
      'mutex.pb.gz',
      'mutex',
      contentionProfile([
        [appUnlock, 5000, 40 * S],
        [['sync.(*RWMutex).Unlock', 'main.(*cache).put', 'main.worker'], 100, 2 * S],
        [runtimeUnlock, 10, 0.001 * S],
      ]),
      t,
    )!;
    expect(c.classId).toBe('mutex-contention');
    expect(c.family).toBe('mutex');
    expect(c.severity).toBe('critical');
    expect(c.anchors).toEqual(['main.(*registry).allow', 'main.(*cache).put']);
    expect(c.evidence.counts!['contentions at main.(*registry).allow']).toBe(5000);
    expect(c.reproduce).toContain('go tool pprof -top -sample_index=delay mutex.pb.gz');
  });

  it('ignores runtime-internal locks, idle selects and negligible delay', () => {
    expect(detectContention('m', 'mutex', contentionProfile([[runtimeUnlock, 1000, 2 * S]]), t)).toBeUndefined();
    expect(detectContention('b', 'block', contentionProfile([[idleSelect, 100, 300 * S], [appLock, 10, 1 * S]]), t)).toBeUndefined();
    expect(detectContention('b', 'block', contentionProfile([[appLock, 10, 0.01 * S]]), t)).toBeUndefined();
    expect(detectContention('b', 'block', contentionProfile([]), t)).toBeUndefined();
  });

  it('is a warning when lock waits are a minority of a large block profile', () => {
    const c = detectContention('block.pb.gz', 'block', contentionProfile([[idleSelect, 100, 60 * S], [appLock, 1000, 40 * S]]), t)!;
    expect(c.severity).toBe('warning');
    expect(c.family).toBe('block');
  });

  it('tells mutex from block profiles by their leaves, not the file name', () => {
    expect(contentionKind('block.pb.gz', contentionProfile([[appUnlock, 1, 1]]))).toBe('mutex');
    expect(contentionKind('mutex-contention.block.pb.gz', contentionProfile([[appLock, 1, 1], [idleSelect, 1, 1]]))).toBe('block');
    expect(contentionKind('svc.mutex.pb.gz', contentionProfile([]))).toBe('mutex');
    expect(contentionKind('x.pb.gz', contentionProfile([]))).toBe('block');
  });
});
