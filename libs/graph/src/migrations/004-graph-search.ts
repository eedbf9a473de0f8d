import type { Migration } from './migration';

/** Name of the full-text index behind `GET /v1/graph/search` (see GraphBrowseRepository.search). */
export const GRAPH_SEARCH_INDEX = 'graph_search';

/** Labels the search index covers: what an engineer types a name, caption or title for. */
export const GRAPH_SEARCH_LABELS = ['Meme', 'Incident', 'RootCause', 'Service', 'Alert', 'Fix', 'Commit', 'Engineer'] as const;

/**
 * Indexed properties, whichever of the labels above carries them. Keys (id, name, classId,
 * hash), titles and captions, and Incident/Alert.service so "orders heap" finds the incidents of
 * orders whose title mentions heap. Large texts (OCR output, JSON blobs) stay out: they would
 * drown the short fields in noise.
 */
export const GRAPH_SEARCH_PROPERTIES = ['id', 'name', 'classId', 'title', 'titleEn', 'titleZh', 'captionEn', 'captionZh', 'caption', 'service', 'hash', 'message'] as const;

export const graphSearch004: Migration = {
  version: 4,
  description: 'full-text index for graph search; time indexes for the graph browser and root-cause pages',
  async up(db) {
    // standard-no-stop-words: Latin text is split on word boundaries and lower-cased, and every
    // CJK ideograph is its own token, so Chinese captions are found by phrase queries.
    // Not eventually consistent: a node is searchable as soon as its transaction commits.
    await db.schema(
      `CREATE FULLTEXT INDEX ${GRAPH_SEARCH_INDEX} IF NOT EXISTS
       FOR (n:${GRAPH_SEARCH_LABELS.join('|')})
       ON EACH [${GRAPH_SEARCH_PROPERTIES.map((p) => `n.${p}`).join(', ')}]
       OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'standard-no-stop-words', \`fulltext.eventually_consistent\`: false}}`,
    );
    await db.schema('CREATE INDEX incident_opened_at IF NOT EXISTS FOR (i:Incident) ON (i.openedAt)');
    await db.schema('CREATE INDEX incident_class_opened IF NOT EXISTS FOR (i:Incident) ON (i.classId, i.openedAt)');
    await db.schema('CREATE INDEX alert_starts_at IF NOT EXISTS FOR (a:Alert) ON (a.startsAt)');
    // A new index is populated in the background; wait so the first search after start-up sees every node.
    await db.schema(`CALL db.awaitIndex('${GRAPH_SEARCH_INDEX}', 300)`);
  },
};
