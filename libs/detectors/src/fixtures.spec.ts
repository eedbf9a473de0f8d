import { GoRuntimeClassIds } from '@memegraph/contracts';
import { describe, expect, it } from 'vitest';
import { type Scenario, hasManifest, loadFiles, projectFixtures, scenarios, sharedFixtures } from '../test/fixtures';
import { analyze } from './analyze';
import { FindingSchema } from './finding';

/**
 * Every anti-pattern scenario, all of its files analysed together (every kind, t1 before t2),
 * must put its own class on top; healthy scenarios must yield nothing above info, with all
 * files together and with each file alone.
 */
function fixtureSuite(label: string, dir: string, requireAllClasses: boolean) {
  // describe.skipIf still runs this body to collect tests: read nothing when the folder is absent.
  const all = hasManifest(dir) ? scenarios(dir) : [];
  const classes = all.filter((s) => (GoRuntimeClassIds as readonly string[]).includes(s.class));
  const healthy = all.filter((s) => s.class === 'healthy');

  it('has fixtures to check', () => {
    expect(healthy.length).toBeGreaterThan(0);
    if (requireAllClasses) expect(new Set(classes.map((s) => s.class))).toEqual(new Set(GoRuntimeClassIds));
    else expect(classes.length).toBeGreaterThan(5);
  });

  it.each(classes.map((s): [string, Scenario] => [s.name, s]))(`${label}: %s tops with its own class`, (_name, s) => {
    const report = analyze(loadFiles(dir, s.files));
    const top = report.findings[0];
    expect(top, `no finding for ${s.name}`).toBeDefined();
    expect(top!.classId).toBe(s.class);
    expect(top!.severity).not.toBe('info');
    expect(top!.confidence).toBeGreaterThanOrEqual(0.6);
    // One clear top finding: nothing else of the same severity is as confident.
    for (const other of report.findings.slice(1)) {
      if (other.severity === top!.severity) expect(other.confidence).toBeLessThan(top!.confidence);
    }
    expect(top!.reproduce.some((c) => s.files.some((f) => c.includes(f.file)))).toBe(true);
    expect(top!.anchors.length).toBeGreaterThan(0);
    for (const f of report.findings) FindingSchema.parse(f);
  });

  it.each(healthy.map((s): [string, Scenario] => [s.name, s]))(`${label}: %s yields nothing above info, together and file by file`, (_name, s) => {
    const together = analyze(loadFiles(dir, s.files));
    expect(together.findings.filter((f) => f.severity !== 'info').map((f) => f.title)).toEqual([]);
    for (const f of s.files) {
      const alone = analyze(loadFiles(dir, [f]));
      expect(alone.findings.filter((x) => x.severity !== 'info').map((x) => `${f.file}: ${x.title}`)).toEqual([]);
    }
  });
}

describe.skipIf(!hasManifest(projectFixtures))('project fixtures (fixtures/go, Go 1.26)', () => {
  fixtureSuite('fixtures/go', projectFixtures, true);

  it('finds the deadlock cycle between the two lock orders with its holders', () => {
    const s = scenarios(projectFixtures).find((x) => x.class === 'deadlock-cycle')!;
    const top = analyze(loadFiles(projectFixtures, s.files)).findings[0]!;
    expect(top.evidence.cycle!.length).toBe(2);
    const holders = top.evidence.cycle!.map((l) => l.heldBy?.site).sort();
    expect(holders).toEqual(['main.(*stockStore).flushCacheToDB', 'main.(*stockStore).refreshCacheFromDB']);
    for (const l of top.evidence.cycle!) expect(l.lock).toMatch(/^0x[0-9a-f]+$/);
  });

  it('measures the heap leak rate and the goroutine leak rate from the snapshot times', () => {
    const all = scenarios(projectFixtures);
    const heap = analyze(loadFiles(projectFixtures, all.find((x) => x.class === 'heap-leak')!.files)).findings[0]!;
    expect(heap.anchors[0]).toBe('main.cacheSession');
    expect(heap.evidence.growth!.perSecond).toBeGreaterThan(100_000);
    const chan = analyze(loadFiles(projectFixtures, all.find((x) => x.class === 'goroutine-leak-chan')!.files)).findings[0]!;
    expect(chan.evidence.growth!.perSecond).toBeGreaterThan(10);
    expect(chan.anchors).toContain('main.quoteProvider');
  });
});

describe.skipIf(!hasManifest(sharedFixtures))('shared fixtures (/work/shared, Go 1.19)', () => {
  fixtureSuite('shared', sharedFixtures, false);

  it('finds the Go 1.19 deadlock cycle from lockSlow addresses, holders by elimination', () => {
    const s = scenarios(sharedFixtures).find((x) => x.class === 'deadlock-cycle')!;
    const top = analyze(loadFiles(sharedFixtures, s.files)).findings[0]!;
    expect(top.evidence.cycle!.map((l) => l.lock).sort()).toEqual(['0x926d28', '0x926d30']);
    expect(top.evidence.cycle!.map((l) => l.heldBy?.site).sort()).toEqual(['main.flushCacheToDB', 'main.refreshCacheFromDB']);
    expect(top.evidence.cycle!.every((l) => l.heldBy?.inferredBy === 'elimination')).toBe(true);
  });

  it('does not call one-off concatenation in the gc-pressure capture a string-concat loop', () => {
    const s = scenarios(sharedFixtures).find((x) => x.name === 'gc-pressure')!;
    const r = analyze(loadFiles(sharedFixtures, s.files));
    expect(r.findings.some((f) => f.classId === 'string-concat-loop' && f.severity !== 'info')).toBe(false);
  });

  it('analyses a 100,000-goroutine dump in all three formats quickly', () => {
    const s = scenarios(sharedFixtures).find((x) => x.name === 'big-goroutine-dump');
    if (!s) return;
    const start = Date.now();
    const r = analyze(loadFiles(sharedFixtures, s.files));
    expect(Date.now() - start).toBeLessThan(20_000);
    // One snapshot cannot prove a leak: at most a warning.
    expect(r.findings.every((f) => f.severity !== 'critical')).toBe(true);
  });
});
