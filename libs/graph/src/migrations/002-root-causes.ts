import { RootCauseClassIds, rootCauseDomain } from '@memegraph/contracts';
import type { Migration } from './migration';

export const rootCauses002: Migration = {
  version: 2,
  description: 'one RootCause node per built-in class id',
  async up(db) {
    await db.write(
      `UNWIND $classes AS c
       MERGE (r:RootCause {classId: c.classId})
       ON CREATE SET r.domain = c.domain, r.createdAt = datetime()`,
      { classes: RootCauseClassIds.map((classId) => ({ classId, domain: rootCauseDomain(classId) })) },
    );
  },
};
