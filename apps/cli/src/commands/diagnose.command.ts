import { readFile } from 'node:fs/promises';
import { AppError, isAppError } from '@memegraph/contracts';
import { type Diagnosis, type DiagnosisInput, type DiagnosisModel, type Evidence, buildModel } from '@memegraph/diagnosis';
import { type Command } from '../command';
import { UsageError } from '../exit-codes';
import { readInput } from '../read-input';

const USAGE = [
  'Usage: memegraph diagnose (--text FILE | --alert FILE.json | --jsonl FILE) [--json]',
  '',
  'Ranks the root-cause classes that explain a symptom, with evidence, runbook and verification PromQL.',
  '  --text FILE     a log, kubectl output, goroutine dump or description (FILE "-" reads stdin)',
  '  --alert FILE    an Alertmanager webhook payload or a single alert object (JSON)',
  '  --jsonl FILE    one {"id":...,"text":...} or {"id":...,"alert":{...}} per line; prints one',
  '                  {"id":...,"ranking":[{"classId":...,"confidence":...}],"unknown":...} per line',
  '  --json          print the full diagnosis as JSON (single input)',
].join('\n');

type Mode = 'text' | 'alert' | 'jsonl';

function parseArgs(args: string[]): { mode: Mode; file: string; json: boolean } {
  let json = false;
  const modes: { mode: Mode; file: string }[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--text' || a === '--alert' || a === '--jsonl') {
      const file = args[++i];
      if (file === undefined || (file.startsWith('--') && file !== '-')) throw new UsageError(`${a} needs a FILE`);
      modes.push({ mode: a.slice(2) as Mode, file });
    } else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (modes.length !== 1) throw new UsageError('expected exactly one of --text, --alert or --jsonl');
  return { ...modes[0]!, json };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readText(file: string): Promise<string> {
  const buf = file === '-' ? await readStdin() : await readInput(file, readFile);
  if (buf.length === 0) throw new AppError('EMPTY_FILE', `${file === '-' ? 'stdin' : file} is empty`);
  return buf.toString('utf8');
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('UNSUPPORTED_FORMAT', `${what} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Diagnoses one input; an input the model rejects is the file's fault (exit 3), not the command line's. */
function diagnoseFileInput(model: DiagnosisModel, input: DiagnosisInput): Diagnosis {
  try {
    return model.diagnose(input);
  } catch (err) {
    if (isAppError(err) && err.code === 'VALIDATION_FAILED') throw new AppError('UNSUPPORTED_FORMAT', err.message);
    throw err;
  }
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** One output line of --jsonl: exactly id, ranking (top 3, 4 decimals) and unknown — or id and error. */
export function jsonlLine(model: DiagnosisModel, line: string, lineNo: number): string {
  let id: unknown = null;
  try {
    const parsed = JSON.parse(line) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('line is not a JSON object');
    const obj = parsed as Record<string, unknown>;
    id = obj['id'] ?? null;
    if (obj['text'] === undefined && obj['alert'] === undefined) throw new Error('line has neither "text" nor "alert"');
    if (obj['text'] !== undefined && typeof obj['text'] !== 'string') throw new Error('"text" must be a string');
    const d = model.diagnose({ text: obj['text'] as string | undefined, alert: obj['alert'] as DiagnosisInput['alert'], findings: obj['findings'] as DiagnosisInput['findings'] });
    return JSON.stringify({ id, ranking: d.ranking.slice(0, 3).map((r) => ({ classId: r.classId, confidence: round4(r.confidence) })), unknown: d.unknown });
  } catch (err) {
    const message = err instanceof SyntaxError ? `line ${lineNo}: invalid JSON: ${err.message}` : `line ${lineNo}: ${(err as Error).message}`;
    return JSON.stringify({ id, error: message });
  }
}

/** Whole percent; calibrated confidences above 99.5% print as ">99%" rather than a misleading 100%. */
const pct = (x: number) => (x >= 0.995 ? '>99%' : `${Math.round(x * 100)}%`);

function describeEvidence(e: Evidence, text: string): string {
  switch (e.kind) {
    case 'text-span': {
      const line = text.slice(0, e.start).split('\n').length;
      return `line ${line} [${e.start}-${e.end}] "${e.text}"${e.signature ? ` (${e.signature})` : ''}`;
    }
    case 'label':
      return `label ${e.key}="${e.value}"`;
    case 'alertname':
      return `alertname ${e.value}`;
    case 'finding':
      return `finding ${e.classId} (${pct(e.confidence)})`;
    case 'model':
      return `model terms: ${e.terms.join(', ')}`;
  }
}

/** The short report for people: what it is, why we think so, what to do first. */
export function humanReport(d: Diagnosis, text: string): string {
  const out: string[] = [];
  const analyzed = d.analyzedText ?? text;
  if (d.unknown || !d.top) {
    out.push('Diagnosis: unknown — no known root cause matches this input above the confidence floor.');
    if (d.ranking.length) out.push(`Closest candidates: ${d.ranking.slice(0, 3).map((r) => `${r.classId} ${pct(r.confidence)}`).join(', ')}`);
    out.push(`Model: ${d.modelVersion}`);
    return out.join('\n');
  }
  const best = d.ranking[0]!;
  out.push(`Diagnosis: ${d.top.title} (${d.top.titleZh}) [${d.top.classId}]`);
  out.push(`Confidence: ${pct(best.confidence)}`);
  out.push('Evidence:');
  for (const e of best.evidence) out.push(`  - ${describeEvidence(e, analyzed)}`);
  const others = d.ranking.slice(1, 3);
  if (others.length) out.push(`Other candidates: ${others.map((r) => `${r.classId} ${pct(r.confidence)}`).join(', ')}`);
  out.push('First runbook steps:');
  d.top.runbook.slice(0, 3).forEach((s, i) => {
    out.push(`  ${i + 1}. ${s.title}`);
    for (const line of s.command.split('\n')) out.push(`     $ ${line}`);
  });
  out.push('Verify with:');
  for (const v of d.top.verification) out.push(`  - ${v.name}: ${v.promql}`);
  out.push(`Model: ${d.modelVersion}`);
  return out.join('\n');
}

/** `memegraph diagnose`: the offline twin of the API's diagnosis endpoint. */
export const diagnoseCommand: Command = {
  name: 'diagnose',
  summary: 'rank root causes for a log, alert or description (--text, --alert, --jsonl)',
  usage: USAGE,
  async run(args, io) {
    const { mode, file, json } = parseArgs(args);
    const raw = await readText(file);
    const model = buildModel();
    if (mode === 'jsonl') {
      const lines = raw.split(/\r?\n/);
      let batch: string[] = [];
      lines.forEach((line, i) => {
        if (!line.trim()) return;
        batch.push(jsonlLine(model, line, i + 1));
        if (batch.length >= 500) {
          io.stdout(batch.join('\n'));
          batch = [];
        }
      });
      if (batch.length) io.stdout(batch.join('\n'));
      return 0;
    }
    const input: DiagnosisInput = mode === 'text' ? { text: raw } : { alert: parseJson(raw, file) as DiagnosisInput['alert'] };
    if (mode === 'alert' && (typeof input.alert !== 'object' || input.alert === null || Array.isArray(input.alert))) {
      throw new AppError('UNSUPPORTED_FORMAT', `${file} is not an alert object or Alertmanager webhook payload`);
    }
    const diagnosis = diagnoseFileInput(model, input);
    io.stdout(json ? JSON.stringify(diagnosis) : humanReport(diagnosis, mode === 'text' ? raw : ''));
    return 0;
  },
};
