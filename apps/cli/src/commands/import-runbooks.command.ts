import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { AppError } from '@memegraph/contracts';
import { buildModel } from '@memegraph/diagnosis';
import { loadKnowledgeBase } from '@memegraph/knowledge';
import { classifyRunbook, parseRunbookMarkdown } from '@memegraph/runbooks';
import { type Command } from '../command';
import { UsageError } from '../exit-codes';
import { parseOptions } from '../options';

const USAGE = [
  'Usage: memegraph import-runbooks DIR [--api URL] [--json]',
  '',
  'Reads every Markdown runbook under DIR (one per alert rule: Meaning / Impact / Diagnosis /',
  'Mitigation) and links each alert name to the root cause the diagnosis engine is confident of.',
  '  --api URL   import into the graph through the memegraph API (default: $MEMEGRAPH_API_URL);',
  '              the token comes from $MEMEGRAPH_TOKEN (engineer role). Without an API the',
  '              command runs offline and only prints what it would link.',
  '  --json      print the result as JSON',
].join('\n');

/** Largest batch sent to the API in one request (its JSON body limit is 1 MiB by default). */
const BATCH_BYTES = 512 * 1024;

async function markdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.toLowerCase().endsWith('.md') && !e.name.startsWith('_')) out.push(p);
    }
  };
  try {
    await walk(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') throw new AppError('NOT_FOUND', `no such directory: ${dir}`);
    throw err;
  }
  return out.sort();
}

interface ImportResult {
  imported: number;
  linked: number;
  items: { path: string; alertName: string; classId?: string; confidence?: number }[];
  skipped: { path: string; reason: string }[];
}

function offline(files: { path: string; markdown: string }[]): ImportResult {
  const model = buildModel(loadKnowledgeBase());
  const result: ImportResult = { imported: 0, linked: 0, items: [], skipped: [] };
  for (const f of files) {
    const rb = parseRunbookMarkdown(f.markdown, f.path);
    if (!rb) {
      result.skipped.push({ path: f.path, reason: 'not a runbook: no alert-name heading or no sections' });
      continue;
    }
    result.items.push({ path: f.path, ...classifyRunbook(model, rb) });
  }
  result.imported = result.items.length;
  result.linked = result.items.filter((i) => i.classId).length;
  return result;
}

async function viaApi(api: string, files: { path: string; markdown: string }[]): Promise<ImportResult> {
  const token = process.env.MEMEGRAPH_TOKEN;
  const total: ImportResult = { imported: 0, linked: 0, items: [], skipped: [] };
  let batch: typeof files = [];
  let size = 0;
  const send = async () => {
    if (!batch.length) return;
    const res = await fetch(new URL('/v1/runbooks/import', api), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ runbooks: batch }),
    });
    const body = (await res.json().catch(() => ({}))) as ImportResult & { error?: { code: string; message: string } };
    if (!res.ok) throw new AppError('BAD_REQUEST', `API answered ${res.status}: ${body.error?.message ?? 'no message'}`);
    total.imported += body.imported;
    total.linked += body.linked;
    total.items.push(...body.items);
    total.skipped.push(...body.skipped);
    batch = [];
    size = 0;
  };
  for (const f of files) {
    if (size + f.markdown.length > BATCH_BYTES) await send();
    batch.push(f);
    size += f.markdown.length;
  }
  await send();
  return total;
}

export const importRunbooksCommand: Command = {
  name: 'import-runbooks',
  summary: 'import Markdown alert runbooks and link alert names to root causes',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { api: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('expected exactly one DIR');
    const dir = positionals[0]!;
    const paths = await markdownFiles(dir);
    const files = await Promise.all(paths.map(async (p) => ({ path: relative(dir, p), markdown: await readFile(p, 'utf8') })));
    const api = values.api ?? process.env.MEMEGRAPH_API_URL;
    const result = api ? await viaApi(api, files) : offline(files);
    if (values.json) {
      io.stdout(JSON.stringify({ mode: api ? 'api' : 'offline', ...result }));
    } else {
      io.stdout(`${api ? 'imported' : 'parsed (offline, nothing stored)'}: ${result.imported} runbooks, ${result.linked} linked to a root cause, ${result.skipped.length} skipped`);
      for (const i of result.items) io.stdout(`  ${i.alertName.padEnd(40)} ${i.classId ? `${i.classId} (${Math.round((i.confidence ?? 0) * 100)}%)` : '—'}`);
      for (const s of result.skipped) io.stdout(`  skipped ${s.path}: ${s.reason}`);
    }
    return 0;
  },
};
