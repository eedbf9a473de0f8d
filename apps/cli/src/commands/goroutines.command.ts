import { readFile } from 'node:fs/promises';
import { type GoroutineReport, analyzeGoroutines } from '@memegraph/pprof';
import { type Command } from '../command';
import { UsageError } from '../exit-codes';
import { intOption, parseOptions } from '../options';
import { readInput } from '../read-input';

/** The JSON contract: groups sorted by count, stacks innermost frame first. */
export function goroutinesJson(r: GoroutineReport) {
  return {
    total: r.total,
    source: r.source,
    ...(r.declaredTotal !== undefined ? { declaredTotal: r.declaredTotal } : {}),
    byState: r.byState,
    groups: r.groups.map((g) => ({
      state: g.state,
      count: g.count,
      waitMinutes: g.waitMinutes,
      stack: g.stack,
      createdBy: g.createdBy,
      waitingAt: g.waitingAt,
    })),
  };
}

function renderText(r: GoroutineReport, limit: number): string {
  const out: string[] = [];
  out.push(`${r.total} goroutines in ${r.groups.length} groups (from a ${r.source === 'proto' ? 'proto goroutine profile' : `${r.source} text dump`})`);
  if (r.declaredTotal !== undefined && r.declaredTotal !== r.total) out.push(`warning: the dump declares ${r.declaredTotal} goroutines`);
  for (const line of r.preamble.slice(0, 3)) out.push(`| ${line}`);
  out.push('', 'By state:');
  const width = String(r.total).length;
  for (const [state, count] of Object.entries(r.byState)) out.push(`  ${String(count).padStart(width)}  ${state}`);
  out.push('', 'Groups:');
  for (const g of r.groups.slice(0, limit)) {
    const wait = g.waitMinutes.max > 0 ? `, ${g.waitMinutes.min === g.waitMinutes.max ? g.waitMinutes.max : `${g.waitMinutes.min}-${g.waitMinutes.max}`} minutes` : '';
    out.push(`  ${String(g.count).padStart(width)}  [${g.state}${wait}]  at ${g.waitingAt || '(no frames)'}`);
    for (const f of g.stack.slice(0, 8)) out.push(`  ${' '.repeat(width)}      ${f}`);
    if (g.stack.length > 8) out.push(`  ${' '.repeat(width)}      ... ${g.stack.length - 8} more frames`);
    if (g.createdBy) out.push(`  ${' '.repeat(width)}    created by ${g.createdBy}`);
  }
  if (r.groups.length > limit) out.push(`  ... ${r.groups.length - limit} more groups (use --limit or --json)`);
  return out.join('\n');
}

export const goroutinesCommand: Command = {
  name: 'goroutines',
  summary: 'group goroutines by state and stack (proto profile or debug=1/2 dump)',
  usage: [
    'Usage: memegraph goroutines FILE [--json] [--limit N]',
    '',
    'Groups goroutines by state and identical stack, like panicparse. FILE is a proto goroutine',
    'profile, a /debug/pprof/goroutine?debug=1 or ?debug=2 dump, or a panic/SIGQUIT trace,',
    'gzipped or not. Proto and debug=1 inputs carry no state: their state is "unknown".',
    '',
    'Options:',
    '  --limit N   groups to print in text mode (default 20)',
    '  --json      {"total","byState","groups":[{state,count,waitMinutes:{min,max},stack,createdBy}]}',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' }, limit: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const limit = intOption('limit', values.limit, 1) ?? 20;
    const report = analyzeGoroutines(await readInput(positionals[0]!, readFile));
    io.stdout(values.json ? JSON.stringify(goroutinesJson(report)) : renderText(report, limit));
    return 0;
  },
};
