import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppError, ErrorBodySchema, MemeSubmissionSchema, MemeSubmissionStatusSchema, type Principal, RunbookDraftSchema } from '@memegraph/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Access } from '../auth/public.decorator';
import { openApiSchema } from '../http/openapi-schema';
import { parseOr400 } from '../http/zod-body';
import { MemesService, type MemeUpload } from './memes.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppError('NOT_FOUND', 'no meme submission with that id') });
const ListQuery = z.object({
  status: MemeSubmissionStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.iso.datetime({ offset: true }).optional(),
});
const principalOf = (req: Request) => (req as Request & { principal: Principal }).principal;

/** Meme screenshots → OCR → runbook draft → published knowledge. */
@ApiTags('memes')
@Controller('v1/memes')
export class MemesController {
  constructor(private readonly memes: MemesService) {}

  @Post()
  @HttpCode(202)
  @Access('engineer')
  @UseInterceptors(FileInterceptor('image'))
  @ApiOperation({ summary: 'Submit a screenshot (PNG/JPEG/WebP/GIF first frame); OCR runs in the worker.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['image'],
      properties: { image: { type: 'string', format: 'binary' }, caption: { type: 'string' }, tags: { type: 'string', description: 'comma-separated' }, service: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 202, schema: openApiSchema(MemeSubmissionSchema) })
  @ApiResponse({ status: 413, description: 'Over MAX_IMAGE_BYTES or MAX_IMAGE_PIXELS.', schema: openApiSchema(ErrorBodySchema) })
  @ApiResponse({ status: 415, description: 'Not an image.', schema: openApiSchema(ErrorBodySchema) })
  submit(@UploadedFile() file: MemeUpload | undefined, @Body() body: Record<string, string>, @Req() req: Request) {
    return this.memes.submit(file, body, principalOf(req));
  }

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Submissions, newest first (status=published for the gallery).' })
  async list(@Query() query: Record<string, string>) {
    const q = parseOr400(ListQuery, query);
    const items = await this.memes.list(q.status, q.limit + 1, q.cursor);
    const page = items.slice(0, q.limit);
    return { items: page, ...(items.length > q.limit ? { nextCursor: page[page.length - 1]!.createdAt } : {}) };
  }

  @Get(':id')
  @Access('read')
  @ApiOkResponse({ schema: openApiSchema(MemeSubmissionSchema) })
  get(@Param('id', uuid) id: string) {
    return this.memes.get(id);
  }

  @Get(':id/image')
  @Access('read')
  @ApiOperation({ summary: 'The submitted image, as uploaded.' })
  async image(@Param('id', uuid) id: string, @Res() res: Response) {
    const { bytes, contentType } = await this.memes.image(id);
    res.setHeader('Content-Type', contentType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'");
    res.send(bytes);
  }

  @Put(':id/runbook')
  @Access('engineer')
  @ApiOperation({ summary: 'Save the runbook draft (steps, 3 PromQL metrics, rollback checklist).' })
  @ApiBody({ schema: openApiSchema(RunbookDraftSchema) })
  saveDraft(@Param('id', uuid) id: string, @Body() body: unknown) {
    return this.memes.saveDraft(id, parseOr400(RunbookDraftSchema, body));
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Access('engineer')
  @ApiOperation({ summary: 'Publish: becomes an Incident with its root cause, fix and commit in the graph. 422 names what is missing.' })
  @ApiResponse({ status: 422, schema: openApiSchema(ErrorBodySchema) })
  publish(@Param('id', uuid) id: string, @Req() req: Request) {
    return this.memes.publish(id, principalOf(req));
  }
}
