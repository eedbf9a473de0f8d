import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFulltextQuery, escapeLucene, GraphBrowseRepository, migrate, Neo4jClient, parseNodeId } from '../src';
import { integration, testConfig } from '../../../test/support/services';

const DAY = 86_400_000;

describe('graph browse helpers', () => {
  it('parse composite ids against the label allowlist', () => {
    expect(parseNodeId('RootCause:heap-leak')).toEqual({ label: 'RootCause', key: 'heap-leak' });
    expect(parseNodeId('Commit:abc:def')).toEqual({ label: 'Commit', key: 'abc:def' });
    for (const bad of ['heap-leak', ':x', 'Migration:1', 'Nope:x', 'RootCause:', 'constructor:x', '__proto__:x', `Service:${'x'.repeat(600)}`]) {
      expect(parseNodeId(bad), bad).toBeUndefined();
    }
  });

  it('build Lucene queries that keep user input literal', () => {
    expect(escapeLucene('a+b-(c)*"d"\\e/f:g~h^i?j[k]{l}!m&&n||o')).toBe('a\\+b\\-\\(c\\)\\*\\"d\\"\\\\e\\/f\\:g\\~h\\^i\\?j\\[k\\]\\{l\\}\\!m\\&\\&n\\|\\|o');
    expect(buildFulltextQuery('Heap-le')).toBe('("heap\\-le" OR (heap AND le*))');
    expect(buildFulltextQuery('内存 orders')).toBe('("内存" OR (内 AND 存*)) AND ("orders" OR (orders*))');
    expect(buildFulltextQuery('AND OR NOT')).toBe('("and" OR (and*)) AND ("or" OR (or*)) AND ("not" OR (not*))');
    expect(buildFulltextQuery('  +-!  ()  ')).toBeUndefined();
  });
});

describe.skipIf(!integration)('GraphBrowseRepository (Neo4j)', () => {
  const c = testConfig();
  const db = new Neo4jClient({ uri: c.NEO4J_URI, user: c.NEO4J_USER, password: c.NEO4J_PASSWORD, database: c.NEO4J_DATABASE });
  const repo = new GraphBrowseRepository(db);
  const sfx = randomBytes(4).toString('hex');
  // The suffix again as CJK characters, so a Chinese search can only find this test's meme.
  const cjk = [...sfx].map((h) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[parseInt(h, 16)]).join('');
  const ids = {
    classId: `test-rc-${sfx}`,
    service: `svc-${sfx}`,
    meme: `meme-${sfx}`,
    recent: randomUUID(),
    older: randomUUID(),
    ancient: randomUUID(),
    fix: `fix-${sfx}`,
    commit: randomBytes(20).toString('hex'),
    alert: randomBytes(16).toString('hex'),
    engineer: `eng-${sfx}`,
  };
  const now = Date.now();
  const openedAt = { recent: new Date(now - 2 * DAY).toISOString(), older: new Date(now - 10 * DAY).toISOString(), ancient: new Date(now - 120 * DAY).toISOString() };

  beforeAll(async () => {
    await migrate(db);
    await db.write(
      `CREATE (rc:RootCause {classId: $classId, domain: 'go-runtime', createdAt: datetime()})
       CREATE (s:Service {name: $service})
       CREATE (m:Meme {id: $meme, builtin: false, status: 'published', classId: $classId, captionEn: $captionEn, captionZh: $captionZh,
                       blobKey: 'secret/blob', ocrJson: '{}', createdAt: datetime(), publishedAt: datetime()})
       CREATE (i1:Incident {id: $recent, service: $service, classId: $classId, status: 'resolved', title: $title1, openedAt: datetime($openedRecent), alertCount: 1})
       CREATE (i2:Incident {id: $older, service: $service, classId: $classId, status: 'resolved', title: $title2, openedAt: datetime($openedOlder), alertCount: 0})
       CREATE (i3:Incident {id: $ancient, service: $service, classId: $classId, status: 'resolved', title: $title2, openedAt: datetime($openedAncient), alertCount: 0})
       CREATE (f:Fix {id: $fix, title: $fixTitle, description: 'cap the cache', stepsJson: '[]', createdAt: datetime()})
       CREATE (c:Commit {hash: $commit, message: $commitMessage})
       CREATE (a:Alert {id: $alert, name: $alertName, status: 'resolved', service: $service, startsAt: datetime($openedRecent), labelsJson: '{}'})
       CREATE (e:Engineer {name: $engineer})
       CREATE (m)-[:STANDS_FOR]->(rc), (m)-[:ILLUSTRATES]->(i1), (e)-[:SUBMITTED]->(m)
       CREATE (i1)-[:CAUSED_BY]->(rc), (i2)-[:CAUSED_BY]->(rc), (i3)-[:CAUSED_BY]->(rc)
       CREATE (i1)-[:AFFECTED]->(s), (i2)-[:AFFECTED]->(s), (i3)-[:AFFECTED]->(s)
       CREATE (rc)-[:FIXED_BY]->(f), (i1)-[:RESOLVED_BY]->(f), (f)-[:COMMITTED_AS]->(c)
       CREATE (a)-[:FIRED_FOR]->(s), (a)-[:PART_OF]->(i1)`,
      {
        ...ids,
        captionEn: `The balloon ${sfx} keeps inflating`,
        captionZh: `内存气球${cjk}越吹越大`,
        title1: `orders heap ${sfx} grows without bound`,
        title2: `orders latency ${sfx} after deploy`,
        fixTitle: `Bound the session cache ${sfx}`,
        commitMessage: `fix: evict sessions ${sfx}\n\nlong body`,
        alertName: `HeapGrowth${sfx}`,
        openedRecent: openedAt.recent,
        openedOlder: openedAt.older,
        openedAncient: openedAt.ancient,
      },
    );
  });

  afterAll(async () => {
    await db.write(
      `MATCH (n) WHERE (n:RootCause AND n.classId = $classId) OR (n:Service AND n.name = $service) OR (n:Meme AND n.id = $meme)
         OR (n:Incident AND n.id IN [$recent, $older, $ancient]) OR (n:Fix AND n.id = $fix) OR (n:Commit AND n.hash = $commit)
         OR (n:Alert AND n.id = $alert) OR (n:Engineer AND n.name = $engineer)
       DETACH DELETE n`,
      ids,
    );
    await db.close();
  });

  it('searches English text, prefixes, Chinese captions, and puts exact keys first', async () => {
    const ids1 = async (q: string, labels?: ('Meme' | 'Incident' | 'Service' | 'Alert' | 'RootCause' | 'Fix' | 'Commit' | 'Engineer')[]) =>
      (await repo.search(q, { limit: 20, labels })).map((h) => h.id);
    expect(await ids1(`balloon ${sfx}`)).toContain(`Meme:${ids.meme}`);
    expect(await ids1(`BALLOON ${sfx.slice(0, 5)}`)).toContain(`Meme:${ids.meme}`);
    expect(await ids1(`气球${cjk}`)).toEqual([`Meme:${ids.meme}`]);
    expect(await ids1(cjk.slice(2, 6))).toEqual([`Meme:${ids.meme}`]);
    expect(await ids1(`orders heap ${sfx}`)).toEqual([`Incident:${ids.recent}`]);
    expect(await ids1(`heapgrowth${sfx}`)).toEqual([`Alert:${ids.alert}`]);
    expect(await ids1(`heapgrowth${sfx.slice(0, 3)}`)).toContain(`Alert:${ids.alert}`);
    expect(await ids1(`evict sessions ${sfx}`)).toEqual([`Commit:${ids.commit}`]);
    expect((await ids1(ids.service))[0]).toBe(`Service:${ids.service}`);
    expect((await ids1(ids.classId))[0]).toBe(`RootCause:${ids.classId}`);
    expect(await ids1(`Incident:${ids.recent}`)).toContain(`Incident:${ids.recent}`);
    expect(await ids1(ids.service, ['Incident'])).not.toContain(`Service:${ids.service}`);
    const [hit] = await repo.search(`balloon ${sfx}`, { limit: 1 });
    expect(hit).toMatchObject({ id: `Meme:${ids.meme}`, label: 'Meme', title: `The balloon ${sfx} keeps inflating` });
    expect(hit!.score).toBeGreaterThan(0);
  });

  it('never lets Lucene syntax through', async () => {
    for (const q of ['heap-leak AND (foo OR "bar"', '~*?:\\/[]{}^!+&&||', '"', 'title:x', 'a*b?c', `${sfx} OR *:*`, 'NOT', '\\']) {
      await expect(repo.search(q, { limit: 5 }), q).resolves.toBeInstanceOf(Array);
    }
    expect(await repo.search('*:*', { limit: 5 })).toEqual([]);
  });

  it('returns one node with a safe subset of its properties', async () => {
    const meme = await repo.node({ label: 'Meme', key: ids.meme });
    expect(meme).toMatchObject({ id: `Meme:${ids.meme}`, label: 'Meme', props: { id: ids.meme, status: 'published', captionZh: `内存气球${cjk}越吹越大` } });
    expect(meme!.props).not.toHaveProperty('blobKey');
    expect(meme!.props).not.toHaveProperty('ocrJson');
    expect(typeof meme!.props.createdAt).toBe('string');
    const commit = await repo.node({ label: 'Commit', key: ids.commit });
    expect(commit!.title).toBe(`fix: evict sessions ${sfx}`);
    expect(await repo.node({ label: 'Incident', key: 'no-such-incident' })).toBeUndefined();
  });

  it('walks neighbourhoods at depth 1 and 2 with the right edges', async () => {
    const one = await repo.neighbors({ label: 'RootCause', key: ids.classId }, { depth: 1, limit: 100 });
    expect(one!.truncated).toBe(false);
    expect(one!.nodes.map((n) => n.id).sort()).toEqual(
      [`RootCause:${ids.classId}`, `Meme:${ids.meme}`, `Incident:${ids.recent}`, `Incident:${ids.older}`, `Incident:${ids.ancient}`, `Fix:${ids.fix}`].sort(),
    );
    // Knowledge before events: the meme and the fix are listed before the incidents.
    expect(one!.nodes.findIndex((n) => n.label === 'Incident')).toBeGreaterThan(one!.nodes.findIndex((n) => n.label === 'Fix'));
    const e1 = one!.edges.map((e) => `${e.source} ${e.type} ${e.target}`);
    expect(e1).toContain(`Meme:${ids.meme} STANDS_FOR RootCause:${ids.classId}`);
    expect(e1).toContain(`RootCause:${ids.classId} FIXED_BY Fix:${ids.fix}`);
    expect(e1).toContain(`Incident:${ids.recent} CAUSED_BY RootCause:${ids.classId}`);
    // Edges between depth-1 nodes are included too.
    expect(e1).toContain(`Meme:${ids.meme} ILLUSTRATES Incident:${ids.recent}`);
    expect(e1).toContain(`Incident:${ids.recent} RESOLVED_BY Fix:${ids.fix}`);
    expect(one!.edges.every((e) => e.id === `${e.source}-${e.type}->${e.target}`)).toBe(true);

    const two = await repo.neighbors({ label: 'Service', key: ids.service }, { depth: 2, limit: 100 });
    const n2 = two!.nodes.map((n) => n.id);
    expect(n2).toEqual(expect.arrayContaining([`Service:${ids.service}`, `Incident:${ids.recent}`, `Alert:${ids.alert}`, `RootCause:${ids.classId}`, `Meme:${ids.meme}`, `Fix:${ids.fix}`]));
    expect(n2).not.toContain(`Commit:${ids.commit}`); // three hops away
    const e2 = two!.edges.map((e) => `${e.source} ${e.type} ${e.target}`);
    expect(e2).toEqual(expect.arrayContaining([`Alert:${ids.alert} PART_OF Incident:${ids.recent}`, `Meme:${ids.meme} STANDS_FOR RootCause:${ids.classId}`, `RootCause:${ids.classId} FIXED_BY Fix:${ids.fix}`]));
    const known = new Set(n2);
    expect(two!.edges.every((e) => known.has(e.source) && known.has(e.target))).toBe(true);
    expect(two!.truncated).toBe(false);
  });

  it('flags truncation when the node limit is hit', async () => {
    const cut = await repo.neighbors({ label: 'RootCause', key: ids.classId }, { depth: 1, limit: 3 });
    expect(cut!.nodes).toHaveLength(3);
    expect(cut!.truncated).toBe(true);
    expect(cut!.nodes[0]!.id).toBe(`RootCause:${ids.classId}`);
    const known = new Set(cut!.nodes.map((n) => n.id));
    expect(cut!.edges.every((e) => known.has(e.source) && known.has(e.target))).toBe(true);
    expect((await repo.neighbors({ label: 'RootCause', key: ids.classId }, { depth: 1, limit: 6 }))!.truncated).toBe(false);
  });

  it('reads a dense node type by type within the scan bound', async () => {
    const hub = `hub-${sfx}`;
    const many = 2_100; // more FIRED_FOR relationships than one expansion reads
    await db.write(
      `MATCH (i:Incident {id: $recent})
       CREATE (s:Service {name: $hub}) CREATE (i)-[:AFFECTED]->(s)
       WITH s UNWIND range(1, $many) AS k
       CREATE (:Alert {id: $hub + '-' + toString(k), name: 'Noise', service: $hub, startsAt: datetime(), testHub: $hub})-[:FIRED_FOR]->(s)`,
      { hub, recent: ids.recent, many },
    );
    try {
      const started = Date.now();
      const g = await repo.neighbors({ label: 'Service', key: hub }, { depth: 3, limit: 500 });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(g!.truncated).toBe(true);
      expect(g!.nodes).toHaveLength(500);
      // The incident is not crowded out by thousands of alerts, and comes before them.
      const ids2 = g!.nodes.map((n) => n.id);
      expect(ids2[1]).toBe(`Incident:${ids.recent}`);
      const known = new Set(ids2);
      expect(g!.edges.every((e) => known.has(e.source) && known.has(e.target))).toBe(true);
      const focused = await repo.neighbors({ label: 'Service', key: hub }, { depth: 1, limit: 10, rels: ['AFFECTED'] });
      expect(focused).toMatchObject({ truncated: false, nodes: [{ id: `Service:${hub}` }, { id: `Incident:${ids.recent}` }] });
    } finally {
      await db.write('MATCH (a:Alert {testHub: $hub}) DETACH DELETE a', { hub });
      await db.write('MATCH (s:Service {name: $hub}) DETACH DELETE s', { hub });
    }
  });

  it('filters by label, relationship type, service, class and time window', async () => {
    const rc = { label: 'RootCause', key: ids.classId } as const;
    const labels = await repo.neighbors(rc, { depth: 1, limit: 100, labels: ['Incident'] });
    expect(labels!.nodes.filter((n) => n.label !== 'Incident').map((n) => n.id)).toEqual([`RootCause:${ids.classId}`]);
    const rel = await repo.neighbors(rc, { depth: 1, limit: 100, rels: ['FIXED_BY'] });
    expect(rel!.nodes.map((n) => n.id)).toEqual([`RootCause:${ids.classId}`, `Fix:${ids.fix}`]);
    const since = await repo.neighbors(rc, { depth: 1, limit: 100, since: new Date(now - 5 * DAY).toISOString() });
    expect(since!.nodes.filter((n) => n.label === 'Incident').map((n) => n.id)).toEqual([`Incident:${ids.recent}`]);
    const until = await repo.neighbors(rc, { depth: 1, limit: 100, since: new Date(now - 30 * DAY).toISOString(), until: new Date(now - 5 * DAY).toISOString() });
    expect(until!.nodes.filter((n) => n.label === 'Incident').map((n) => n.id)).toEqual([`Incident:${ids.older}`]);
    const otherService = await repo.neighbors(rc, { depth: 1, limit: 100, service: 'some-other-service' });
    expect(otherService!.nodes.filter((n) => n.label === 'Incident')).toEqual([]);
    expect(otherService!.nodes.map((n) => n.id)).toContain(`Meme:${ids.meme}`);
    const otherClass = await repo.neighbors({ label: 'Service', key: ids.service }, { depth: 1, limit: 100, classId: 'heap-leak' });
    expect(otherClass!.nodes.map((n) => n.id)).toEqual([`Service:${ids.service}`]);
    expect(await repo.neighbors({ label: 'Service', key: `nope-${sfx}` }, { depth: 1, limit: 10 })).toBeUndefined();
  });

  it('finds shortest paths within the hop bound', async () => {
    const p = await repo.paths({ label: 'Meme', key: ids.meme }, { label: 'Service', key: ids.service }, { maxHops: 4, maxPaths: 5 });
    expect(p.hops).toBe(2);
    expect(p.paths).toEqual([[`Meme:${ids.meme}`, `Incident:${ids.recent}`, `Service:${ids.service}`]]);
    expect(p.edges.map((e) => e.type).sort()).toEqual(['AFFECTED', 'ILLUSTRATES']);
    expect(p.truncated).toBe(false);
    const commit = await repo.paths({ label: 'Commit', key: ids.commit }, { label: 'Alert', key: ids.alert }, { maxHops: 6, maxPaths: 5 });
    expect(commit.hops).toBe(3); // Commit → Fix → Incident → Alert
    expect(commit.paths.every((path) => path[0] === `Commit:${ids.commit}` && path.at(-1) === `Alert:${ids.alert}`)).toBe(true);
    const none = await repo.paths({ label: 'Commit', key: ids.commit }, { label: 'Alert', key: ids.alert }, { maxHops: 2, maxPaths: 5 });
    expect(none).toMatchObject({ nodes: [], edges: [], paths: [], hops: null, truncated: false });
    const cut = await repo.paths({ label: 'Incident', key: ids.recent }, { label: 'Incident', key: ids.older }, { maxHops: 3, maxPaths: 1 });
    expect(cut.hops).toBe(2);
    expect(cut.paths).toHaveLength(1);
    expect(cut.truncated).toBe(true); // via the service and via the root cause
    const self = await repo.paths({ label: 'Meme', key: ids.meme }, { label: 'Meme', key: ids.meme }, { maxHops: 3, maxPaths: 5 });
    expect(self).toMatchObject({ hops: 0, paths: [[`Meme:${ids.meme}`]] });
  });

  it('serves the root-cause page data with per-day counts', async () => {
    const page = await repo.rootCause(ids.classId, { days: 90, limit: 1 });
    expect(page).toBeDefined();
    expect(page!.memes.map((m) => m.id)).toEqual([`Meme:${ids.meme}`]);
    expect(page!.incidents.total).toBe(3);
    expect(page!.incidents.perDay).toHaveLength(90);
    const today = new Date().toISOString().slice(0, 10);
    expect(page!.incidents.perDay.at(-1)!.day).toBe(today);
    const counts = Object.fromEntries(page!.incidents.perDay.filter((d) => d.count > 0).map((d) => [d.day, d.count]));
    expect(counts).toEqual({ [openedAt.recent.slice(0, 10)]: 1, [openedAt.older.slice(0, 10)]: 1 });
    expect(page!.incidents.latest.map((i) => i.id)).toEqual([`Incident:${ids.recent}`]);
    expect(page!.incidents.latest[0]!.props).toMatchObject({ service: ids.service, title: `orders heap ${sfx} grows without bound` });
    expect(page!.incidents.nextCursor).toBeDefined();
    const next = await repo.rootCause(ids.classId, { days: 90, limit: 5, before: page!.incidents.nextCursor });
    expect(next!.incidents.latest.map((i) => i.id)).toEqual([`Incident:${ids.older}`, `Incident:${ids.ancient}`]);
    expect(next!.incidents.nextCursor).toBeUndefined();
    expect(page!.fixes).toHaveLength(1);
    expect(page!.fixes[0]).toMatchObject({ id: `Fix:${ids.fix}`, title: `Bound the session cache ${sfx}`, commits: [{ id: `Commit:${ids.commit}` }] });
    expect(page!.fixes[0]!.props).not.toHaveProperty('stepsJson');
    expect(await repo.rootCause(`nope-${sfx}`, { days: 90, limit: 5 })).toBeUndefined();

    const list = await repo.rootCauses({ limit: 500 });
    expect(list.find((r) => r.classId === ids.classId)).toMatchObject({ incidentCount: 3, recentIncidentCount: 2, memeCount: 1, fixCount: 1, lastIncidentAt: expect.any(String) });
    expect(list.find((r) => r.classId === 'heap-leak')).toBeDefined();
    const first = await repo.rootCauses({ limit: 2 });
    const after = await repo.rootCauses({ limit: 2, after: first[1]!.classId });
    expect(after[0]!.classId > first[1]!.classId).toBe(true);
  });

  it('counts nodes per label and relationships per type', async () => {
    const s = await repo.stats();
    for (const l of ['RootCause', 'Service', 'Meme', 'Incident', 'Fix', 'Commit', 'Alert', 'Engineer']) expect(s.nodes[l], l).toBeGreaterThan(0);
    for (const t of ['STANDS_FOR', 'CAUSED_BY', 'AFFECTED', 'FIXED_BY', 'COMMITTED_AS', 'PART_OF', 'FIRED_FOR', 'ILLUSTRATES']) expect(s.relationships[t], t).toBeGreaterThan(0);
    expect(s.totals.nodes).toBeGreaterThanOrEqual(Object.values(s.nodes).reduce((a, b) => Math.max(a, b), 0));
    expect(s.searchIndex).toMatchObject({ name: 'graph_search', state: 'ONLINE', populationPercent: 100 });
  });
});
