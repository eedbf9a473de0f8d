import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './fixtures';

export const hasGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;

export interface DemoGo {
  url: string;
  stop(): void;
}

/** Builds infra/demo-go and runs it on a free loopback port in the given anti-pattern mode. */
export async function startDemoGo(mode: string): Promise<DemoGo> {
  const dir = mkdtempSync(join(tmpdir(), 'memegraph-demo-go-'));
  const bin = join(dir, 'demo-go');
  const build = spawnSync('go', ['build', '-o', bin, '.'], { cwd: join(repoRoot, 'infra/demo-go'), encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`go build failed: ${build.stderr}`);
  const proc: ChildProcess = spawn(bin, ['-addr', '127.0.0.1:0', '-mode', mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
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
      proc.stderr!.on('data', onData);
      proc.stdout!.on('data', onData);
      proc.on('exit', (code) => reject(new Error(`demo-go exited with ${code}: ${log}`)));
    });
    return { url, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
