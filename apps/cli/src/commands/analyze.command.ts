import { readFile } from 'node:fs/promises';
import { AppError, isAppError } from '@memegraph/contracts';
import { type AnalysisInput, type AnalysisReport, type Finding, analyze, loadInput } from '@memegraph/detectors';
import { memeForClass } from '@memegraph/memes';
import { type Command } from '../command';
import { UsageError } from '../exit-codes';
import { parseOptions } from '../options';
import { readInput } from '../read-input';

const USAGE = [
  'Usage: memegraph analyze FILE... [--json]',
  '',
  'Finds Go anti-patterns (reflection-heavy JSON, deep recursion, GC pressure, heap leaks,',
  'string concatenation in loops, goroutine leaks on channels and network reads, mutex',
  'contention, deadlock cycles, busy loops, regexp compilation on the hot path) in the',
  'profiles and goroutine dumps of one service: cpu, heap, allocs, goroutine (proto, debug=1,',
  'debug=2), mutex and block, gzipped or not, in any mix. With two snapshots of the same kind,',
  'in the order given (first the older), growth between them is analysed.',
  '',
  'Options:',
  '  --json   {"findings":[{id,classId,memeId,severity,confidence,title,explanation,evidence,',
  '           fix,reproduce,anchors,sources}],"hotspots":[...],"inputs":[...]}, best first',
  '',
  'Exit codes: 0 ok (with or without findings), 2 usage, 3 unsupported or corrupt input, 4 limit exceeded.',
].join('\n');

const MiB = 1024 * 1024;

function quantity(v: number, unit: string): string {
  if (unit === 'bytes') return `${(v / MiB).toFixed(v >= 10 * MiB ? 1 : 2)} MiB`;
  return `${v.toLocaleString('en-US')} ${unit}`;
}

function evidenceLines(f: Finding): string[] {
  const e = f.evidence;
  const out: string[] = [];
  if (e.growth) {
    const g = e.growth;
    const rate = g.perSecond !== undefined ? `, ${g.unit === 'bytes' ? `${((g.perSecond * 60) / MiB).toFixed(2)} MiB/min` : `${g.perSecond}/s`}` : '';
    const over = g.seconds !== undefined ? ` over ${Math.round(g.seconds)} s` : '';
    out.push(`growth: ${quantity(g.from, g.unit)} → ${quantity(g.to, g.unit)}${over}${rate}`);
  }
  for (const link of e.cycle ?? []) {
    const waiters = link.waiters.map((w) => `${w.site}${w.where ? ` (${w.where})` : ''} ×${w.count}${w.waitMinutes ? `, ${w.waitMinutes} min` : ''}`).join('; ');
    const holder = link.heldBy ? ` — held by ${link.heldBy.site}${link.heldBy.where ? ` (${link.heldBy.where})` : ''} [${link.heldBy.inferredBy}]${link.holderWaitsFor ? `, which waits for ${link.holderWaitsFor}` : ''}` : '';
    out.push(`lock ${link.lock}: waited on by ${waiters}${holder}`);
  }
  for (const [k, v] of Object.entries(e.percentages ?? {}).slice(0, 4)) out.push(`${k}: ${v}%`);
  for (const [k, v] of Object.entries(e.counts ?? {}).slice(0, 4)) out.push(`${k}: ${v.toLocaleString('en-US')}`);
  for (const fr of (e.frames ?? []).slice(0, 3)) {
    const parts = [fr.flatPct !== undefined ? `flat ${fr.flatPct}%` : '', fr.cumPct !== undefined ? `cum ${fr.cumPct}%` : ''].filter(Boolean).join(', ');
    out.push(`${fr.name}${parts ? `  (${parts})` : ''}`);
  }
  for (const n of (e.notes ?? []).slice(0, 3)) out.push(`note: ${n}`);
  return out;
}

function renderFinding(f: Finding): string[] {
  const meme = memeForClass(f.classId);
  const out = [`${meme ? `${meme.symbol} ${meme.caption.zh} — ${meme.caption.en}` : f.classId}`];
  out.push(`  ${f.title}`);
  out.push(`  ${f.classId} · ${f.severity} · confidence ${Math.round(f.confidence * 100)}%`);
  out.push('  Evidence:', ...evidenceLines(f).map((l) => `    - ${l}`));
  out.push('  Fix:', ...f.fix.map((s, i) => `    ${i + 1}. ${s}`));
  out.push('  Reproduce:', ...f.reproduce.map((c) => `    $ ${c}`));
  return out;
}

export function renderReport(report: AnalysisReport): string {
  const out: string[] = [];
  const kinds = report.inputs.map((i) => `${i.name} (${i.kind})`).join(', ');
  out.push(`Analysed ${report.inputs.length} input${report.inputs.length === 1 ? '' : 's'}: ${kinds}`);
  const main = report.findings.filter((f) => f.severity !== 'info').slice(0, 5);
  const rest = report.findings.filter((f) => !main.includes(f));
  if (main.length === 0) out.push('', 'No anti-pattern found above info level.');
  for (const f of main) out.push('', ...renderFinding(f));
  if (rest.length) {
    out.push('', 'Also noted:');
    for (const f of rest) out.push(`  - [${f.severity}] ${f.classId} (${Math.round(f.confidence * 100)}%): ${f.title}${f.evidence.notes?.[0] ? ` — ${f.evidence.notes[0]}` : ''}`);
  }
  for (const h of report.hotspots) {
    out.push('', `Hotspots in ${h.source} (by flat ${h.sampleType}):`);
    for (const r of h.byFlat.slice(0, 5)) out.push(`  ${String(r.flatPct).padStart(6)}%  cum ${String(r.cumPct).padStart(6)}%  ${r.name}`);
  }
  return out.join('\n');
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'find Go anti-patterns in profiles and goroutine dumps, with memes, fixes and evidence',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } });
    if (positionals.length === 0) throw new UsageError('expected at least one FILE');
    const inputs: AnalysisInput[] = [];
    for (const [order, file] of positionals.entries()) {
      const bytes = await readInput(file, readFile);
      try {
        inputs.push(loadInput(file, bytes, { snapshot: { order } }));
      } catch (err) {
        if (isAppError(err)) throw new AppError(err.code, `${file}: ${err.message}`, err.details);
        throw err;
      }
    }
    const report = analyze(inputs);
    io.stdout(values.json ? JSON.stringify(report) : renderReport(report));
    return 0;
  },
};
