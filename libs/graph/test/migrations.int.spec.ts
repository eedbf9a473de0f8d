import { RootCauseClassIds } from '@memegraph/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrations, Neo4jClient } from '../src';
import { integration, testConfig } from '../../../test/support/services';

describe.skipIf(!integration)('Neo4j migrations', () => {
  const c = testConfig();
  const db = new Neo4jClient({ uri: c.NEO4J_URI, user: c.NEO4J_USER, password: c.NEO4J_PASSWORD, database: c.NEO4J_DATABASE });
  afterAll(async () => {
    await db.write('MATCH (m:Migration {version: 9999}) DETACH DELETE m');
    await db.write("MATCH (n:MigrationProbe) DETACH DELETE n");
    await db.close();
  });

  it('are versioned and idempotent: a second run applies nothing and changes nothing', async () => {
    await migrate(db);
    const before = await db.read<{ n: number }>('MATCH (r:RootCause) RETURN count(r) AS n');
    expect(await migrate(db)).toEqual([]);
    const after = await db.read<{ n: number }>('MATCH (r:RootCause) RETURN count(r) AS n');
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(after[0]!.n).toBe(RootCauseClassIds.length);
    const versions = await db.read<{ v: number }>('MATCH (m:Migration) WHERE m.version < 9999 RETURN m.version AS v ORDER BY v');
    expect(versions.map((r) => r.v)).toEqual(migrations.map((m) => m.version));
  });

  it('create the uniqueness constraints the repositories rely on', async () => {
    const rows = await db.read<{ name: string }>('SHOW CONSTRAINTS YIELD name RETURN name');
    const names = rows.map((r) => r.name);
    for (const n of ['profile_id_unique', 'rootcause_classId_unique', 'meme_id_unique', 'incident_id_unique', 'migration_version_unique']) {
      expect(names).toContain(n);
    }
    await expect(db.write("CREATE (:RootCause {classId: 'heap-leak'})")).rejects.toThrow(/already exists/);
  });

  it('apply a new version exactly once', async () => {
    let runs = 0;
    const extra = { version: 9999, description: 'probe', up: async (d: Neo4jClient) => { runs++; await d.write('MERGE (:MigrationProbe {id: 1})'); } };
    expect(await migrate(db, [...migrations, extra])).toEqual([9999]);
    expect(await migrate(db, [...migrations, extra])).toEqual([]);
    expect(runs).toBe(1);
  });
});
