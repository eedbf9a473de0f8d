import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access } from '../auth/public.decorator';
import { parseOr400 } from '../http/zod-body';
import { ProfileViewsService } from './profile-views.service';

const DiffQuery = z.object({
  base: z.uuid(),
  new: z.uuid(),
  sampleIndex: z.string().max(100).optional(),
  normalize: z.enum(['none', 'total', 'duration']).default('none'),
  minFraction: z.coerce.number().min(0).max(0.5).optional(),
});

/** Registered before ProfilesController so `/v1/profiles/diff` is not taken for an id. */
@ApiTags('profiles')
@Controller('v1/profiles/diff')
export class ProfileDiffController {
  constructor(private readonly views: ProfileViewsService) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Diff of two profiles (like -diff_base): per-function deltas and a merged tree with base and new weights.' })
  @ApiQuery({ name: 'base', required: true })
  @ApiQuery({ name: 'new', required: true })
  @ApiQuery({ name: 'normalize', required: false, enum: ['none', 'total', 'duration'] })
  diff(@Query() query: Record<string, string>) {
    const q = parseOr400(DiffQuery, query);
    return this.views.diff(q.base, q.new, q);
  }
}
