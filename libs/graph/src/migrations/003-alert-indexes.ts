import type { Migration } from './migration';

export const alertIndexes003: Migration = {
  version: 3,
  description: 'indexes for alert listing and correlation',
  async up(db) {
    await db.schema('CREATE INDEX alert_received_at IF NOT EXISTS FOR (a:Alert) ON (a.receivedAt)');
    await db.schema('CREATE INDEX alert_status IF NOT EXISTS FOR (a:Alert) ON (a.status)');
    await db.schema('CREATE INDEX alert_service IF NOT EXISTS FOR (a:Alert) ON (a.service)');
    await db.schema('CREATE INDEX incident_service_opened IF NOT EXISTS FOR (i:Incident) ON (i.service, i.openedAt)');
  },
};
