import { describe, expect, it } from 'vitest';
import { type GroupSpec, goroutineReport } from '../../test/builders';
import { type GoroutineInput } from '../inputs';
import { DEFAULT_THRESHOLDS as t } from '../thresholds';
import { blockKind, detectDeepGoroutines, detectLeakGrowth, detectLeakPileUp, detectLockPileUp } from './goroutines';

const input = (name: string, groups: GroupSpec[], source: 'debug2' | 'debug1' | 'proto' = 'debug2'): GoroutineInput => ({ name, goroutines: goroutineReport(groups, source) });
const background: GroupSpec[] = [
  { stack: ['main.main'], count: 1, state: 'select (no cases)' },
  { stack: ['internal/poll.runtime_pollWait', 'internal/poll.(*FD).Accept', 'net.(*netFD).accept', 'net/http.(*Server).Serve'], count: 1, state: 'IO wait' },
  { stack: ['main.pause', 'main.worker'], count: 4, state: 'select' },
];
const provider = (count: number, extra: Partial<GroupSpec> = {}): GroupSpec => ({ stack: ['main.quoteProvider', 'main.fetchQuote.func1'], count, state: 'chan send', createdBy: 'main.fetchQuote', ...extra });
const reader = (count: number): GroupSpec => ({
  stack: ['internal/poll.runtime_pollWait', 'internal/poll.(*pollDesc).wait', 'internal/poll.(*FD).Read', 'net.(*netFD).Read', 'net.(*conn).Read', 'main.readReply'],
  count,
  state: 'IO wait',
});

describe('what goroutines are blocked on', () => {
  const g = (spec: GroupSpec, source: 'debug2' | 'debug1' | 'proto' = 'debug2') => blockKind(goroutineReport([spec], source).groups[0]!, source);
  it('reads debug=2 states', () => {
    expect(g(provider(1))).toBe('chan');
    expect(g({ stack: ['main.awaitPromotion'], count: 1, state: 'chan receive (nil chan)' })).toBe('chan-forever');
    expect(g({ stack: ['main.main'], count: 1, state: 'select (no cases)' })).toBe('other');
    expect(g(reader(1))).toBe('netread');
    expect(g(background[1]!)).toBe('accept');
    expect(g({ stack: ['internal/sync.runtime_SemacquireMutex', 'internal/sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', 'main.allow'], count: 1, state: 'sync.Mutex.Lock' })).toBe('lock');
    expect(g({ stack: ['sync.runtime_Semacquire', 'sync.(*WaitGroup).Wait', 'main.run'], count: 1, state: 'semacquire' })).toBe('sync-wait');
    expect(g({ stack: ['main.spin'], count: 1, state: 'runnable' })).toBe('active');
  });
  it('infers the wait from frames in proto and debug=1 profiles', () => {
    expect(g({ stack: ['runtime.gopark', 'runtime.chansend', 'runtime.chansend1', 'main.quoteProvider'], count: 1 }, 'proto')).toBe('chan');
    expect(g({ stack: ['runtime.gopark', 'runtime.netpollblock', 'internal/poll.runtime_pollWait', 'internal/poll.(*FD).Read', 'net.(*conn).Read', 'net/http.(*connReader).backgroundRead'], count: 1 }, 'proto')).toBe('keepalive');
    // debug=1 hides runtime frames: a user function on top is parked on a channel.
    expect(g({ stack: ['main.quoteProvider', 'main.fetchQuote.func1'], count: 1 }, 'debug1')).toBe('chan');
    expect(g({ stack: ['main.quoteProvider', 'main.fetchQuote.func1'], count: 1 }, 'proto')).toBe('other');
    expect(g({ stack: ['runtime.gopark', 'runtime.block', 'main.main'], count: 1 }, 'proto')).toBe('other');
    expect(g({ stack: ['runtime.gopark', 'runtime.block', 'main.hang'], count: 1 }, 'proto')).toBe('chan-forever');
  });
});

describe('goroutine pile-ups in one snapshot', () => {
  it('reports a hundred identical goroutines parked on a channel', () => {
    const c = detectLeakPileUp(input('g.txt', [provider(150), ...background]), 'goroutine-leak-chan', t)!;
    expect(c.severity).toBe('warning');
    expect(c.anchors[0]).toBe('main.quoteProvider');
    expect(c.anchors).toContain('main.fetchQuote');
    expect(c.evidence.counts!['main.quoteProvider [chan send]']).toBe(150);
    expect(c.reproduce[0]).toBe("grep -c -E '^main\\.quoteProvider\\(' g.txt");
  });
  it('is critical for thousands that have waited minutes, and ignores small pools', () => {
    expect(detectLeakPileUp(input('g', [provider(2000, { minutes: 3 }), ...background]), 'goroutine-leak-chan', t)!.severity).toBe('critical');
    expect(detectLeakPileUp(input('g', [provider(2000), ...background]), 'goroutine-leak-chan', t)!.severity).toBe('warning');
    expect(detectLeakPileUp(input('g', [provider(40), ...background]), 'goroutine-leak-chan', t)).toBeUndefined();
  });
  it('reports goroutines blocked forever on a nil channel even in small numbers', () => {
    const c = detectLeakPileUp(input('g', [{ stack: ['main.awaitPromotion'], count: 3, state: 'chan receive (nil chan)' }, ...background]), 'goroutine-leak-chan', t)!;
    expect(c.evidence.notes!.join(' ')).toMatch(/can never be woken/);
    expect(detectLeakPileUp(input('g', background), 'goroutine-leak-chan', t)).toBeUndefined();
  });
  it('separates network reads from idle keep-alive connections', () => {
    expect(detectLeakPileUp(input('g', [reader(300), ...background]), 'goroutine-leak-netread', t)!.anchors[0]).toBe('main.readReply');
    const keepAlive: GroupSpec = { ...reader(300), stack: [...reader(1).stack.slice(0, 5), 'net/http.(*connReader).backgroundRead'] };
    expect(detectLeakPileUp(input('g', [keepAlive, ...background]), 'goroutine-leak-netread', t)).toBeUndefined();
    expect(detectLeakPileUp(input('g', [reader(300)]), 'goroutine-leak-chan', t)).toBeUndefined();
  });
});

describe('goroutine growth between snapshots', () => {
  it('reports growth with its rate', () => {
    const c = detectLeakGrowth(input('t1.txt', [provider(100), ...background]), input('t2.txt', [provider(700), ...background]), 10, 'goroutine-leak-chan', t)!;
    expect(c.severity).toBe('critical');
    // main.pause's 4 goroutines in select count as channel waits too (they did not grow).
    expect(c.evidence.growth).toEqual({ from: 104, to: 704, unit: 'goroutines', seconds: 10, perSecond: 60 });
    expect(c.sources).toEqual(['t1.txt', 't2.txt']);
  });
  it('ignores load fluctuation', () => {
    expect(detectLeakGrowth(input('a', [provider(100)]), input('b', [provider(140)]), 10, 'goroutine-leak-chan', t)).toBeUndefined();
    expect(detectLeakGrowth(input('a', [provider(10)]), input('b', [provider(40)]), 10, 'goroutine-leak-chan', t)).toBeUndefined();
  });
  it('compares proto profiles with go tool pprof -diff_base', () => {
    const p = (n: number) => input('x', [{ stack: ['runtime.gopark', 'runtime.chanrecv', 'main.awaitAck'], count: n }], 'proto');
    const c = detectLeakGrowth({ ...p(60), name: 'g1.pb.gz' }, { ...p(400), name: 'g2.pb.gz' }, undefined, 'goroutine-leak-chan', t)!;
    expect(c.reproduce[0]).toBe('go tool pprof -top -diff_base=g1.pb.gz g2.pb.gz');
    expect(c.evidence.growth!.perSecond).toBeUndefined();
  });
});

describe('deep goroutine stacks', () => {
  it('reports elided recursive tracebacks', () => {
    const c = detectDeepGoroutines(input('g', [{ stack: ['main.leaf', ...Array.from({ length: 99 }, () => 'main.walk')], count: 2, state: 'runnable', framesElided: true }, ...background]), t)!;
    expect(c.classId).toBe('deep-recursion');
    expect(c.anchors[0]).toBe('main.walk');
    expect(c.severity).toBe('warning');
  });
  it('keeps deep stacks without user recursion at info, and ignores shallow ones', () => {
    const rx = detectDeepGoroutines(input('g', [{ stack: [...Array.from({ length: 55 }, () => 'regexp/syntax.(*compiler).compile'), 'main.validate'], count: 1, state: 'running' }]), t)!;
    expect(rx.severity).toBe('info');
    expect(detectDeepGoroutines(input('g', background), t)).toBeUndefined();
  });
});

describe('lock queues in one snapshot', () => {
  const waiters = (n: number, minutes = 0): GroupSpec => ({
    stack: ['internal/sync.runtime_SemacquireMutex', 'internal/sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', 'main.(*registry).allow', 'main.worker'],
    count: n,
    state: 'sync.Mutex.Lock',
    minutes,
  });
  it('reports a quarter of all goroutines queued on a lock as contention', () => {
    const c = detectLockPileUp(input('g', [waiters(20), ...background]), t)!;
    expect(c.classId).toBe('mutex-contention');
    expect(c.anchors[0]).toBe('main.(*registry).allow');
  });
  it('leaves long waits to the deadlock detector and ignores short queues', () => {
    expect(detectLockPileUp(input('g', [waiters(20, 2), ...background]), t)).toBeUndefined();
    expect(detectLockPileUp(input('g', [waiters(2), ...background]), t)).toBeUndefined();
  });
});
