import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ModelHolder } from '@memegraph/diagnosis';
import { RunbookRepository } from '@memegraph/graph';
import { classifyRunbook, parseRunbookMarkdown } from '@memegraph/runbooks';
import { z } from 'zod';
import { Access } from '../auth/public.decorator';
import { parseOr400 } from '../http/zod-body';

const ImportBody = z.object({
  runbooks: z.array(z.object({ path: z.string().min(1).max(500), markdown: z.string().max(200_000) })).min(1).max(1000),
});

/** Imports Markdown runbooks (one per alert rule) and links each alert to the root cause it signals. */
@ApiTags('runbooks')
@Controller('v1/runbooks')
export class RunbooksController {
  constructor(
    private readonly model: ModelHolder,
    private readonly runbooks: RunbookRepository,
  ) {}

  @Post('import')
  @HttpCode(200)
  @Access('engineer')
  @ApiOperation({ summary: 'Import Markdown runbooks (Meaning / Impact / Diagnosis / Mitigation); link alert names to root causes where the engine is confident.' })
  @ApiBody({ schema: { type: 'object', properties: { runbooks: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, markdown: { type: 'string' } } } } } } })
  async import(@Body() body: unknown) {
    const { runbooks } = parseOr400(ImportBody, body);
    const skipped: { path: string; reason: string }[] = [];
    const items = [];
    const store = [];
    for (const f of runbooks) {
      const rb = parseRunbookMarkdown(f.markdown, f.path);
      if (!rb) {
        skipped.push({ path: f.path, reason: 'not a runbook: no alert-name heading or no sections' });
        continue;
      }
      const link = classifyRunbook(this.model, rb);
      items.push({ path: rb.path, ...link });
      store.push({ ...rb, classId: link.classId ?? null, confidence: link.confidence ?? null });
    }
    if (store.length) await this.runbooks.upsert(store);
    return { imported: items.length, linked: items.filter((i) => i.classId).length, items, skipped };
  }
}
