import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBodySchema } from '@memegraph/contracts';
import { GRAPH_BOUNDS, GRAPH_LABELS, GRAPH_SEARCH_LABELS } from '@memegraph/graph';
import { Access } from '../auth/public.decorator';
import { openApiSchema } from '../http/openapi-schema';
import { parseOr400 } from '../http/zod-body';
import { GraphNodeSchema, GraphStatsSchema, NeighborsQuery, PathResultSchema, PathsQuery, SearchQuery, SearchResultSchema, SubgraphSchema } from './graph.schemas';
import { GraphService } from './graph.service';

const error = openApiSchema(ErrorBodySchema);
const idParam = { name: 'id', description: 'Label:key, e.g. RootCause:heap-leak, Service:orders, Incident:<uuid>, Commit:<hash> (URL-encode / in keys)' };

/** Read-only browsing of the knowledge graph for the UI's graph view. */
@ApiTags('graph')
@Controller('v1/graph')
export class GraphController {
  constructor(private readonly graph: GraphService) {}

  @Get('search')
  @Access('read')
  @ApiOperation({ summary: 'Full-text search over memes, incidents, root causes, services, alerts, fixes, commits and engineers (prefix and Chinese text match).' })
  @ApiQuery({ name: 'q', required: true })
  @ApiQuery({ name: 'limit', required: false, description: `1..${GRAPH_BOUNDS.MAX_SEARCH}, default 20` })
  @ApiQuery({ name: 'labels', required: false, description: `comma-separated subset of ${GRAPH_SEARCH_LABELS.join(', ')}` })
  @ApiOkResponse({ schema: openApiSchema(SearchResultSchema) })
  @ApiResponse({ status: 400, schema: error })
  search(@Query() query: Record<string, string>) {
    return this.graph.search(parseOr400(SearchQuery, query));
  }

  @Get('stats')
  @Access('read')
  @ApiOperation({ summary: 'Node counts per label and relationship counts per type.' })
  @ApiOkResponse({ schema: openApiSchema(GraphStatsSchema) })
  stats() {
    return this.graph.stats();
  }

  @Get('paths')
  @Access('read')
  @ApiOperation({ summary: 'Shortest paths between two nodes, in either direction, within maxHops.' })
  @ApiQuery({ name: 'from', required: true, description: idParam.description })
  @ApiQuery({ name: 'to', required: true, description: idParam.description })
  @ApiQuery({ name: 'maxHops', required: false, description: `1..${GRAPH_BOUNDS.MAX_HOPS}, default 4` })
  @ApiQuery({ name: 'limit', required: false, description: `paths returned, 1..${GRAPH_BOUNDS.MAX_PATHS}, default 5` })
  @ApiOkResponse({ schema: openApiSchema(PathResultSchema) })
  @ApiResponse({ status: 400, schema: error })
  @ApiResponse({ status: 404, schema: error })
  paths(@Query() query: Record<string, string>) {
    return this.graph.paths(parseOr400(PathsQuery, query));
  }

  @Get('nodes/:id')
  @Access('read')
  @ApiOperation({ summary: 'One node: its label, title and allowlisted properties.' })
  @ApiParam(idParam)
  @ApiOkResponse({ schema: openApiSchema(GraphNodeSchema) })
  @ApiResponse({ status: 400, schema: error })
  @ApiResponse({ status: 404, schema: error })
  node(@Param('id') id: string) {
    return this.graph.node(id);
  }

  @Get('nodes/:id/neighbors')
  @Access('read')
  @ApiOperation({ summary: 'A bounded neighbourhood (breadth first): nodes, edges and whether a bound cut it short.' })
  @ApiParam(idParam)
  @ApiQuery({ name: 'depth', required: false, description: `1..${GRAPH_BOUNDS.MAX_DEPTH}, default 1` })
  @ApiQuery({ name: 'limit', required: false, description: `nodes incl. the start node, 1..${GRAPH_BOUNDS.MAX_NODES}, default ${GRAPH_BOUNDS.DEFAULT_NODES}` })
  @ApiQuery({ name: 'labels', required: false, description: `comma-separated subset of ${GRAPH_LABELS.join(', ')}` })
  @ApiQuery({ name: 'rel', required: false, description: 'comma-separated relationship types to follow, e.g. CAUSED_BY,AFFECTED' })
  @ApiQuery({ name: 'classId', required: false, description: 'keep only nodes of this root-cause class (where the label has one)' })
  @ApiQuery({ name: 'service', required: false, description: 'keep only this Service and incidents/alerts of it' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO 8601; Incident.openedAt / Alert.startsAt' })
  @ApiQuery({ name: 'until', required: false, description: 'ISO 8601; Incident.openedAt / Alert.startsAt' })
  @ApiOkResponse({ schema: openApiSchema(SubgraphSchema) })
  @ApiResponse({ status: 400, schema: error })
  @ApiResponse({ status: 404, schema: error })
  neighbors(@Param('id') id: string, @Query() query: Record<string, string>) {
    return this.graph.neighbors(id, parseOr400(NeighborsQuery, query));
  }
}
