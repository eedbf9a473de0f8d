import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppError, CaptureRecordSchema, CaptureRequestSchema, ErrorBodySchema } from '@memegraph/contracts';
import { type Config } from '@memegraph/config';
import { CaptureRepository } from '@memegraph/graph';
import { CaptureQueue } from '@memegraph/queue';
import { checkTarget, captureTargetPolicy, type TargetPolicy } from '@memegraph/targets';
import { Access } from '../auth/public.decorator';
import { openApiSchema } from '../http/openapi-schema';
import { parseOr400 } from '../http/zod-body';
import { CONFIG } from '../infra/tokens';

/**
 * Live capture from a Go service, through the worker. Only targets on the allowlist
 * (CAPTURE_ALLOWLIST; loopback in development) may be captured: anything else is 403 here,
 * and the worker checks again on every resolved address, without following redirects.
 */
@ApiTags('captures')
@Controller('v1/captures')
export class CapturesController {
  private readonly policy: TargetPolicy;

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly captures: CaptureRepository,
    private readonly queue: CaptureQueue,
  ) {
    this.policy = captureTargetPolicy(config);
  }

  @Post()
  @HttpCode(202)
  @Access('engineer')
  @ApiOperation({ summary: 'Capture profiles live from a Go service (net/http/pprof).' })
  @ApiBody({ schema: openApiSchema(CaptureRequestSchema) })
  @ApiResponse({ status: 202, schema: openApiSchema(CaptureRecordSchema) })
  @ApiResponse({ status: 403, description: 'Target not on the allowlist.', schema: openApiSchema(ErrorBodySchema) })
  async create(@Body() body: unknown) {
    const req = parseOr400(CaptureRequestSchema, body);
    checkTarget(this.policy, req.target);
    const id = randomUUID();
    await this.captures.create({ id, target: req.target, kinds: req.kinds, seconds: req.seconds });
    try {
      await this.queue.enqueueCapture({ captureId: id, target: req.target, kinds: req.kinds, seconds: req.seconds });
    } catch (err) {
      await this.captures.setStatus(id, 'failed', { error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'could not queue the capture' } }).catch(() => undefined);
      throw new AppError('DEPENDENCY_UNAVAILABLE', `queue unavailable: ${(err as Error).message}`);
    }
    return this.captures.get(id);
  }

  @Get(':id')
  @Access('read')
  @ApiOkResponse({ schema: openApiSchema(CaptureRecordSchema) })
  async get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new AppError('NOT_FOUND', 'no capture with that id') })) id: string) {
    const c = await this.captures.get(id);
    if (!c) throw new AppError('NOT_FOUND', `no capture with id ${id}`);
    return c;
  }
}
