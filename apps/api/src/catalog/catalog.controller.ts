import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppError, ErrorBodySchema } from '@memegraph/contracts';
import { type Meme, MEMES, memeBadgeSvg, memeById } from '@memegraph/memes';
import { Access } from '../auth/public.decorator';
import { openApiSchema } from '../http/openapi-schema';

const memeSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    classId: { type: 'string' },
    symbol: { type: 'string' },
    color: { type: 'string' },
    caption: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    explanation: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    origin: { type: 'string', enum: ['seed', 'team'] },
  },
};

/** The built-in meme catalog: one meme per root-cause class. */
@ApiTags('catalog')
@Controller('v1/catalog/memes')
export class CatalogController {
  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Every built-in meme.' })
  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: memeSchema } } } })
  list(): { items: readonly Meme[] } {
    return { items: MEMES };
  }

  @Get(':id')
  @Access('read')
  @ApiOkResponse({ schema: memeSchema })
  @ApiResponse({ status: 404, schema: openApiSchema(ErrorBodySchema) })
  get(@Param('id') id: string): Meme {
    return find(id);
  }

  @Get(':id/badge.svg')
  @Access('read')
  @ApiProduces('image/svg+xml')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  @ApiOperation({ summary: 'The meme as a small self-contained SVG badge.' })
  badge(@Param('id') id: string): string {
    return memeBadgeSvg(find(id));
  }
}

function find(id: string): Meme {
  const meme = memeById(id);
  if (!meme) throw new AppError('NOT_FOUND', `no meme with id ${id}`);
  return meme;
}
