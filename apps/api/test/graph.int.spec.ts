import { randomBytes, randomUUID } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { Neo4jClient } from '@memegraph/graph';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../src/bootstrap';
import { bearer, integration, testConfig } from '../../../test/support/services';

const DAY = 86_400_000;

describe.skipIf(!integration)('graph browse API', () => {
  let api: INestApplication;
  let db: Neo4jClient;
  const sfx = randomBytes(4).toString('hex');
  const cjk = [...sfx].map((h) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[parseInt(h, 16)]).join('');
  const ids = {
    classId: `test-rc-${sfx}`,
    service: `orders-${sfx}`,
    meme: `meme-${sfx}`,
    recent: randomUUID(),
    older: randomUUID(),
    fix: `fix-${sfx}`,
    commit: randomBytes(20).toString('hex'),
  };
  const openedRecent = new Date(Date.now() - 1 * DAY).toISOString();
  const openedOlder = new Date(Date.now() - 8 * DAY).toISOString();
  const http = () => request(api.getHttpServer());
  const get = (url: string, status = 200) => http().get(url).set(bearer('viewer')).expect(status);

  beforeAll(async () => {
    api = await createApi(testConfig());
    await api.init();
    db = api.get(Neo4jClient);
    // service, 2 incidents linked to a root cause, a meme, a fix with its commit
    await db.write(
      `CREATE (rc:RootCause {classId: $classId, domain: 'go-runtime'})
       CREATE (s:Service {name: $service})
       CREATE (m:Meme {id: $meme, builtin: false, status: 'published', classId: $classId, captionEn: $captionEn, captionZh: $captionZh, blobKey: 'k', publishedAt: datetime()})
       CREATE (i1:Incident {id: $recent, service: $service, classId: $classId, status: 'open', title: $title1, openedAt: datetime($openedRecent), alertCount: 3})
       CREATE (i2:Incident {id: $older, service: $service, classId: $classId, status: 'resolved', title: $title2, openedAt: datetime($openedOlder), alertCount: 1})
       CREATE (f:Fix {id: $fix, title: $fixTitle, createdAt: datetime()})
       CREATE (c:Commit {hash: $commit, message: 'fix: bound the cache'})
       CREATE (m)-[:STANDS_FOR]->(rc), (m)-[:ILLUSTRATES]->(i1)
       CREATE (i1)-[:CAUSED_BY]->(rc), (i2)-[:CAUSED_BY]->(rc), (i1)-[:AFFECTED]->(s), (i2)-[:AFFECTED]->(s)
       CREATE (rc)-[:FIXED_BY]->(f), (f)-[:COMMITTED_AS]->(c)`,
      {
        ...ids,
        captionEn: `Heap balloon ${sfx} over the orders service`,
        captionZh: `订单服务的内存气球${cjk}`,
        title1: `Heap keeps growing on ${ids.service}`,
        title2: `Second heap incident ${sfx}`,
        fixTitle: `Bound the cache ${sfx}`,
        openedRecent,
        openedOlder,
      },
    );
  });

  afterAll(async () => {
    await db
      ?.write(
        `MATCH (n) WHERE (n:RootCause AND n.classId = $classId) OR (n:Service AND n.name = $service) OR (n:Meme AND n.id = $meme)
           OR (n:Incident AND n.id IN [$recent, $older]) OR (n:Fix AND n.id = $fix) OR (n:Commit AND n.hash = $commit)
         DETACH DELETE n`,
        ids,
      )
      .catch(() => undefined);
    await api?.close();
  });

  it('searches by English and Chinese text and by prefix', async () => {
    const en = await get(`/v1/graph/search?q=${encodeURIComponent(`heap balloon ${sfx}`)}`);
    expect(en.body.items[0]).toMatchObject({ id: `Meme:${ids.meme}`, label: 'Meme', title: `Heap balloon ${sfx} over the orders service` });
    expect(typeof en.body.items[0].score).toBe('number');
    const zh = await get(`/v1/graph/search?q=${encodeURIComponent(`内存气球${cjk}`)}`);
    expect(zh.body.items.map((h: { id: string }) => h.id)).toEqual([`Meme:${ids.meme}`]);
    const prefix = await get(`/v1/graph/search?q=${encodeURIComponent(`second heap ${sfx.slice(0, 4)}`)}&labels=Incident`);
    expect(prefix.body.items.map((h: { id: string }) => h.id)).toEqual([`Incident:${ids.older}`]);
    const service = await get(`/v1/graph/search?q=${ids.service}&limit=5`);
    expect(service.body.items[0]).toMatchObject({ id: `Service:${ids.service}`, label: 'Service', title: ids.service });
    expect(service.body.items.length).toBeLessThanOrEqual(5);
    const rc = await get(`/v1/graph/search?q=${ids.classId}`);
    expect(rc.body.items[0].id).toBe(`RootCause:${ids.classId}`);
    // built-in memes are seeded at start-up and searchable in Chinese
    const builtin = await get(`/v1/graph/search?q=${encodeURIComponent('内存气球越吹越大')}&labels=Meme`);
    expect(builtin.body.items.map((h: { id: string }) => h.id)).toContain('Meme:heap-balloon');
  });

  it('treats Lucene syntax in q as text', async () => {
    for (const q of ['heap-leak AND (', '"unterminated', '*:*', 'a~2 b^3 [x TO y] {z} ! \\ / ? &&||', 'title:heap']) {
      const res = await get(`/v1/graph/search?q=${encodeURIComponent(q)}`);
      expect(Array.isArray(res.body.items), q).toBe(true);
    }
  });

  it('returns one node; 404 for unknown ids and 400 for malformed ones', async () => {
    const node = await get(`/v1/graph/nodes/${encodeURIComponent(`Incident:${ids.recent}`)}`);
    expect(node.body).toMatchObject({ id: `Incident:${ids.recent}`, label: 'Incident', title: `Heap keeps growing on ${ids.service}`, props: { status: 'open', alertCount: 3, service: ids.service } });
    expect(node.body.props.openedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Built-in classes carry their knowledge-base title; the class id moves to the subtitle.
    const rc = await get('/v1/graph/nodes/RootCause:heap-leak');
    expect(rc.body).toMatchObject({ id: 'RootCause:heap-leak', label: 'RootCause', subtitle: 'heap-leak · go-runtime', props: { classId: 'heap-leak', domain: 'go-runtime' } });
    expect(rc.body.title).not.toBe('heap-leak');
    const meme = await get(`/v1/graph/nodes/Meme:${ids.meme}`);
    expect(meme.body.props).not.toHaveProperty('blobKey');
    expect((await get(`/v1/graph/nodes/Incident:${randomUUID()}`, 404)).body.error.code).toBe('NOT_FOUND');
    for (const bad of ['heap-leak', 'Migration:1', 'Bogus:x']) {
      const res = await get(`/v1/graph/nodes/${encodeURIComponent(bad)}`, 400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^id: /) });
    }
    await http().get(`/v1/graph/nodes/Meme:${ids.meme}`).expect(401);
  });

  it('serves bounded neighbourhoods with edges and a truncation flag', async () => {
    const one = await get(`/v1/graph/nodes/RootCause:${ids.classId}/neighbors`);
    expect(one.body.truncated).toBe(false);
    expect(one.body.nodes.map((n: { id: string }) => n.id).sort()).toEqual([`RootCause:${ids.classId}`, `Meme:${ids.meme}`, `Incident:${ids.recent}`, `Incident:${ids.older}`, `Fix:${ids.fix}`].sort());
    expect(one.body.edges).toContainEqual({ id: `Incident:${ids.older}-CAUSED_BY->RootCause:${ids.classId}`, source: `Incident:${ids.older}`, target: `RootCause:${ids.classId}`, type: 'CAUSED_BY' });

    const two = await get(`/v1/graph/nodes/Service:${ids.service}/neighbors?depth=2`);
    const twoIds = two.body.nodes.map((n: { id: string }) => n.id);
    expect(twoIds).toEqual(expect.arrayContaining([`Incident:${ids.recent}`, `Incident:${ids.older}`, `RootCause:${ids.classId}`, `Meme:${ids.meme}`]));
    expect(twoIds).not.toContain(`Fix:${ids.fix}`); // three hops from the service
    const types = two.body.edges.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['AFFECTED', 'CAUSED_BY', 'ILLUSTRATES', 'STANDS_FOR']));

    const cut = await get(`/v1/graph/nodes/Service:${ids.service}/neighbors?depth=2&limit=2`);
    expect(cut.body.nodes).toHaveLength(2);
    expect(cut.body.truncated).toBe(true);

    const filtered = await get(`/v1/graph/nodes/Service:${ids.service}/neighbors?labels=Incident&since=${encodeURIComponent(new Date(Date.now() - 3 * DAY).toISOString())}`);
    expect(filtered.body.nodes.map((n: { id: string }) => n.id)).toEqual([`Service:${ids.service}`, `Incident:${ids.recent}`]);
    const byClass = await get(`/v1/graph/nodes/Service:${ids.service}/neighbors?classId=heap-leak&rel=AFFECTED`);
    expect(byClass.body.nodes).toHaveLength(1);
    const byRel = await get(`/v1/graph/nodes/RootCause:${ids.classId}/neighbors?rel=FIXED_BY,STANDS_FOR`);
    expect(byRel.body.nodes.map((n: { label: string }) => n.label).sort()).toEqual(['Fix', 'Meme', 'RootCause']);
  });

  it('validates neighbourhood parameters, naming the field', async () => {
    const base = `/v1/graph/nodes/Service:${ids.service}/neighbors`;
    const cases: [string, RegExp][] = [
      ['depth=4', /^depth: /],
      ['depth=0', /^depth: /],
      ['limit=501', /^limit: /],
      ['limit=abc', /^limit: /],
      ['labels=Incident,Nope', /^labels: "Nope"/],
      ['rel=bad-type', /^rel: /],
      ['since=yesterday', /^since: /],
      [`since=${encodeURIComponent('2026-02-01T00:00:00Z')}&until=${encodeURIComponent('2026-01-01T00:00:00Z')}`, /^until: /],
    ];
    for (const [qs, message] of cases) {
      const res = await get(`${base}?${qs}`, 400);
      expect(res.body.error.code, qs).toBe('VALIDATION_FAILED');
      expect(res.body.error.message, qs).toMatch(message);
    }
    await get(`/v1/graph/nodes/Service:nope-${sfx}/neighbors`, 404);
    expect((await get('/v1/graph/search', 400)).body.error.message).toMatch(/^q: /);
    expect((await get('/v1/graph/search?q=x&limit=51', 400)).body.error.message).toMatch(/^limit: /);
    expect((await get('/v1/graph/search?q=x&labels=Profile', 400)).body.error.message).toMatch(/^labels: /);
  });

  it('finds shortest paths', async () => {
    const res = await get(`/v1/graph/paths?from=Meme:${ids.meme}&to=Commit:${ids.commit}&maxHops=6`);
    expect(res.body.hops).toBe(3);
    expect(res.body.paths).toEqual([[`Meme:${ids.meme}`, `RootCause:${ids.classId}`, `Fix:${ids.fix}`, `Commit:${ids.commit}`]]);
    expect(res.body.edges.map((e: { type: string }) => e.type).sort()).toEqual(['COMMITTED_AS', 'FIXED_BY', 'STANDS_FOR']);
    expect(res.body.nodes).toHaveLength(4);
    const none = await get(`/v1/graph/paths?from=Meme:${ids.meme}&to=Commit:${ids.commit}&maxHops=2`);
    expect(none.body).toMatchObject({ nodes: [], edges: [], paths: [], hops: null });
    expect((await get(`/v1/graph/paths?from=Meme:${ids.meme}&to=Commit:nope${sfx}`, 404)).body.error.message).toMatch(/\(to\)$/);
    expect((await get(`/v1/graph/paths?from=Meme:${ids.meme}&to=Commit:${ids.commit}&maxHops=7`, 400)).body.error.message).toMatch(/^maxHops: /);
    expect((await get(`/v1/graph/paths?from=nonsense&to=Commit:${ids.commit}`, 400)).body.error.message).toMatch(/^from: /);
  });

  it('lists root causes with counts and serves a root-cause page', async () => {
    const list = await get('/v1/root-causes?limit=500');
    expect(list.body.items.length).toBeGreaterThanOrEqual(30);
    expect(list.body.items.find((r: { classId: string }) => r.classId === ids.classId)).toMatchObject({ id: `RootCause:${ids.classId}`, incidentCount: 2, recentIncidentCount: 2, memeCount: 1, fixCount: 1 });
    const heap = list.body.items.find((r: { classId: string }) => r.classId === 'heap-leak');
    expect(heap.memeCount).toBeGreaterThanOrEqual(1);
    expect(heap.title.en).toEqual(expect.any(String));
    const paged = await get('/v1/root-causes?limit=10');
    expect(paged.body.items).toHaveLength(10);
    const next = await get(`/v1/root-causes?limit=10&cursor=${paged.body.nextCursor}`);
    expect(next.body.items[0].classId > paged.body.items[9].classId).toBe(true);

    const page = await get(`/v1/root-causes/${ids.classId}?limit=1`);
    expect(page.body).toMatchObject({ id: `RootCause:${ids.classId}`, classId: ids.classId, domain: 'go-runtime', memeCount: 1, fixCount: 1 });
    expect(page.body.memes.map((m: { id: string }) => m.id)).toEqual([`Meme:${ids.meme}`]);
    expect(page.body.incidents.total).toBe(2);
    expect(page.body.incidents.perDay).toHaveLength(90);
    const nonZero = page.body.incidents.perDay.filter((d: { count: number }) => d.count > 0);
    expect(nonZero).toEqual([
      { day: openedOlder.slice(0, 10), count: 1 },
      { day: openedRecent.slice(0, 10), count: 1 },
    ]);
    expect(page.body.incidents.latest).toHaveLength(1);
    expect(page.body.incidents.latest[0]).toMatchObject({ id: `Incident:${ids.recent}`, props: { service: ids.service, title: `Heap keeps growing on ${ids.service}` } });
    const second = await get(`/v1/root-causes/${ids.classId}?limit=1&cursor=${encodeURIComponent(page.body.incidents.nextCursor)}`);
    expect(second.body.incidents.latest.map((i: { id: string }) => i.id)).toEqual([`Incident:${ids.older}`]);
    expect(page.body.fixes).toEqual([expect.objectContaining({ id: `Fix:${ids.fix}`, commits: [expect.objectContaining({ id: `Commit:${ids.commit}`, title: 'fix: bound the cache' })] })]);
    expect(page.body).not.toHaveProperty('knowledge'); // not a built-in class
    const week = await get(`/v1/root-causes/${ids.classId}?days=7`);
    expect(week.body.incidents.perDay).toHaveLength(7);

    const builtin = await get('/v1/root-causes/heap-leak');
    expect(builtin.body.memes.map((m: { id: string }) => m.id)).toContain('Meme:heap-balloon');
    expect(builtin.body.knowledge).toMatchObject({ id: 'heap-leak', title: { en: expect.any(String), zh: expect.any(String) } });
    expect(builtin.body.knowledge.verification).toHaveLength(3);
    expect(builtin.body.knowledge).not.toHaveProperty('examples');

    expect((await get(`/v1/root-causes/nope-${sfx}`, 404)).body.error.code).toBe('NOT_FOUND');
    expect((await get(`/v1/root-causes/${ids.classId}?days=0`, 400)).body.error.message).toMatch(/^days: /);
    expect((await get(`/v1/root-causes/${ids.classId}?cursor=yesterday`, 400)).body.error.message).toMatch(/^cursor: /);
  });

  it('reports counts per label and relationship type', async () => {
    const res = await get('/v1/graph/stats');
    for (const l of ['RootCause', 'Service', 'Meme', 'Incident', 'Fix', 'Commit']) expect(res.body.nodes[l], l).toBeGreaterThan(0);
    for (const t of ['STANDS_FOR', 'CAUSED_BY', 'AFFECTED', 'FIXED_BY', 'COMMITTED_AS', 'ILLUSTRATES']) expect(res.body.relationships[t], t).toBeGreaterThan(0);
    expect(res.body.totals.nodes).toBeGreaterThan(0);
    expect(res.body.searchIndex).toMatchObject({ name: 'graph_search', state: 'ONLINE' });
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = await http().get('/docs/openapi.json').expect(200);
    for (const p of ['/v1/graph/search', '/v1/graph/stats', '/v1/graph/paths', '/v1/graph/nodes/{id}', '/v1/graph/nodes/{id}/neighbors', '/v1/root-causes', '/v1/root-causes/{classId}']) {
      expect(doc.body.paths, p).toHaveProperty([p]);
    }
  });
});
