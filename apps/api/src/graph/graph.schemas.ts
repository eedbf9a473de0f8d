import { GRAPH_BOUNDS, GRAPH_LABELS, GRAPH_SEARCH_LABELS, type GraphLabel, type NodeRef, parseNodeId, REL_TYPE_PATTERN, type SearchLabel } from '@memegraph/graph';
import { z } from 'zod';

/*
 * Query validation (400 VALIDATION_FAILED naming the field) and response schemas (OpenAPI) of
 * the graph browse API. Bounds come from GRAPH_BOUNDS so the API and the repository agree.
 */

const MAX_LIST_ITEMS = 20;

/** `a,b,c` → unique items, each checked; the message names the offending item. */
function csv<T extends string>(check: (item: string) => boolean, expected: string) {
  return z
    .string()
    .max(1_000)
    .transform((s, ctx) => {
      const items = [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
      if (items.length > MAX_LIST_ITEMS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_LIST_ITEMS} values` });
      const bad = items.find((x) => !check(x));
      if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `"${bad.slice(0, 60)}" is not ${expected}` });
      return items as T[];
    });
}

const graphLabels = csv<GraphLabel>((x) => (GRAPH_LABELS as string[]).includes(x), `a label (one of ${GRAPH_LABELS.join(', ')})`);
const searchLabels = csv<SearchLabel>((x) => (GRAPH_SEARCH_LABELS as readonly string[]).includes(x), `a searchable label (one of ${GRAPH_SEARCH_LABELS.join(', ')})`);
const relTypes = csv<string>((x) => REL_TYPE_PATTERN.test(x), 'a relationship type name');

/** A composite node id `Label:key`, parsed against the label allowlist. */
export const NodeIdSchema = z
  .string()
  .min(1)
  .max(600)
  .transform((s, ctx): NodeRef => {
    const ref = parseNodeId(s);
    if (!ref) {
      ctx.addIssue({ code: 'custom', message: `expected Label:key with Label one of ${GRAPH_LABELS.join(', ')}` });
      return z.NEVER;
    }
    return ref;
  });

const iso = z.iso.datetime({ offset: true });
const int = (min: number, max: number, dflt: number) => z.coerce.number().int().min(min).max(max).default(dflt);

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: int(1, GRAPH_BOUNDS.MAX_SEARCH, 20),
  labels: searchLabels.optional(),
});

const timeWindow = <S extends z.ZodType<{ since?: string; until?: string }>>(s: S) =>
  s.refine((v) => !v.since || !v.until || Date.parse(v.since) <= Date.parse(v.until), { message: 'must not be before since', path: ['until'] });

export const NeighborsQuery = timeWindow(
  z.object({
    depth: int(1, GRAPH_BOUNDS.MAX_DEPTH, 1),
    limit: int(1, GRAPH_BOUNDS.MAX_NODES, GRAPH_BOUNDS.DEFAULT_NODES),
    labels: graphLabels.optional(),
    rel: relTypes.optional(),
    classId: z.string().min(1).max(100).optional(),
    service: z.string().min(1).max(200).optional(),
    since: iso.optional(),
    until: iso.optional(),
  }),
);

export const PathsQuery = z.object({
  from: NodeIdSchema,
  to: NodeIdSchema,
  maxHops: int(1, GRAPH_BOUNDS.MAX_HOPS, 4),
  limit: int(1, GRAPH_BOUNDS.MAX_PATHS, 5),
});

export const RootCausesQuery = z.object({
  limit: int(1, 500, 100),
  cursor: z.string().min(1).max(100).optional(),
});

export const RootCauseQuery = z.object({
  days: int(1, 365, 90),
  limit: int(1, 100, 20),
  cursor: iso.optional(),
});

// ---- responses (OpenAPI) ----

export const GraphNodeSchema = z.object({
  id: z.string().describe('Label:key, e.g. RootCause:heap-leak'),
  label: z.enum(GRAPH_LABELS as [GraphLabel, ...GraphLabel[]]),
  title: z.string(),
  subtitle: z.string().optional(),
  props: z.record(z.string(), z.unknown()).describe('allowlisted properties; temporals as ISO strings'),
});

export const GraphEdgeSchema = z.object({ id: z.string(), source: z.string(), target: z.string(), type: z.string() });

export const SubgraphSchema = z.object({
  nodes: z.array(GraphNodeSchema),
  edges: z.array(GraphEdgeSchema),
  truncated: z.boolean().describe('a bound was hit: more exists than was returned'),
});

export const PathResultSchema = SubgraphSchema.extend({ paths: z.array(z.array(z.string())), hops: z.number().int().nullable() });

export const SearchResultSchema = z.object({
  items: z.array(z.object({ id: z.string(), label: z.string(), title: z.string(), subtitle: z.string().optional(), score: z.number() })),
});

export const GraphStatsSchema = z.object({
  nodes: z.record(z.string(), z.number().int()),
  relationships: z.record(z.string(), z.number().int()),
  totals: z.object({ nodes: z.number().int(), relationships: z.number().int() }),
  searchIndex: z.object({ name: z.string(), state: z.string().nullable(), populationPercent: z.number().nullable() }),
});

export const RootCauseListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      classId: z.string(),
      domain: z.string().nullable(),
      title: z.object({ en: z.string(), zh: z.string() }).nullable(),
      incidentCount: z.number().int(),
      recentIncidentCount: z.number().int().describe('incidents opened in the last 90 days'),
      lastIncidentAt: z.string().nullable(),
      memeCount: z.number().int(),
      fixCount: z.number().int(),
    }),
  ),
  nextCursor: z.string().optional(),
});

export const RootCausePageSchema = z.object({
  id: z.string(),
  classId: z.string(),
  domain: z.string().nullable(),
  node: GraphNodeSchema,
  knowledge: z.record(z.string(), z.unknown()).optional().describe('the libs/knowledge entry (title, summary, signals, runbook, verification PromQL, rollback)'),
  memes: z.array(GraphNodeSchema),
  memeCount: z.number().int(),
  incidents: z.object({
    total: z.number().int(),
    days: z.number().int(),
    perDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
    latest: z.array(GraphNodeSchema),
    nextCursor: z.string().optional(),
  }),
  fixes: z.array(GraphNodeSchema.extend({ commits: z.array(GraphNodeSchema) })),
  fixCount: z.number().int(),
});
