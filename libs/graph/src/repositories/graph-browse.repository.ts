import { AppError } from '@memegraph/contracts';
import neo4j, { isDate, isDateTime, isDuration, isInt, isLocalDateTime, isLocalTime, isTime, type RecordShape } from 'neo4j-driver';
import { GRAPH_SEARCH_INDEX, GRAPH_SEARCH_LABELS } from '../migrations/004-graph-search';
import type { Neo4jClient } from '../neo4j-client';

/*
 * Read-only browsing of the knowledge graph: search, one node, bounded neighbourhoods, shortest
 * paths, root-cause pages and counts. Node ids are readable composites `Label:key`; the label is
 * looked up in GRAPH_LABEL_SPECS and only the spec's own constants are ever written into Cypher
 * text. Everything a caller supplies travels as a parameter.
 */

type Props = Record<string, unknown>;

interface LabelSpec {
  /** The unique key property (see migration 001). */
  key: string;
  /** Properties shown to API callers. Anything else (blob keys, JSON blobs, OCR text) stays in the graph. */
  props: readonly string[];
  title(p: Props): string;
  subtitle?(p: Props): string | undefined;
}

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
const dot = (...parts: unknown[]): string | undefined => {
  const s = parts.map(text).filter((x): x is string => x !== undefined);
  return s.length ? s.join(' · ') : undefined;
};
const firstLine = (v: unknown, max = 80): string | undefined => {
  const s = text(v)?.split('\n')[0]?.trim();
  return s ? (s.length > max ? `${s.slice(0, max - 1)}…` : s) : undefined;
};

/**
 * Every label the browse API knows, in display priority: when a node has more than one of them
 * the first wins, and neighbourhoods list knowledge (root causes, memes, fixes) before events
 * (incidents, alerts, profiles). Migration and labels not listed here are never returned.
 */
export const GRAPH_LABEL_SPECS = {
  RootCause: {
    key: 'classId',
    props: ['classId', 'domain', 'titleEn', 'titleZh', 'createdAt'],
    title: (p) => text(p.titleEn) ?? String(p.classId),
    subtitle: (p) => dot(p.titleEn ? p.classId : undefined, p.domain),
  },
  Service: { key: 'name', props: ['name', 'createdAt'], title: (p) => String(p.name) },
  Meme: {
    key: 'id',
    props: ['id', 'classId', 'builtin', 'status', 'symbol', 'color', 'captionEn', 'captionZh', 'caption', 'explanationEn', 'explanationZh', 'origin', 'tags', 'service', 'submittedBy', 'incidentId', 'createdAt', 'publishedAt'],
    title: (p) => dot(p.symbol, text(p.captionEn) ?? text(p.caption) ?? text(p.captionZh)) ?? String(p.id),
    subtitle: (p) => dot(p.captionEn ? p.captionZh : undefined, p.classId, p.builtin === false ? p.status : undefined),
  },
  Fix: {
    key: 'id',
    props: ['id', 'title', 'description', 'createdAt'],
    title: (p) => text(p.title) ?? String(p.id),
    subtitle: (p) => firstLine(p.description),
  },
  Commit: {
    key: 'hash',
    props: ['hash', 'message', 'repo', 'url', 'author', 'committedAt', 'createdAt'],
    title: (p) => firstLine(p.message) ?? String(p.hash).slice(0, 12),
    subtitle: (p) => dot(String(p.hash).slice(0, 12), p.repo),
  },
  Incident: {
    key: 'id',
    props: ['id', 'title', 'service', 'classId', 'status', 'source', 'summary', 'openedAt', 'lastAlertAt', 'resolvedAt', 'alertCount'],
    title: (p) => text(p.title) ?? String(p.id),
    subtitle: (p) => dot(p.service, p.classId, p.openedAt),
  },
  Engineer: { key: 'name', props: ['name'], title: (p) => String(p.name) },
  Diagnosis: {
    key: 'id',
    props: ['id', 'unknown', 'topClassId', 'topConfidence', 'modelVersion', 'createdAt'],
    title: (p) => `diagnosis: ${text(p.topClassId) ?? 'unknown'}`,
    subtitle: (p) => dot(typeof p.topConfidence === 'number' ? `${Math.round(p.topConfidence * 100)}%` : undefined, p.createdAt),
  },
  Finding: {
    key: 'id',
    props: ['id', 'classId', 'memeId', 'severity', 'confidence', 'title'],
    title: (p) => text(p.title) ?? text(p.classId) ?? String(p.id),
    subtitle: (p) => dot(p.classId, p.severity),
  },
  Alert: {
    key: 'id',
    props: ['id', 'name', 'status', 'service', 'source', 'fingerprint', 'enrichment', 'startsAt', 'endsAt', 'receivedAt', 'deliveries', 'incidentId', 'topClassId', 'topConfidence', 'generatorURL'],
    title: (p) => text(p.name) ?? String(p.id),
    subtitle: (p) => dot(p.service, p.status, p.startsAt),
  },
  Profile: {
    key: 'id',
    props: ['id', 'filename', 'size', 'status', 'kind', 'sampleCount', 'durationNanos', 'createdAt', 'updatedAt', 'errorCode'],
    title: (p) => text(p.filename) ?? String(p.id),
    subtitle: (p) => dot(p.kind, p.status, p.createdAt),
  },
  Capture: {
    key: 'id',
    props: ['id', 'target', 'kinds', 'seconds', 'status', 'createdAt', 'updatedAt', 'errorCode'],
    title: (p) => `capture ${text(p.target) ?? String(p.id)}`,
    subtitle: (p) => dot(p.status, p.createdAt),
  },
} as const satisfies Record<string, LabelSpec>;

export type GraphLabel = keyof typeof GRAPH_LABEL_SPECS;
export const GRAPH_LABELS = Object.keys(GRAPH_LABEL_SPECS) as GraphLabel[];
export type SearchLabel = (typeof GRAPH_SEARCH_LABELS)[number];
export { GRAPH_SEARCH_LABELS };

const SPECS: Record<GraphLabel, LabelSpec> = GRAPH_LABEL_SPECS;
const PROP_KEYS = [...new Set(GRAPH_LABELS.flatMap((l) => [SPECS[l].key, ...SPECS[l].props]))];

export const isGraphLabel = (s: string): s is GraphLabel => Object.hasOwn(GRAPH_LABEL_SPECS, s);

/** A node address: label from the allowlist and the value of its key property. */
export interface NodeRef {
  label: GraphLabel;
  key: string;
}

export const MAX_KEY_LENGTH = 512;

/** `Incident:7d0c…` → {label, key}; the key may itself contain colons. Undefined when malformed or the label is unknown. */
export function parseNodeId(id: string): NodeRef | undefined {
  const i = id.indexOf(':');
  if (i <= 0) return undefined;
  const label = id.slice(0, i);
  const key = id.slice(i + 1);
  if (!isGraphLabel(label) || key.length === 0 || key.length > MAX_KEY_LENGTH) return undefined;
  return { label, key };
}

export const formatNodeId = (ref: NodeRef): string => `${ref.label}:${ref.key}`;

export interface GraphNode {
  id: string;
  label: GraphLabel;
  title: string;
  subtitle?: string;
  props: Props;
}

export interface GraphEdge {
  /** `source-TYPE->target`: readable and stable (relationships are MERGEd, so one per type and pair). */
  id: string;
  source: string;
  target: string;
  type: string;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when a bound was hit: more nodes or relationships exist than were returned. */
  truncated: boolean;
}

export interface SearchHit {
  id: string;
  label: GraphLabel;
  title: string;
  subtitle?: string;
  score: number;
}

export interface NeighborOptions {
  /** 1..MAX_DEPTH hops from the start node. */
  depth: number;
  /** Maximum number of nodes returned, the start node included (≤ MAX_NODES). */
  limit: number;
  /** Only nodes with one of these labels are returned and expanded. */
  labels?: GraphLabel[];
  /** Only relationships of these types are followed. */
  rels?: string[];
  /** Keep nodes of this root-cause class (RootCause, Meme, Incident, Finding by classId; Alert, Diagnosis by topClassId). */
  classId?: string;
  /** Keep Service nodes of this name and Incident/Alert nodes of this service. */
  service?: string;
  /** Time window (ISO 8601) on Incident.openedAt and Alert.startsAt; other labels are not filtered by time. */
  since?: string;
  until?: string;
}

export interface PathResult extends Subgraph {
  /** Each path as its node ids, from → to. */
  paths: string[][];
  /** Length of the shortest path in relationships; null when there is none within maxHops. */
  hops: number | null;
}

export interface RootCauseSummary {
  classId: string;
  domain: string | null;
  title: string | null;
  incidentCount: number;
  recentIncidentCount: number;
  lastIncidentAt: string | null;
  memeCount: number;
  fixCount: number;
}

export interface RootCausePage {
  node: GraphNode;
  classId: string;
  domain: string | null;
  memes: GraphNode[];
  memeCount: number;
  incidents: {
    total: number;
    days: number;
    /** One entry per UTC day, oldest first, zeros included. */
    perDay: { day: string; count: number }[];
    /** Newest first. */
    latest: GraphNode[];
    /** openedAt of the last item; pass as `before` for the next page. */
    nextCursor?: string;
  };
  fixes: (GraphNode & { commits: GraphNode[] })[];
  fixCount: number;
}

export interface GraphStats {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  totals: { nodes: number; relationships: number };
  searchIndex: { name: string; state: string | null; populationPercent: number | null };
}

/** Bounds: the API validates against them too, and docs/graph.md explains them. */
export const GRAPH_BOUNDS = {
  MAX_DEPTH: 3,
  MAX_NODES: 500,
  DEFAULT_NODES: 100,
  /** Relationships examined per node and relationship type before filtering and ordering. */
  SCAN_PER_TYPE: 2_000,
  /** Rows one expansion level may return. */
  MAX_LEVEL_ROWS: 20_000,
  MAX_HOPS: 6,
  MAX_PATHS: 20,
  MAX_SEARCH: 50,
  MAX_QUERY_CHUNKS: 8,
  /** Above this many relationship types, expansion scans all types at once instead of type by type. */
  MAX_TYPED_BRANCHES: 40,
  MEMES_PER_PAGE: 100,
  FIXES_PER_PAGE: 50,
  COMMITS_PER_FIX: 20,
  MAX_STRING: 2_000,
  MAX_LIST: 50,
} as const;

/** Relationship type names we are willing to put in Cypher text (backticked). */
export const REL_TYPE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const NAME_PATTERN = /^[\p{L}_][\p{L}\p{N}_]{0,99}$/u;

// ---------------------------------------------------------------------------------------------
// Full-text query building
// ---------------------------------------------------------------------------------------------

/** Escapes every character the Lucene classic query parser gives a meaning to. */
export function escapeLucene(s: string): string {
  return s.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');
}

// One CJK ideograph at a time (as the standard analyzer splits them), or a run of other letters/digits.
const SUBTOKEN = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}_])+/gu;

/**
 * Turns what a user typed into a Lucene query that cannot fail to parse. Each whitespace-separated
 * chunk must match (AND); a chunk matches as an exact phrase — which makes a run of Chinese
 * characters a substring search, since every ideograph is its own token — or as its words with
 * the last one as a prefix (`heap-le` → heap AND le*), so results appear while typing. Returns
 * undefined when nothing searchable is left (only punctuation).
 */
export function buildFulltextQuery(input: string): string | undefined {
  const chunks = input.normalize('NFKC').toLowerCase().split(/\s+/u).filter(Boolean);
  const clauses: string[] = [];
  for (const chunk of chunks) {
    const words = chunk.match(SUBTOKEN);
    if (!words) continue;
    const prefix = words.map((w, i) => (i === words.length - 1 ? `${escapeLucene(w)}*` : escapeLucene(w))).join(' AND ');
    clauses.push(`("${escapeLucene(chunk)}" OR (${prefix}))`);
    if (clauses.length === GRAPH_BOUNDS.MAX_QUERY_CHUNKS) break;
  }
  return clauses.length ? clauses.join(' AND ') : undefined;
}

// ---------------------------------------------------------------------------------------------
// Rows → API values
// ---------------------------------------------------------------------------------------------

interface RawNode {
  eid: string;
  labels: string[];
  kv: [string, unknown][];
}

interface RawRel {
  type: string;
  s: string;
  t: string;
}

/** Cypher map for a node: its element id, labels and the allowlisted properties it has. */
const project = (v: string) => `{eid: elementId(${v}), labels: labels(${v}), kv: [k IN $propKeys WHERE ${v}[k] IS NOT NULL | [k, ${v}[k]]]}`;
const projectRel = (v: string) => `{type: type(${v}), s: elementId(startNode(${v})), t: elementId(endNode(${v}))}`;

/** Neo4j values to JSON: temporals as ISO strings, long strings and lists cut, spatial/binary dropped. */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.length > GRAPH_BOUNDS.MAX_STRING ? `${v.slice(0, GRAPH_BOUNDS.MAX_STRING)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.slice(0, GRAPH_BOUNDS.MAX_LIST).map(plain).filter((x) => x !== undefined);
  if (isDateTime(v) || isDate(v) || isLocalDateTime(v) || isTime(v) || isLocalTime(v) || isDuration(v)) return v.toString();
  if (isInt(v)) return v.toNumber();
  return undefined;
}

function toGraphNode(raw: RawNode | null | undefined): (GraphNode & { eid: string }) | undefined {
  if (!raw) return undefined;
  const label = GRAPH_LABELS.find((l) => raw.labels.includes(l));
  if (!label) return undefined;
  const spec = SPECS[label];
  const all = new Map(raw.kv);
  const key = all.get(spec.key);
  if (key === undefined || key === null || (typeof key !== 'string' && typeof key !== 'number')) return undefined;
  const props: Props = {};
  for (const p of spec.props) {
    const v = plain(all.get(p));
    if (v !== undefined) props[p] = v;
  }
  props[spec.key] ??= String(key);
  const subtitle = spec.subtitle?.(props);
  return { eid: raw.eid, id: `${label}:${String(key)}`, label, title: spec.title(props), ...(subtitle ? { subtitle } : {}), props };
}

const stripEid = ({ eid: _eid, ...node }: GraphNode & { eid: string }): GraphNode => node;

/** Collects nodes and edges by element id while a subgraph is being assembled. */
class SubgraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  addNode(n: GraphNode & { eid: string }): void {
    if (!this.nodes.has(n.eid)) this.nodes.set(n.eid, stripEid(n));
  }

  /** Adds the edge when both ends are in the subgraph; returns whether it did. */
  addEdge(r: RawRel): boolean {
    const source = this.nodes.get(r.s);
    const target = this.nodes.get(r.t);
    if (!source || !target) return false;
    const id = `${source.id}-${r.type}->${target.id}`;
    if (!this.edges.has(id)) this.edges.set(id, { id, source: source.id, target: target.id, type: r.type });
    return true;
  }

  build(truncated: boolean): Subgraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()], truncated };
  }
}

// ---------------------------------------------------------------------------------------------
// Cypher fragments built from constants only
// ---------------------------------------------------------------------------------------------

const tick = (name: string) => `\`${name}\``;
const matchRef = (v: string, ref: NodeRef, param: string) => `(${v}:${tick(ref.label)} {${tick(SPECS[ref.label].key)}: $${param}})`;

/** Display priority of a neighbour (position in GRAPH_LABELS). */
const PRIORITY = `CASE ${GRAPH_LABELS.map((l, i) => `WHEN m:${tick(l)} THEN ${i}`).join(' ')} ELSE ${GRAPH_LABELS.length} END`;
const RECENCY = 'coalesce(m.openedAt, m.startsAt, m.publishedAt, m.createdAt)';

/**
 * Filters on a neighbour m; each constrains only the labels that carry the property. An unset
 * filter is '' rather than null so every call has the same parameter types and reuses one plan.
 */
const NEIGHBOR_FILTERS = `
  CASE WHEN $classId = '' THEN true
     WHEN m:RootCause OR m:Incident OR m:Meme OR m:Finding THEN m.classId = $classId
     WHEN m:Alert OR m:Diagnosis THEN m.topClassId = $classId
     ELSE true END
  AND CASE WHEN $service = '' THEN true
     WHEN m:Service THEN m.name = $service
     WHEN m:Incident OR m:Alert THEN m.service = $service
     ELSE true END
  AND CASE WHEN $since = '' THEN true
     WHEN m:Incident THEN m.openedAt >= datetime($since)
     WHEN m:Alert THEN m.startsAt >= datetime($since)
     ELSE true END
  AND CASE WHEN $until = '' THEN true
     WHEN m:Incident THEN m.openedAt <= datetime($until)
     WHEN m:Alert THEN m.startsAt <= datetime($until)
     ELSE true END`;

/**
 * One expansion level. Per frontier node and relationship type at most SCAN_PER_TYPE
 * relationships are read (typed expansion is cheap on dense nodes, and a hub's thousands of
 * alerts cannot crowd out its incidents); then filters, display priority and recency pick at
 * most $fanout neighbours. `capped` says a node had more relationships of a type than were read.
 */
function expansionCypher(types: string[] | null): string {
  const pattern = (t: string | null) => (t ? `-[r:${tick(t)}]-` : '-[r]-');
  const branches = (types ?? [null]).map((t) => `MATCH (n)${pattern(t)}(m) WITH r, m LIMIT $scan RETURN r, m`).join('\n      UNION ALL\n      ');
  const degrees = types ? types.map((t) => `COUNT { (n)-[:${tick(t)}]-() }`).join(', ') : 'COUNT { (n)--() }';
  return `
    UNWIND $frontier AS fid
    MATCH (n) WHERE elementId(n) = fid
    WITH n, any(d IN [${degrees}] WHERE d > $scan) AS capped
    OPTIONAL CALL (n) {
      CALL (n) {
      ${branches}
      }
      WITH r, m
      WHERE any(l IN labels(m) WHERE l IN $labels)
        AND (NOT $restrict OR elementId(m) IN $among)
        AND ${NEIGHBOR_FILTERS}
      WITH r, m ORDER BY ${PRIORITY}, ${RECENCY} DESC
      LIMIT $fanout
      RETURN r, m
    }
    WITH n, capped, r, m LIMIT $levelRows
    RETURN elementId(n) AS from, capped,
           CASE WHEN r IS NULL THEN null ELSE ${projectRel('r')} END AS rel,
           CASE WHEN m IS NULL THEN null ELSE ${project('m')} END AS m`;
}

interface ExpansionRow {
  from: string;
  capped: boolean;
  rel: RawRel | null;
  m: RawNode | null;
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** Read-only queries behind /v1/graph/* and /v1/root-causes. */
export class GraphBrowseRepository {
  constructor(private readonly db: Neo4jClient) {}

  private read<T extends RecordShape>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.db.read<T>(cypher, { propKeys: PROP_KEYS, ...params });
  }

  /** Finds the node behind a ref, with its element id for further queries. */
  private async find(ref: NodeRef): Promise<(GraphNode & { eid: string }) | undefined> {
    const rows = await this.read<{ n: RawNode }>(`MATCH ${matchRef('n', ref, 'key')} RETURN ${project('n')} AS n LIMIT 1`, { key: ref.key });
    return toGraphNode(rows[0]?.n);
  }

  async node(ref: NodeRef): Promise<GraphNode | undefined> {
    const n = await this.find(ref);
    return n ? stripEid(n) : undefined;
  }

  async exists(ref: NodeRef): Promise<boolean> {
    const rows = await this.read<{ n: number }>(`MATCH ${matchRef('n', ref, 'key')} RETURN count(n) AS n`, { key: ref.key });
    return (rows[0]?.n ?? 0) > 0;
  }

  /**
   * Text search over GRAPH_SEARCH_LABELS. A node whose key equals the query (or whose composite
   * id is the query) comes first; then full-text hits by score.
   */
  async search(q: string, opts: { limit: number; labels?: SearchLabel[] }): Promise<SearchHit[]> {
    const labels: SearchLabel[] = opts.labels?.length ? opts.labels : [...GRAPH_SEARCH_LABELS];
    const exact = await this.exactMatches(q.trim(), labels);
    const query = buildFulltextQuery(q);
    let hits: (GraphNode & { eid: string; score: number })[] = [];
    if (query) {
      const narrowed = labels.length < GRAPH_SEARCH_LABELS.length;
      let rows: { n: RawNode; score: number }[];
      try {
        rows = await this.read<{ n: RawNode; score: number }>(
          `CALL db.index.fulltext.queryNodes($index, $query, {limit: $fetch}) YIELD node, score
           WHERE any(l IN labels(node) WHERE l IN $labels)
           WITH node, score LIMIT $limit
           RETURN ${project('node')} AS n, score`,
          {
            index: GRAPH_SEARCH_INDEX,
            query,
            labels,
            // With a label filter, read further down the ranking so the filter still fills a page.
            fetch: neo4j.int(narrowed ? Math.min(1_000, opts.limit * 20) : opts.limit + exact.length),
            limit: neo4j.int(opts.limit + exact.length),
          },
        );
      } catch (err) {
        // The query is built to always parse; should Lucene still refuse it, that is the input's fault.
        if (/parse|lucene|query/i.test(String((err as Error).message)) && String((err as { code?: string }).code ?? '').startsWith('Neo.ClientError')) {
          throw new AppError('VALIDATION_FAILED', 'q: not a searchable text', { field: 'q' });
        }
        throw err;
      }
      hits = rows.flatMap((r) => {
        const n = toGraphNode(r.n);
        return n ? [{ ...n, score: r.score }] : [];
      });
    }
    const top = hits[0]?.score ?? 1;
    const seen = new Set<string>();
    const out: SearchHit[] = [];
    for (const h of [...exact.map((n) => ({ ...n, score: top + 1 })), ...hits]) {
      if (seen.has(h.id) || out.length >= opts.limit) continue;
      seen.add(h.id);
      out.push({ id: h.id, label: h.label, title: h.title, ...(h.subtitle ? { subtitle: h.subtitle } : {}), score: Math.round(h.score * 10_000) / 10_000 });
    }
    return out;
  }

  /** Nodes whose key is exactly q (or whose id is q), among the searchable labels. */
  private async exactMatches(q: string, labels: SearchLabel[]): Promise<(GraphNode & { eid: string })[]> {
    if (!q || q.length > MAX_KEY_LENGTH) return [];
    const asId = parseNodeId(q);
    const refs: NodeRef[] = asId
      ? (labels as string[]).includes(asId.label)
        ? [asId]
        : []
      : labels.map((label) => ({ label, key: q }));
    if (!refs.length) return [];
    const cypher = `CALL () {
      ${refs.map((r, i) => `MATCH ${matchRef('n', r, `k${i}`)} RETURN n`).join('\n      UNION\n      ')}
    }
    RETURN ${project('n')} AS n LIMIT 10`;
    const rows = await this.read<{ n: RawNode }>(cypher, Object.fromEntries(refs.map((r, i) => [`k${i}`, r.key])));
    return rows.flatMap((r) => toGraphNode(r.n) ?? []);
  }

  /** Relationship types to expand: the caller's (valid names only) or every type in the database. */
  private async relationshipTypes(requested?: string[]): Promise<string[]> {
    if (requested?.length) return [...new Set(requested)].filter((t) => REL_TYPE_PATTERN.test(t));
    const rows = await this.db.read<{ types: string[] }>('CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS types');
    return (rows[0]?.types ?? []).filter((t) => REL_TYPE_PATTERN.test(t)).sort();
  }

  /**
   * The neighbourhood of a node, breadth first up to `depth` hops and `limit` nodes. Edges are
   * every relationship between returned nodes that the expansion saw, including those between
   * nodes of the last level. Undefined when the start node does not exist.
   */
  async neighbors(ref: NodeRef, opts: NeighborOptions): Promise<Subgraph | undefined> {
    const start = await this.find(ref);
    if (!start) return undefined;
    const depth = Math.min(Math.max(1, Math.trunc(opts.depth)), GRAPH_BOUNDS.MAX_DEPTH);
    const limit = Math.min(Math.max(1, Math.trunc(opts.limit)), GRAPH_BOUNDS.MAX_NODES);
    const types = await this.relationshipTypes(opts.rels);
    const g = new SubgraphBuilder();
    g.addNode(start);
    if (!types.length) return g.build(false);
    const cypher = expansionCypher(types.length > GRAPH_BOUNDS.MAX_TYPED_BRANCHES ? null : types);
    const base = {
      labels: opts.labels?.length ? opts.labels : GRAPH_LABELS,
      classId: opts.classId ?? '',
      service: opts.service ?? '',
      since: opts.since ?? '',
      until: opts.until ?? '',
      scan: neo4j.int(GRAPH_BOUNDS.SCAN_PER_TYPE),
      // One more than can be kept: a node that yields this many has more than the page holds.
      fanout: neo4j.int(limit + 1),
      levelRows: neo4j.int(GRAPH_BOUNDS.MAX_LEVEL_ROWS),
    };
    let truncated = false;
    let frontier = [start.eid];
    const expand = async (among: string[] | null) => {
      const rows = await this.read<ExpansionRow>(cypher, { ...base, frontier, restrict: among !== null, among: among ?? [] });
      if (rows.length >= GRAPH_BOUNDS.MAX_LEVEL_ROWS) truncated = true;
      const perNode = new Map<string, number>();
      const capped = new Set<string>();
      for (const r of rows) {
        if (r.capped) capped.add(r.from);
        if (r.rel) perNode.set(r.from, (perNode.get(r.from) ?? 0) + 1);
      }
      if ([...perNode.values()].some((n) => n >= limit + 1)) truncated = true;
      // Walking outwards, a capped node may have unread neighbours. Among known nodes an edge is
      // seen from either end, so only two capped ends can hide one.
      if (among ? capped.size >= 2 : capped.size > 0) truncated = true;
      return rows;
    };
    for (let level = 1; level <= depth && frontier.length; level++) {
      const rows = await expand(null);
      const next: string[] = [];
      for (const r of rows) {
        if (!r.rel || !r.m) continue;
        if (!g.nodes.has(r.m.eid)) {
          const n = toGraphNode(r.m);
          if (!n) continue;
          if (g.nodes.size >= limit) {
            truncated = true;
            continue;
          }
          g.addNode(n);
          next.push(n.eid);
        }
        g.addEdge(r.rel);
      }
      frontier = next;
    }
    // Relationships among the last level's nodes (and back to earlier ones) were not walked yet.
    if (frontier.length) {
      for (const r of await expand([...g.nodes.keys()])) if (r.rel) g.addEdge(r.rel);
    }
    return g.build(truncated);
  }

  /**
   * Shortest paths (all of the minimal length, up to maxPaths) between two nodes within
   * maxHops relationships, in either direction. Callers check that both nodes exist.
   */
  async paths(from: NodeRef, to: NodeRef, opts: { maxHops: number; maxPaths: number }): Promise<PathResult> {
    const maxHops = Math.trunc(opts.maxHops);
    if (!(maxHops >= 1 && maxHops <= GRAPH_BOUNDS.MAX_HOPS)) throw new RangeError(`maxHops must be 1..${GRAPH_BOUNDS.MAX_HOPS}`);
    const maxPaths = Math.min(Math.max(1, Math.trunc(opts.maxPaths)), GRAPH_BOUNDS.MAX_PATHS);
    if (from.label === to.label && from.key === to.key) {
      const n = await this.find(from);
      return { nodes: n ? [stripEid(n)] : [], edges: [], truncated: false, paths: n ? [[n.id]] : [], hops: n ? 0 : null };
    }
    // The hop bound is a validated integer: variable-length bounds cannot be parameters.
    const rows = await this.read<{ nodes: RawNode[]; rels: RawRel[] }>(
      `MATCH ${matchRef('a', from, 'fromKey')}, ${matchRef('b', to, 'toKey')}
       MATCH p = allShortestPaths((a)-[*..${maxHops}]-(b))
       WITH p LIMIT $fetch
       RETURN [x IN nodes(p) | ${project('x')}] AS nodes, [r IN relationships(p) | ${projectRel('r')}] AS rels`,
      { fromKey: from.key, toKey: to.key, fetch: neo4j.int(maxPaths + 1) },
    );
    const g = new SubgraphBuilder();
    const paths: string[][] = [];
    for (const row of rows.slice(0, maxPaths)) {
      const nodes = row.nodes.map(toGraphNode);
      // A path through a node the API does not expose (unknown label) is left out.
      if (nodes.some((n) => !n)) continue;
      for (const n of nodes) g.addNode(n!);
      for (const r of row.rels) g.addEdge(r);
      paths.push(nodes.map((n) => n!.id));
    }
    return { ...g.build(rows.length > maxPaths), paths, hops: rows[0] ? rows[0].rels.length : null };
  }

  /** Root-cause classes by classId, with counts; keyset pages after `after`. */
  async rootCauses(opts: { limit: number; after?: string; recentDays?: number }): Promise<RootCauseSummary[]> {
    const recentSince = new Date(Date.now() - (opts.recentDays ?? 90) * 86_400_000).toISOString();
    return this.read<RootCauseSummary>(
      `MATCH (r:RootCause) WHERE $after IS NULL OR r.classId > $after
       WITH r ORDER BY r.classId LIMIT $limit
       CALL (r) {
         OPTIONAL MATCH (r)<-[:CAUSED_BY]-(i:Incident)
         RETURN count(i) AS incidentCount, max(i.openedAt) AS lastIncidentAt,
                count(CASE WHEN i.openedAt >= datetime($recentSince) THEN 1 END) AS recentIncidentCount
       }
       RETURN r.classId AS classId, r.domain AS domain, r.titleEn AS title, incidentCount, recentIncidentCount,
              toString(lastIncidentAt) AS lastIncidentAt,
              COUNT { (:Meme)-[:STANDS_FOR]->(r) } AS memeCount, COUNT { (r)-[:FIXED_BY]->(:Fix) } AS fixCount
       ORDER BY classId`,
      { after: opts.after ?? null, limit: neo4j.int(opts.limit), recentSince },
    );
  }

  /**
   * The data of a root-cause page: the class, its memes (built-in first, then published), its
   * incidents per UTC day over the last `days` days and newest first (paged by openedAt), and its
   * fixes with their commits. Undefined for an unknown class.
   */
  async rootCause(classId: string, opts: { days: number; limit: number; before?: string; now?: Date }): Promise<RootCausePage | undefined> {
    const params = { classId };
    const head = await this.read<{ r: RawNode; domain: string | null; memeCount: number; fixCount: number; incidentCount: number }>(
      `MATCH (r:RootCause {classId: $classId})
       RETURN ${project('r')} AS r, r.domain AS domain,
              COUNT { (:Meme)-[:STANDS_FOR]->(r) } AS memeCount,
              COUNT { (r)-[:FIXED_BY]->(:Fix) } AS fixCount,
              COUNT { (r)<-[:CAUSED_BY]-(:Incident) } AS incidentCount`,
      params,
    );
    const node = toGraphNode(head[0]?.r);
    if (!node || !head[0]) return undefined;
    const now = opts.now ?? new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const firstDay = new Date(today - (opts.days - 1) * 86_400_000);
    const [memes, perDayRows, latest, fixes] = await Promise.all([
      this.read<{ m: RawNode }>(
        `MATCH (m:Meme)-[:STANDS_FOR]->(:RootCause {classId: $classId})
         WITH m ORDER BY coalesce(m.builtin, false) DESC, m.publishedAt DESC, m.id LIMIT $limit
         RETURN ${project('m')} AS m`,
        { ...params, limit: neo4j.int(GRAPH_BOUNDS.MEMES_PER_PAGE) },
      ),
      this.read<{ day: string; count: number }>(
        `MATCH (:RootCause {classId: $classId})<-[:CAUSED_BY]-(i:Incident)
         WHERE i.openedAt >= datetime($from)
         WITH date(datetime({epochMillis: i.openedAt.epochMillis})) AS day
         RETURN toString(day) AS day, count(*) AS count`,
        { ...params, from: firstDay.toISOString() },
      ),
      this.read<{ i: RawNode; openedAt: string | null }>(
        `MATCH (:RootCause {classId: $classId})<-[:CAUSED_BY]-(i:Incident)
         WHERE $before IS NULL OR i.openedAt < datetime($before)
         WITH i ORDER BY i.openedAt DESC, i.id DESC LIMIT $limit
         RETURN ${project('i')} AS i, toString(i.openedAt) AS openedAt`,
        { ...params, before: opts.before ?? null, limit: neo4j.int(opts.limit + 1) },
      ),
      this.read<{ f: RawNode; commits: RawNode[] }>(
        `MATCH (:RootCause {classId: $classId})-[:FIXED_BY]->(f:Fix)
         WITH f ORDER BY f.createdAt DESC, f.id LIMIT $limit
         CALL (f) {
           MATCH (f)-[:COMMITTED_AS]->(c:Commit)
           WITH c ORDER BY c.hash LIMIT $commits
           RETURN collect(${project('c')}) AS commits
         }
         RETURN ${project('f')} AS f, commits`,
        { ...params, limit: neo4j.int(GRAPH_BOUNDS.FIXES_PER_PAGE), commits: neo4j.int(GRAPH_BOUNDS.COMMITS_PER_FIX) },
      ),
    ]);
    const counts = new Map(perDayRows.map((r) => [r.day, r.count]));
    const perDay = Array.from({ length: opts.days }, (_, i) => {
      const day = utcDay(new Date(firstDay.getTime() + i * 86_400_000));
      return { day, count: counts.get(day) ?? 0 };
    });
    const page = latest.slice(0, opts.limit);
    const nextCursor = latest.length > opts.limit ? page[page.length - 1]?.openedAt ?? undefined : undefined;
    return {
      node: stripEid(node),
      classId,
      domain: head[0].domain,
      memes: memes.flatMap((r) => toGraphNode(r.m) ?? []).map(stripEid),
      memeCount: head[0].memeCount,
      incidents: {
        total: head[0].incidentCount,
        days: opts.days,
        perDay,
        latest: page.flatMap((r) => toGraphNode(r.i) ?? []).map(stripEid),
        ...(nextCursor ? { nextCursor } : {}),
      },
      fixes: fixes.flatMap((r) => {
        const f = toGraphNode(r.f);
        return f ? [{ ...stripEid(f), commits: r.commits.flatMap((c) => toGraphNode(c) ?? []).map(stripEid) }] : [];
      }),
      fixCount: head[0].fixCount,
    };
  }

  /** Node counts per label and relationship counts per type, from Neo4j's count store (constant time). */
  async stats(): Promise<GraphStats> {
    const [names] = await this.db.read<{ labels: string[]; types: string[] }>(
      `CALL db.labels() YIELD label WITH collect(label) AS labels
       CALL db.relationshipTypes() YIELD relationshipType
       RETURN labels, collect(relationshipType) AS types`,
    );
    const labels = (names?.labels ?? []).filter((l) => NAME_PATTERN.test(l)).sort();
    const types = (names?.types ?? []).filter((t) => NAME_PATTERN.test(t)).sort();
    const branches = [
      'MATCH (n) RETURN "node" AS kind, -1 AS i, count(n) AS c',
      'MATCH ()-[r]->() RETURN "rel" AS kind, -1 AS i, count(r) AS c',
      ...labels.map((l, i) => `MATCH (n:${tick(l)}) RETURN "node" AS kind, ${i} AS i, count(n) AS c`),
      ...types.map((t, i) => `MATCH ()-[r:${tick(t)}]->() RETURN "rel" AS kind, ${i} AS i, count(r) AS c`),
    ];
    const [rows, index] = await Promise.all([
      this.db.read<{ kind: 'node' | 'rel'; i: number; c: number }>(branches.join('\nUNION ALL\n')),
      this.db.read<{ state: string; populationPercent: number }>('SHOW INDEXES YIELD name, state, populationPercent WHERE name = $name RETURN state, populationPercent', {
        name: GRAPH_SEARCH_INDEX,
      }),
    ]);
    const out: GraphStats = {
      nodes: {},
      relationships: {},
      totals: { nodes: 0, relationships: 0 },
      searchIndex: { name: GRAPH_SEARCH_INDEX, state: index[0]?.state ?? null, populationPercent: index[0]?.populationPercent ?? null },
    };
    for (const r of rows) {
      if (r.i < 0) out.totals[r.kind === 'node' ? 'nodes' : 'relationships'] = r.c;
      else if (r.kind === 'node') out.nodes[labels[r.i]!] = r.c;
      else out.relationships[types[r.i]!] = r.c;
    }
    return out;
  }
}
