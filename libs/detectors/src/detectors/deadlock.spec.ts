import { describe, expect, it } from 'vitest';
import { goroutineReport } from '../../test/builders';
import { type GoroutineInput, type LockWait, lockWaitOf } from '../inputs';
import { DEFAULT_THRESHOLDS as t } from '../thresholds';
import { detectDeadlock } from './deadlock';

const A = '0xc000010000';
const B = '0xc000010010';

const wait = (site: string, where: string, address: string | undefined, count: number, minutes: number, ids: number[] = [], siteArgs?: string): LockWait => ({
  site,
  where,
  ...(address ? { address } : {}),
  ...(siteArgs ? { siteArgs } : {}),
  count,
  state: 'sync.Mutex.Lock',
  waitMinutes: minutes,
  stack: ['sync.(*Mutex).Lock', site],
  ids,
});

const snapshot = (name: string, lockWaits: LockWait[], preamble: string[] = []): GoroutineInput => ({
  name,
  goroutines: goroutineReport(
    lockWaits.map((w) => ({ stack: w.stack, count: w.count, state: 'sync.Mutex.Lock', minutes: w.waitMinutes })),
    'debug2',
    preamble,
  ),
  lockWaits,
});

describe('deadlock cycles', () => {
  it('infers holders from the lock order inside each function and reports the cycle', () => {
    const c = detectDeadlock(
      snapshot('g.txt', [
        wait('main.refresh', 'store.go:77', A, 1, 1, [22]),
        wait('main.refresh', 'store.go:80', B, 1, 1, [20]),
        wait('main.flush', 'store.go:89', B, 1, 1, [23]),
        wait('main.flush', 'store.go:92', A, 1, 1, [21]),
        wait('main.lookup', 'store.go:100', A, 200, 1, [30, 31]),
      ]),
      undefined,
      t,
    )!;
    expect(c.classId).toBe('deadlock-cycle');
    expect(c.severity).toBe('critical');
    expect(c.confidence).toBeGreaterThanOrEqual(0.8);
    const links = c.evidence.cycle!;
    expect(links.map((l) => l.lock).sort()).toEqual([A, B]);
    const heldA = links.find((l) => l.lock === A)!.heldBy!;
    expect(heldA).toEqual({ site: 'main.refresh', where: 'store.go:80', inferredBy: 'lock-order' });
    expect(links.find((l) => l.lock === A)!.holderWaitsFor).toBe(B);
    expect(links.find((l) => l.lock === B)!.heldBy).toEqual({ site: 'main.flush', where: 'store.go:92', inferredBy: 'lock-order' });
    expect(c.anchors.slice(0, 2).sort()).toEqual(['main.flush', 'main.refresh']);
    expect(c.reproduce[0]).toBe(`grep -c -E 'lockSlow\\((${links.map((l) => l.lock).join('|')})\\)' g.txt`);
  });

  it('infers holders from call arguments (the same field of the other argument)', () => {
    const x = '0xc000100000';
    const y = '0xc000200000';
    const c = detectDeadlock(
      snapshot('g.txt', [
        wait('main.transfer', 'bank.go:20', '0xc000200008', 1, 2, [7], `(${x}, ${y}, 0x64)`),
        wait('main.transfer', 'bank.go:20', '0xc000100008', 1, 2, [8], `(${y}, ${x}, 0x64)`),
      ]),
      undefined,
      t,
    )!;
    expect(c.severity).toBe('critical');
    expect(c.evidence.cycle!.every((l) => l.heldBy?.inferredBy === 'arguments')).toBe(true);
    expect(c.evidence.cycle!.map((l) => l.lock).sort()).toEqual(['0xc000100008', '0xc000200008']);
  });

  it('falls back to elimination when two stuck mutexes have only each other as candidates', () => {
    const c = detectDeadlock(
      snapshot('g.txt', [
        wait('main.lookupStock', 'main.go:47', A, 40, 2, [25, 26]),
        wait('main.recordSale', 'main.go:55', B, 19, 2, [27]),
        wait('main.refreshCacheFromDB', 'main.go:27', B, 1, 2, [20]),
        wait('main.flushCacheToDB', 'main.go:39', A, 1, 2, [21]),
      ]),
      undefined,
      t,
    )!;
    expect(c.severity).toBe('critical');
    const held = Object.fromEntries(c.evidence.cycle!.map((l) => [l.lock, l.heldBy]));
    expect(held[A]).toMatchObject({ site: 'main.refreshCacheFromDB', inferredBy: 'elimination' });
    expect(held[B]).toMatchObject({ site: 'main.flushCacheToDB', inferredBy: 'elimination' });
    expect(c.confidence).toBeGreaterThanOrEqual(0.7);
    expect(c.confidence).toBeLessThan(0.9);
  });

  it('calls a single long-held mutex a stuck lock, not a cycle', () => {
    const c = detectDeadlock(snapshot('g', [wait('main.lookup', 'a.go:1', A, 30, 3)]), undefined, t)!;
    expect(c.severity).toBe('warning');
    expect(c.title).toMatch(/^Stuck lock/);
  });

  it('needs long waits or a second snapshot', () => {
    expect(detectDeadlock(snapshot('g', [wait('main.allow', 'a.go:1', A, 30, 0)]), undefined, t)).toBeUndefined();
    expect(detectDeadlock(snapshot('g', []), undefined, t)).toBeUndefined();
  });

  it('uses two snapshots without addresses: waiters pile up behind functions that nest locks', () => {
    const nested = (n: number) => [
      wait('main.refresh', 'store.go:77', undefined, 1, 0),
      wait('main.refresh', 'store.go:80', undefined, 1, 0),
      wait('main.flush', 'store.go:89', undefined, 1, 0),
      wait('main.flush', 'store.go:92', undefined, 1, 0),
      wait('main.lookup', 'store.go:100', undefined, n, 0),
    ];
    const c = detectDeadlock(snapshot('g2.pb.gz', nested(400)), snapshot('g1.pb.gz', nested(60)), t)!;
    expect(c.severity).toBe('critical');
    expect(c.sources).toEqual(['g1.pb.gz', 'g2.pb.gz']);
    expect(c.evidence.cycle!.map((l) => l.heldBy?.site)).toEqual(['main.flush', 'main.refresh']);
    expect(c.evidence.notes!.join(' ')).toMatch(/grew 64 → 404/);
    // Without growth the same picture is just a queue.
    expect(detectDeadlock(snapshot('g2', nested(60)), snapshot('g1', nested(60)), t)).toBeUndefined();
  });

  it('trusts the runtime when it reports that all goroutines are asleep', () => {
    const c = detectDeadlock(snapshot('panic.txt', [], ['fatal error: all goroutines are asleep - deadlock!']), undefined, t)!;
    expect(c.severity).toBe('critical');
    expect(c.confidence).toBeGreaterThanOrEqual(0.97);
  });
});

describe('reading lock waits from stacks', () => {
  it('finds the call site and the mutex address of Go 1.19 and Go 1.24+ stacks', () => {
    expect(
      lockWaitOf(
        ['sync.runtime_SemacquireMutex', 'sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', 'main.lookupStock', 'main.main.func1'],
        ['sema.go:77', 'mutex.go:171', 'mutex.go:90', '/src/main.go:47', ''],
        ['(0xc000034ef0?, 0x95?, 0x1196dd07494?)', '(0x926d28)', '(...)', '({0x6dd905?, 0x5?})', '()'],
      ),
    ).toEqual({ site: 'main.lookupStock', where: '/src/main.go:47', address: '0x926d28', siteArgs: '({0x6dd905?, 0x5?})', stack: ['sync.runtime_SemacquireMutex', 'sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', 'main.lookupStock', 'main.main.func1'] });
    const go126 = lockWaitOf(['internal/sync.runtime_SemacquireMutex', 'internal/sync.(*Mutex).lockSlow', 'internal/sync.(*Mutex).Lock', 'sync.(*Mutex).Lock', 'main.(*s).f'], ['', '', '', '', 'x.go:9'], undefined)!;
    expect(go126.site).toBe('main.(*s).f');
    expect(go126.address).toBeUndefined();
  });
  it('does not treat Unlock handoff or WaitGroup waits as lock waits', () => {
    expect(lockWaitOf(['internal/sync.runtime_Semrelease', 'internal/sync.(*Mutex).unlockSlow', 'sync.(*Mutex).Unlock', 'main.f'], ['', '', '', ''], undefined)).toBeUndefined();
    expect(lockWaitOf(['sync.runtime_Semacquire', 'sync.(*WaitGroup).Wait', 'main.f'], ['', '', ''], undefined)).toBeUndefined();
  });
});
