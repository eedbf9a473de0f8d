import { type INestApplication } from '@nestjs/common';
import { RootCauseClassIds } from '@memegraph/contracts';
import { CatalogRepository, Neo4jClient } from '@memegraph/graph';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../src/bootstrap';
import { bearer, integration, testConfig } from '../../../test/support/services';

describe.skipIf(!integration)('meme catalog', () => {
  let api: INestApplication;
  beforeAll(async () => {
    api = await createApi(testConfig());
    await api.init();
  });
  afterAll(() => api?.close());

  it('is seeded into the graph at start-up, one meme per root cause, idempotently', async () => {
    const db = api.get(Neo4jClient);
    expect(await new CatalogRepository(db).countBuiltinMemes()).toBe(RootCauseClassIds.length);
    const second = await createApi(testConfig());
    await second.close();
    expect(await new CatalogRepository(db).countBuiltinMemes()).toBe(RootCauseClassIds.length);
    const rows = await db.read<{ caption: string }>("MATCH (m:Meme)-[:STANDS_FOR]->(:RootCause {classId: 'heap-leak'}) RETURN m.captionZh AS caption");
    expect(rows).toEqual([{ caption: '内存气球越吹越大' }]);
    // The knowledge base rides on the same RootCause nodes, one per class id.
    const kb = await db.read<{ n: number; withRunbook: number }>('MATCH (r:RootCause) RETURN count(r) AS n, count(r.runbookCommands) AS withRunbook');
    expect(kb[0]).toEqual({ n: RootCauseClassIds.length, withRunbook: RootCauseClassIds.length });
  });

  it('is served by the API with badges', async () => {
    const http = request(api.getHttpServer());
    const list = await http.get('/v1/catalog/memes').set(bearer('viewer')).expect(200);
    expect(list.body.items).toHaveLength(RootCauseClassIds.length);
    const meme = await http.get('/v1/catalog/memes/rush-hour-platform').set(bearer('viewer')).expect(200);
    expect(meme.body).toMatchObject({ classId: 'goroutine-leak-chan', caption: { zh: '地铁早高峰协程站台' } });
    const badge = await http.get('/v1/catalog/memes/heap-balloon/badge.svg').set(bearer('viewer')).expect(200);
    expect(badge.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(Buffer.from(badge.body).toString('utf8')).toContain('<title>🎈📈 The memory balloon keeps inflating</title>');
    expect((await http.get('/v1/catalog/memes/nope').set(bearer('viewer')).expect(404)).body.error.code).toBe('NOT_FOUND');
  });
});
