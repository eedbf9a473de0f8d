import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { Neo4jClient } from '@memegraph/graph';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/src/bootstrap';
import { recordingSink } from '../../../test/support/http-servers';
import { repoRoot } from '../../../test/support/fixtures';
import { eventually, integration, testConfig } from '../../../test/support/services';

const WORKER = join(repoRoot, 'apps/worker/dist/main.js');
const AM_TOKEN = 'am-token-crash-test-0123456789';
const N = 16;

describe.skipIf(!integration || !existsSync(WORKER))('a worker killed mid-job', () => {
  let slow: Server;
  let sink: Awaited<ReturnType<typeof recordingSink>>;
  let api: INestApplication;
  let worker: ChildProcess | undefined;
  const config = testConfig({ ALERTMANAGER_TOKEN: AM_TOKEN });
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // A pprof endpoint that answers slowly, so jobs are in flight when the worker dies.
    slow = createServer((_req, res) => setTimeout(() => res.writeHead(404).end('no'), 1_500));
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    sink = await recordingSink();
    api = await createApi(config);
    await api.init();
    env = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      REDIS_URL: config.REDIS_URL,
      NEO4J_URI: config.NEO4J_URI,
      NEO4J_USER: config.NEO4J_USER,
      NEO4J_PASSWORD: config.NEO4J_PASSWORD,
      BLOB_DIR: config.BLOB_DIR,
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      JOB_LOCK_MS: '2000',
      WORKER_CONCURRENCY: '3',
      CAPTURE_SECONDS: '1',
      SINK_WEBHOOK_URL: `${sink.url}/hook`,
      PPROF_TARGETS: `crashy=http://127.0.0.1:${(slow.address() as AddressInfo).port}`,
    };
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await api?.close();
    await sink?.close();
    await new Promise((r) => slow?.close(r));
  });

  const startWorker = () => spawn(process.execPath, [WORKER], { env, stdio: 'ignore' });
  const enrichedCount = async (ids: string[]) => {
    const rows = await api.get(Neo4jClient).read<{ n: number }>("MATCH (a:Alert) WHERE a.id IN $ids AND a.enrichment = 'enriched' RETURN count(a) AS n", { ids });
    return rows[0]!.n;
  };

  it('loses nothing: after SIGKILL and restart every alert is enriched exactly once', async () => {
    const alerts = Array.from({ length: N }, (_, i) => ({
      status: 'firing',
      labels: { alertname: 'GoroutinesGrowing', service: 'crashy', pod: `crashy-${i}` },
      annotations: { description: 'go_goroutines keeps growing' },
      startsAt: new Date().toISOString(),
      fingerprint: `crash-${Date.now()}-${i}`,
    }));
    const res = await request(api.getHttpServer()).post('/v1/webhooks/alertmanager').set('Authorization', `Bearer ${AM_TOKEN}`).send({ status: 'firing', alerts }).expect(202);
    const ids: string[] = res.body.alertIds;

    worker = startWorker();
    await eventually(() => enrichedCount(ids), (n) => n >= 2, 60_000, 100);
    worker.kill('SIGKILL');
    await new Promise((r) => worker!.once('exit', r));
    const atKill = await enrichedCount(ids);
    expect(atKill).toBeLessThan(N);

    worker = startWorker();
    await eventually(() => enrichedCount(ids), (n) => n === N, 120_000, 250);

    const perAlert = await api.get(Neo4jClient).read<{ id: string; diagnoses: number }>(
      'MATCH (a:Alert) WHERE a.id IN $ids OPTIONAL MATCH (a)-[:DIAGNOSED_AS]->(d:Diagnosis) RETURN a.id AS id, count(d) AS diagnoses',
      { ids },
    );
    expect(perAlert).toHaveLength(N);
    expect(perAlert.every((r) => r.diagnoses === 1)).toBe(true);
    // Every alert reached the sink; the sink carries the alert id so receivers can drop a rare repeat.
    await eventually(async () => new Set(sink.received.map((r) => JSON.parse(r.body).alertId)).size, (n) => n === N, 30_000);
  }, 240_000);
});
