import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis, ProfileQueue, redisAnswers } from '../src';
import { integration } from '../../../test/support/services';

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/** A private redis-server with AOF, configured like scripts/up's, so we can kill it. */
async function startRedis(dir: string, port: number): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await redisAnswers(`redis://127.0.0.1:${port}`, 200)); i++) await new Promise((r) => setTimeout(r, 50));
  return proc;
}

describe.skipIf(!integration)('queued jobs survive a Redis crash (AOF)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memegraph-aof-'));
  let proc: ChildProcess | undefined;
  afterAll(() => {
    proc?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a job enqueued before SIGKILL is waiting, intact, after restart', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    proc = await startRedis(dir, port);
    const conn = createRedis(url, 'producer');
    const queue = new ProfileQueue(conn, { prefix: 'durability', attempts: 3 });
    await queue.enqueueAnalysis({ profileId: 'p-1', blobKey: `sha256/${'a'.repeat(64)}` });
    expect((await queue.counts()).waiting).toBe(1);
    // appendfsync everysec: after 2 s the write is on disk even if the server dies uncleanly.
    await new Promise((r) => setTimeout(r, 2_000));
    proc.kill('SIGKILL');
    await new Promise((r) => proc!.once('exit', r));
    await queue.close().catch(() => undefined);
    conn.disconnect();

    proc = await startRedis(dir, port);
    const reader = createRedis(url, 'producer');
    const raw = new Queue('profiles', { connection: reader, prefix: 'durability' });
    const job = await raw.getJob('p-1');
    expect(job?.data).toMatchObject({ profileId: 'p-1', blobKey: `sha256/${'a'.repeat(64)}` });
    expect(await job?.getState()).toBe('waiting');
    await raw.close();
    reader.disconnect();
  });
});
