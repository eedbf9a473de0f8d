import { Injectable } from '@nestjs/common';
import { AppError } from '@memegraph/contracts';
import { formatNodeId, GraphBrowseRepository, type NodeRef, type PathResult, type SearchHit, type Subgraph } from '@memegraph/graph';
import { loadKnowledgeBase } from '@memegraph/knowledge';
import { z } from 'zod';
import { parseOr400 } from '../http/zod-body';
import { NodeIdSchema, type NeighborsQuery, type PathsQuery, type RootCauseQuery, type RootCausesQuery, type SearchQuery } from './graph.schemas';

type KnowledgeEntry = ReturnType<ReturnType<typeof loadKnowledgeBase>['byId']>;

/** The built-in knowledge of a class without its training examples; undefined for classes it does not hold. */
function knowledgeOf(classId: string): Omit<KnowledgeEntry, 'examples'> | undefined {
  try {
    const { examples: _examples, ...entry } = loadKnowledgeBase().byId(classId);
    return entry;
  } catch {
    return undefined;
  }
}

/** A RootCause node shows its knowledge-base title (the class id moves to the subtitle) until the graph holds titles itself. */
function titled<T extends { id: string; label: string; title: string; subtitle?: string }>(n: T): T {
  if (n.label !== 'RootCause') return n;
  const classId = n.id.slice('RootCause:'.length);
  const kb = n.title === classId ? knowledgeOf(classId) : undefined;
  return kb ? { ...n, title: kb.title.en, subtitle: [classId, n.subtitle].filter(Boolean).join(' · ') } : n;
}

const titledGraph = <G extends Subgraph>(g: G): G => ({ ...g, nodes: g.nodes.map(titled) });

/** Graph browsing for the UI: ids parsed (400), unknown nodes 404, bounds from the query schemas. */
@Injectable()
export class GraphService {
  constructor(private readonly graph: GraphBrowseRepository) {}

  private ref(id: string, field: string): NodeRef {
    return parseOr400(z.object({ [field]: NodeIdSchema }), { [field]: id })[field]!;
  }

  async search(q: z.infer<typeof SearchQuery>): Promise<{ items: SearchHit[] }> {
    return { items: (await this.graph.search(q.q, { limit: q.limit, labels: q.labels })).map(titled) };
  }

  async node(id: string) {
    const node = await this.graph.node(this.ref(id, 'id'));
    if (!node) throw new AppError('NOT_FOUND', `no node ${id}`);
    return titled(node);
  }

  async neighbors(id: string, q: z.infer<typeof NeighborsQuery>): Promise<Subgraph> {
    const result = await this.graph.neighbors(this.ref(id, 'id'), { ...q, rels: q.rel });
    if (!result) throw new AppError('NOT_FOUND', `no node ${id}`);
    return titledGraph(result);
  }

  async paths(q: z.infer<typeof PathsQuery>): Promise<PathResult> {
    const [fromExists, toExists] = await Promise.all([this.graph.exists(q.from), this.graph.exists(q.to)]);
    if (!fromExists) throw new AppError('NOT_FOUND', `no node ${formatNodeId(q.from)} (from)`, { field: 'from' });
    if (!toExists) throw new AppError('NOT_FOUND', `no node ${formatNodeId(q.to)} (to)`, { field: 'to' });
    return titledGraph(await this.graph.paths(q.from, q.to, { maxHops: q.maxHops, maxPaths: q.limit }));
  }

  async rootCauses(q: z.infer<typeof RootCausesQuery>) {
    const rows = await this.graph.rootCauses({ limit: q.limit + 1, after: q.cursor });
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((r) => {
        const kb = knowledgeOf(r.classId);
        return {
          id: formatNodeId({ label: 'RootCause', key: r.classId }),
          classId: r.classId,
          domain: r.domain,
          title: kb ? kb.title : r.title ? { en: r.title, zh: r.title } : null,
          incidentCount: r.incidentCount,
          recentIncidentCount: r.recentIncidentCount,
          lastIncidentAt: r.lastIncidentAt,
          memeCount: r.memeCount,
          fixCount: r.fixCount,
        };
      }),
      ...(rows.length > q.limit ? { nextCursor: page[page.length - 1]!.classId } : {}),
    };
  }

  async rootCause(classId: string, q: z.infer<typeof RootCauseQuery>) {
    const page = classId.length <= 100 ? await this.graph.rootCause(classId, { days: q.days, limit: q.limit, before: q.cursor }) : undefined;
    if (!page) throw new AppError('NOT_FOUND', `no root cause ${classId}`);
    const knowledge = knowledgeOf(classId);
    const { node, ...rest } = page;
    return { id: node.id, ...rest, node: titled(node), ...(knowledge ? { knowledge } : {}) };
  }

  stats() {
    return this.graph.stats();
  }
}
