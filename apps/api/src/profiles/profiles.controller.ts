import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppError, ErrorBodySchema, ProfileAcceptedSchema, ProfileListSchema, ProfileRecordSchema } from '@memegraph/contracts';
import { z } from 'zod';
import { Access } from '../auth/public.decorator';
import { openApiSchema } from '../http/openapi-schema';
import { parseOr400 } from '../http/zod-body';
import { ProfilesService, type UploadedFile as Upload } from './profiles.service';

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.iso.datetime({ offset: true }).optional(),
});

@ApiTags('profiles')
@Controller('v1/profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Post()
  @HttpCode(202)
  @Access('engineer')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Upload a Go pprof profile (.pb.gz); analysis runs in the worker.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 202, description: 'Accepted and queued.', schema: openApiSchema(ProfileAcceptedSchema) })
  @ApiResponse({ status: 400, description: 'Missing or empty file.', schema: openApiSchema(ErrorBodySchema) })
  @ApiResponse({ status: 413, description: 'Larger than MAX_UPLOAD_BYTES.', schema: openApiSchema(ErrorBodySchema) })
  @ApiResponse({ status: 415, description: 'Not a pprof profile.', schema: openApiSchema(ErrorBodySchema) })
  upload(@UploadedFile() file: Upload | undefined) {
    if (!file) throw new AppError('BAD_REQUEST', 'multipart field "file" is required');
    return this.profiles.accept(file);
  }

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Profiles, newest first.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiOkResponse({ schema: openApiSchema(ProfileListSchema) })
  list(@Query() query: Record<string, string>) {
    const q = parseOr400(ListQuery, query);
    return this.profiles.list(q.limit, q.cursor);
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ summary: 'One profile: status (queued|processing|done|failed), summary, error.' })
  @ApiOkResponse({ schema: openApiSchema(ProfileRecordSchema) })
  @ApiResponse({ status: 404, schema: openApiSchema(ErrorBodySchema) })
  get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new AppError('NOT_FOUND', 'no profile with that id') })) id: string) {
    return this.profiles.get(id);
  }
}
