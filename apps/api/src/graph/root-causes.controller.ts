import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBodySchema } from '@memegraph/contracts';
import { Access } from '../auth/public.decorator';
import { openApiSchema } from '../http/openapi-schema';
import { parseOr400 } from '../http/zod-body';
import { RootCauseListSchema, RootCausePageSchema, RootCauseQuery, RootCausesQuery } from './graph.schemas';
import { GraphService } from './graph.service';

/** Root-cause classes: the list with counts, and one class's runbook page data. */
@ApiTags('graph')
@Controller('v1/root-causes')
export class RootCausesController {
  constructor(private readonly graph: GraphService) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Every root-cause class with counts of incidents, memes and fixes (ordered by classId).' })
  @ApiQuery({ name: 'limit', required: false, description: '1..500, default 100' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiOkResponse({ schema: openApiSchema(RootCauseListSchema) })
  @ApiResponse({ status: 400, schema: openApiSchema(ErrorBodySchema) })
  list(@Query() query: Record<string, string>) {
    return this.graph.rootCauses(parseOr400(RootCausesQuery, query));
  }

  @Get(':classId')
  @Access('read')
  @ApiOperation({ summary: 'Runbook page data: the class, its knowledge entry, memes, incidents per day and latest, fixes with commits.' })
  @ApiQuery({ name: 'days', required: false, description: 'per-day window, 1..365, default 90' })
  @ApiQuery({ name: 'limit', required: false, description: 'latest incidents per page, 1..100, default 20' })
  @ApiQuery({ name: 'cursor', required: false, description: 'incidents.nextCursor of the previous page' })
  @ApiOkResponse({ schema: openApiSchema(RootCausePageSchema) })
  @ApiResponse({ status: 400, schema: openApiSchema(ErrorBodySchema) })
  @ApiResponse({ status: 404, schema: openApiSchema(ErrorBodySchema) })
  get(@Param('classId') classId: string, @Query() query: Record<string, string>) {
    return this.graph.rootCause(classId, parseOr400(RootCauseQuery, query));
  }
}
