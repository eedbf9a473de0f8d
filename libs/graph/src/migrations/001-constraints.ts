import type { Migration } from './migration';

const unique: [label: string, property: string][] = [
  ['Migration', 'version'],
  ['Profile', 'id'],
  ['Finding', 'id'],
  ['Service', 'name'],
  ['RootCause', 'classId'],
  ['Meme', 'id'],
  ['Incident', 'id'],
  ['Alert', 'id'],
  ['Diagnosis', 'id'],
  ['Fix', 'id'],
  ['Commit', 'hash'],
  ['Engineer', 'name'],
];

export const constraints001: Migration = {
  version: 1,
  description: 'uniqueness constraints on node keys; index profiles by creation time',
  async up(db) {
    for (const [label, prop] of unique) {
      await db.schema(`CREATE CONSTRAINT ${label.toLowerCase()}_${prop}_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.${prop} IS UNIQUE`);
    }
    await db.schema('CREATE INDEX profile_created_at IF NOT EXISTS FOR (p:Profile) ON (p.createdAt)');
    await db.schema('CREATE INDEX profile_status IF NOT EXISTS FOR (p:Profile) ON (p.status)');
  },
};
