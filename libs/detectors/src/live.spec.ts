import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoGo, hasGo, startDemoGo } from '../../../test/support/demo-go';
import { analyze } from './analyze';
import { loadInput } from './inputs';

/**
 * Live: builds infra/demo-go, runs it on a free loopback port in goroutine-leak-chan mode,
 * captures two goroutine profiles a few seconds apart over HTTP and checks that analyze puts
 * the leak on top. Skipped when Go is not installed.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!hasGo)('live demo-go capture', () => {
  let demo: DemoGo | undefined;
  let base = '';

  beforeAll(async () => {
    demo = await startDemoGo('goroutine-leak-chan');
    base = demo.url;
  }, 150_000);

  afterAll(() => demo?.stop());

  const grab = async (path: string): Promise<Uint8Array> => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };

  it('finds the goroutine leak between two snapshots taken seconds apart', async () => {
    await sleep(2_000);
    const t1 = await grab('/debug/pprof/goroutine');
    await sleep(4_000);
    const t2 = await grab('/debug/pprof/goroutine');
    const dump = await grab('/debug/pprof/goroutine?debug=2');
    const report = analyze([
      loadInput('live.goroutine.t1.pb.gz', t1, { snapshot: { order: 0 } }),
      loadInput('live.goroutine.t2.pb.gz', t2, { snapshot: { order: 1 } }),
      loadInput('live.goroutine.debug2.txt', dump, { snapshot: { order: 2 } }),
    ]);
    const top = report.findings[0]!;
    expect(top.classId).toBe('goroutine-leak-chan');
    expect(top.severity).not.toBe('info');
    expect(top.evidence.growth!.to).toBeGreaterThan(top.evidence.growth!.from);
    expect(top.evidence.growth!.perSecond).toBeGreaterThan(10);
    expect(top.anchors).toContain('main.quoteProvider');
    expect(top.sources).toContain('live.goroutine.t2.pb.gz');
  }, 30_000);
});
