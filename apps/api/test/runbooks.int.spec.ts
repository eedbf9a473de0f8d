import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { RunbookRepository } from '@memegraph/graph';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../src/bootstrap';
import { repoRoot } from '../../../test/support/fixtures';
import { bearer, integration, testConfig } from '../../../test/support/services';

const own = join(repoRoot, 'apps/cli/test/runbooks');
const shared = resolve(repoRoot, '../shared/corpora/runbooks');
const read = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ path: f, markdown: readFileSync(join(dir, f), 'utf8') }));

describe.skipIf(!integration)('runbook import', () => {
  let api: INestApplication;
  beforeAll(async () => {
    api = await createApi(testConfig());
    await api.init();
  });
  afterAll(() => api?.close());

  it('imports runbooks into the graph and links confident alerts to root causes', async () => {
    const res = await request(api.getHttpServer()).post('/v1/runbooks/import').set(bearer('engineer')).send({ runbooks: read(own) }).expect(200);
    expect(res.body.imported).toBe(3);
    expect(res.body.skipped).toEqual([{ path: '_index.md', reason: expect.stringContaining('not a runbook') }]);
    expect(await api.get(RunbookRepository).linkedTo('goroutine-leak-chan')).toEqual([{ alertName: 'GoGoroutinesGrowing', confidence: expect.any(Number) }]);
    // Re-importing is idempotent.
    await request(api.getHttpServer()).post('/v1/runbooks/import').set(bearer('engineer')).send({ runbooks: read(own) }).expect(200);
    expect(await api.get(RunbookRepository).linkedTo('goroutine-leak-chan')).toHaveLength(1);
    await request(api.getHttpServer()).post('/v1/runbooks/import').set(bearer('viewer')).send({ runbooks: read(own) }).expect(403);
    await request(api.getHttpServer()).post('/v1/runbooks/import').set(bearer('engineer')).send({ runbooks: [] }).expect(400);
  });

  it.skipIf(!existsSync(shared))('imports the real kube-prometheus runbooks', async () => {
    const files = read(shared);
    const res = await request(api.getHttpServer()).post('/v1/runbooks/import').set(bearer('engineer')).send({ runbooks: files.slice(0, 60) }).expect(200);
    const res2 = await request(api.getHttpServer()).post('/v1/runbooks/import').set(bearer('engineer')).send({ runbooks: files.slice(60) }).expect(200);
    const items = [...res.body.items, ...res2.body.items];
    expect(items.length).toBeGreaterThan(90);
    const link = (name: string) => items.find((i: { alertName: string }) => i.alertName === name)?.classId;
    expect(link('KubePodCrashLooping')).toBe('k8s-crashloop');
    expect(link('CPUThrottlingHigh')).toBe('cpu-throttling');
    expect(link('NodeFilesystemSpaceFillingUp')).toBe('disk-full');
    expect(link('NodeClockNotSynchronising')).toBe('clock-skew');
    expect(link('Watchdog')).toBeUndefined();
  });
});
