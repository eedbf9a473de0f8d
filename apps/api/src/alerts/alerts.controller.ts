import { Controller, Get, HttpCode, type MessageEvent, Param, Post, Query, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AlertRecordSchema, AppError, ErrorBodySchema, RootCauseClassIds, type RootCauseClassId } from '@memegraph/contracts';
import { AlertRepository, IncidentRepository } from '@memegraph/graph';
import { memeForClass } from '@memegraph/memes';
import { readThrough } from '@memegraph/alerts';
import { PendingAlerts } from '@memegraph/queue';
import { filter, interval, map, merge, type Observable } from 'rxjs';
import { z } from 'zod';
import { Access } from '../auth/public.decorator';
import { openApiSchema } from '../http/openapi-schema';
import { parseOr400 } from '../http/zod-body';
import { AlertStreamService } from './alert-stream.service';
import { DeadLettersService } from './dead-letters.service';

const ListQuery = z.object({
  status: z.enum(['firing', 'resolved']).optional(),
  service: z.string().max(200).optional(),
  classId: z.string().max(100).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `<receivedAt>_<id>` of the previous page's last alert (nextCursor). */
  cursor: z
    .string()
    .regex(/^[^_]+_[0-9a-f]{32}$/, 'must be a nextCursor from a previous page')
    .refine((c) => !Number.isNaN(Date.parse(c.split('_')[0]!)), 'must be a nextCursor from a previous page')
    .optional(),
});

/** Keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly incidents: IncidentRepository,
    private readonly pending: PendingAlerts,
    private readonly deadLetterJobs: DeadLettersService,
    private readonly stream: AlertStreamService,
  ) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Alerts, newest first; filter by status, service, root-cause class and time.' })
  @ApiQuery({ name: 'status', required: false, enum: ['firing', 'resolved'] })
  @ApiQuery({ name: 'service', required: false })
  @ApiQuery({ name: 'classId', required: false })
  @ApiQuery({ name: 'since', required: false })
  @ApiQuery({ name: 'until', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  async list(@Query() query: Record<string, string>) {
    const q = parseOr400(ListQuery, query);
    const [receivedAt, id] = q.cursor?.split('_') ?? [];
    const items = await this.alerts.list({ ...q, limit: q.limit + 1, ...(receivedAt && id ? { after: { receivedAt, id } } : {}) });
    const page = items.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page, ...(items.length > q.limit && last ? { nextCursor: `${last.receivedAt}_${last.id}` } : {}) };
  }

  @Sse('stream')
  @Access('read')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Server-sent events: alert.received, alert.updated, alert.enriched.' })
  events(): Observable<MessageEvent> {
    const live = this.stream.events.pipe(
      filter((e) => e.type.startsWith('alert.')),
      map((e) => ({ type: e.type, id: `${e.id}:${e.at}`, data: e })),
    );
    const heartbeat = interval(HEARTBEAT_MS).pipe(map(() => ({ type: 'heartbeat', data: { at: new Date().toISOString() } })));
    return merge(live, heartbeat);
  }

  @Get('dead-letters')
  @Access('engineer')
  @ApiOperation({ summary: 'Jobs that failed every attempt: deliveries not stored (queue alert-ingest) and enrichments (queue alerts).' })
  async deadLetters() {
    return { items: await this.deadLetterJobs.list() };
  }

  @Post('dead-letters/:queue/:id/retry')
  @HttpCode(202)
  @Access('engineer')
  @ApiOperation({ summary: 'Puts a dead-lettered job back in its queue with fresh attempts (once the cause is fixed).' })
  @ApiResponse({ status: 404, schema: openApiSchema(ErrorBodySchema) })
  retryDeadLetter(@Param('queue') queue: string, @Param('id') id: string) {
    return this.deadLetterJobs.retry(queue, id);
  }

  @Get(':id')
  @Access('read')
  @ApiOkResponse({ schema: openApiSchema(AlertRecordSchema) })
  @ApiResponse({ status: 404, schema: openApiSchema(ErrorBodySchema) })
  async get(@Param('id') id: string) {
    if (!/^[0-9a-f]{32}$/.test(id)) throw new AppError('NOT_FOUND', `no alert with id ${id}`);
    // Deliveries accepted but not yet stored by the worker are read from Redis.
    const [inGraph, pending] = await Promise.all([this.alerts.get(id), this.pending.get(id)]);
    const alert = readThrough(inGraph, pending);
    if (!alert) throw new AppError('NOT_FOUND', `no alert with id ${id}`);
    const stored = await this.incidents.diagnosisOf(id);
    if (!stored) return { ...alert, diagnosis: null };
    const { ranking, top, similar } = JSON.parse(stored.rankingJson) as { ranking: unknown[]; top: Record<string, unknown> | null; similar: unknown[] };
    const classId = stored.topClassId as RootCauseClassId | null;
    return {
      ...alert,
      diagnosis: {
        id: stored.id,
        unknown: stored.unknown,
        topClassId: classId,
        topConfidence: stored.topConfidence,
        ranking,
        // runbook steps, verification PromQL and rollback checklist of the top class
        top,
        findings: stored.findings.map((f) => JSON.parse(f) as unknown),
        profileIds: stored.profileIds,
        similarIncidents: similar,
        steps: JSON.parse(stored.stepsJson) as unknown[],
        sequenceDiagram: stored.mermaid,
        meme: classId && (RootCauseClassIds as readonly string[]).includes(classId) ? memeForClass(classId) : null,
      },
    };
  }
}
