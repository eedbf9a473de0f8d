import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppError } from '@memegraph/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { Access } from '../auth/public.decorator';
import { parseOr400 } from '../http/zod-body';
import { ProfileViewsService, type ViewOptions } from './profile-views.service';

const ViewQuery = z.object({
  sampleIndex: z.string().max(100).optional(),
  minFraction: z.coerce.number().min(0).max(0.5).optional(),
  inverted: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  nodecount: z.coerce.number().int().min(1).max(100_000).optional(),
  fn: z.string().min(1).max(1000).optional(),
});

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppError('NOT_FOUND', 'no profile with that id') });
const view = (q: Record<string, string>): ViewOptions & { nodecount?: number; fn?: string } => parseOr400(ViewQuery, q);

/** Views computed from a stored profile: what the UI and the exports are built from. */
@ApiTags('profiles')
@Controller('v1/profiles/:id')
export class ProfileViewsController {
  constructor(private readonly views: ProfileViewsService) {}

  @Get('top')
  @Access('read')
  @ApiOperation({ summary: 'Top table (like `go tool pprof -top`), raw values in the profile unit.' })
  @ApiQuery({ name: 'sampleIndex', required: false })
  @ApiQuery({ name: 'nodecount', required: false })
  top(@Param('id', uuid) id: string, @Query() q: Record<string, string>) {
    const o = view(q);
    return this.views.top(id, o.sampleIndex, o.nodecount);
  }

  @Get('flamegraph')
  @Access('read')
  @ApiOperation({ summary: 'Call tree for the flame graph: flat arrays, pruned below minFraction into "(other)" nodes.' })
  @ApiQuery({ name: 'sampleIndex', required: false })
  @ApiQuery({ name: 'minFraction', required: false, description: 'default 0.001' })
  @ApiQuery({ name: 'inverted', required: false, description: 'bottom-up tree' })
  flame(@Param('id', uuid) id: string, @Query() q: Record<string, string>) {
    return this.views.flameData(id, view(q));
  }

  @Get('sandwich')
  @Access('read')
  @ApiOperation({ summary: 'Callers and callees of one function (fn), merged.' })
  @ApiQuery({ name: 'fn', required: true })
  sandwich(@Param('id', uuid) id: string, @Query() q: Record<string, string>) {
    const o = view(q);
    if (!o.fn) throw new AppError('VALIDATION_FAILED', 'fn: the function name is required', { field: 'fn' });
    return this.views.sandwich(id, o.fn, o);
  }

  @Get('goroutines')
  @Access('read')
  @ApiOperation({ summary: 'Goroutines grouped by state and identical stack.' })
  goroutines(@Param('id', uuid) id: string) {
    return this.views.goroutines(id);
  }

  @Get('flamegraph.svg')
  @Access('read')
  @ApiProduces('image/svg+xml')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  @ApiOperation({ summary: 'Self-contained SVG flame graph (no JavaScript), with meme badges on finding anchors.' })
  svg(@Param('id', uuid) id: string, @Query() q: Record<string, string>) {
    return this.views.flameSvg(id, view(q));
  }

  @Get('folded')
  @Access('read')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({ summary: 'Folded stacks (FlameGraph format: `a;b;c 123`).' })
  async folded(@Param('id', uuid) id: string, @Query() q: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Content-Disposition', `attachment; filename="${id}.folded.txt"`);
    return this.views.folded(id, view(q));
  }

  @Get('speedscope')
  @Access('read')
  @ApiOperation({ summary: 'speedscope JSON (open at speedscope.app or locally).' })
  async speedscope(@Param('id', uuid) id: string, @Query() q: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Content-Disposition', `attachment; filename="${id}.speedscope.json"`);
    return this.views.speedscope(id, { ...view(q), name: id });
  }

  @Get('original')
  @Access('read')
  @ApiOperation({ summary: 'The uploaded file, byte for byte.' })
  async original(@Param('id', uuid) id: string, @Res() res: Response) {
    const { filename, bytes } = await this.views.original(id);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/["\\\r\n]/g, '_')}"`);
    res.send(bytes);
  }
}
