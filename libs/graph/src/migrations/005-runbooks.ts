import type { Migration } from './migration';

export const runbooks005: Migration = {
  version: 5,
  description: 'imported alert runbooks, one per alert rule name',
  async up(db) {
    await db.schema('CREATE CONSTRAINT runbook_alertName_unique IF NOT EXISTS FOR (r:Runbook) REQUIRE r.alertName IS UNIQUE');
  },
};
