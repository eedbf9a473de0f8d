import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../test/fixtures';
import { analyze } from './analyze';
import { loadInput } from './inputs';

/**
 * Live: builds infra/demo-go, runs it on a free loopback port in goroutine-leak-chan mode,
 * captures two goroutine profiles a few seconds apart over HTTP and checks that analyze puts
 * the leak on top. Skipped when Go is not installed.
 */
const hasGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!hasGo)('live demo-go capture', () => {
  let dir = '';
  let proc: ChildProcess | undefined;
  let base = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'memegraph-detectors-live-'));
    const bin = join(dir, 'demo-go');
    const build = spawnSync('go', ['build', '-o', bin, '.'], { cwd: join(repoRoot, 'infra/demo-go'), encoding: 'utf8', timeout: 120_000 });
    if (build.status !== 0) throw new Error(`go build failed: ${build.stderr}`);
    proc = spawn(bin, ['-addr', '127.0.0.1:0', '-mode', 'goroutine-leak-chan'], { stdio: ['ignore', 'pipe', 'pipe'] });
    base = await new Promise<string>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`demo-go did not start: ${log}`)), 15_000);
      const onData = (b: Buffer) => {
        log += b.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      proc!.stderr!.on('data', onData);
      proc!.stdout!.on('data', onData);
      proc!.on('exit', (code) => reject(new Error(`demo-go exited with ${code}: ${log}`)));
    });
  }, 150_000);

  afterAll(() => {
    if (proc && proc.exitCode === null) proc.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

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
