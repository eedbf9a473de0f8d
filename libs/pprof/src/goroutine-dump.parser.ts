import { StringDecoder } from 'node:string_decoder';
import { AppError } from '@memegraph/contracts';
import { unpackInput } from './decode';
import { type ProfileLimits, withLimits } from './limits';

/**
 * A single-pass, line-oriented parser for Go goroutine text dumps, fed chunk by chunk:
 * - /debug/pprof/goroutine?debug=1: "goroutine profile: total N", then counted stacks
 *   ("N @ 0x.. 0x..", "# labels: {...}", "#\t0x..\tpkg.fn+0x..\tfile:line");
 * - ?debug=2 and panic / SIGQUIT tracebacks: one block per goroutine,
 *   "goroutine 7 [chan receive, 14 minutes, locked to thread]:" (Go 1.23+ may add
 *   "gp=.. m=.. mp=.." before the bracket, Go 1.26 " labels:{..}" inside it), frames
 *   "pkg.fn(args)" + "\tfile:line +0x..", "created by pkg.fn [in goroutine N]",
 *   "...additional frames elided..." (Go <= 1.20) or "...N frames elided..." (Go 1.21+).
 * Lines it does not know (panic messages, "PC=", register dumps) are skipped, and unknown
 * header fields are kept rather than rejected. Records are handed to a callback and the
 * frame arrays are reused between calls, so a 100,000-goroutine dump is never held as objects.
 */

/** One debug=2 goroutine block, or one debug=1 counted stack (count > 1 possible, no state). */
export interface DumpRecord {
  /** Goroutine id (debug=2), -1 for debug=1 stacks. */
  id: number;
  count: number;
  /** Wait reason or status ("chan receive", "running"); '' for debug=1. */
  state: string;
  waitMinutes: number;
  lockedToThread: boolean;
  labels?: Record<string, string>;
  /** Header fields this parser does not interpret (gp=, m=, synctest bubble ...). */
  extra?: string[];
  /** Function names, innermost first. Reused: copy what you keep. */
  funcs: string[];
  /** "file:line" per frame ('' when absent), aligned with funcs. Reused. */
  where: string[];
  /** Raw argument text per frame ("0xc000010000, {0x1, 0x2}"; '' for debug=1), aligned with funcs. Reused. */
  args: string[];
  createdBy?: string;
  createdByGoroutine?: number;
  createdByWhere?: string;
  framesElided: boolean;
}

export type DumpFormat = 'debug1' | 'debug2';

export interface DumpSummary {
  format: DumpFormat | undefined;
  /** "goroutine profile: total N" of a debug=1 dump. */
  declaredTotal?: number;
  /** Lines before the first goroutine (panic message, SIGQUIT, PC=...), at most 20. */
  preamble: string[];
  records: number;
}

const enum Mode {
  Outside,
  Goroutine,
  Ancestor,
  Stack,
}

const HEADER = /^goroutine (\d+)(.*?) \[(.*)\]:$/;
const STACK_START = /^(\d+) @(?: 0x[0-9a-fA-F]+)*\s*$/;
const ELIDED = /^\.\.\.(?:additional|\d+) frames elided\.\.\.$/;

/** Where the argument list of a frame line opens: "pkg.(*T).m(0x1, {0x2})" -> index of the last top-level "(", or -1. */
function argsStart(line: string): number {
  if (line.charCodeAt(line.length - 1) !== 41 /* ) */) return -1;
  let depth = 0;
  for (let i = line.length - 1; i >= 0; i--) {
    const c = line.charCodeAt(i);
    if (c === 41) depth++;
    else if (c === 40 /* ( */ && --depth === 0) return i > 0 ? i : -1;
  }
  return -1;
}

/** Strips the argument list: "pkg.(*T).m(0x1, {0x2, 0x3})" -> "pkg.(*T).m". */
export function frameFunction(line: string): string | undefined {
  const i = argsStart(line);
  return i > 0 ? line.slice(0, i) : undefined;
}

/** "\t/src/x.go:12 +0x1b fp=.." -> "/src/x.go:12". */
function fileLine(line: string): string {
  const t = line.trim();
  const sp = t.indexOf(' +0x');
  if (sp >= 0) return t.slice(0, sp);
  const sp2 = t.indexOf(' ');
  return sp2 >= 0 ? t.slice(0, sp2) : t;
}

/** Go-quoted label maps: {"k": "v", ...} (debug=2, Go 1.26) or {"k":"v"} (debug=1). */
function parseLabels(text: string): Record<string, string> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
  } catch {
    // Go's %q is not always valid JSON; fall back to pairs.
  }
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) out[m[1]!] = m[2]!;
  return Object.keys(out).length ? out : undefined;
}

export class GoroutineDumpParser {
  private mode = Mode.Outside;
  private rest = '';
  private rec: DumpRecord = GoroutineDumpParser.fresh();
  private readonly summary: DumpSummary = { format: undefined, preamble: [], records: 0 };
  private ended = false;
  /** A function line seen whose "\tfile:line" has not come yet. */
  private awaitingWhere = false;

  constructor(
    private readonly onRecord: (r: DumpRecord) => void,
    private readonly maxRecords = Infinity,
  ) {}

  private static fresh(): DumpRecord {
    return { id: -1, count: 1, state: '', waitMinutes: 0, lockedToThread: false, funcs: [], where: [], args: [], framesElided: false };
  }

  /** Feeds a chunk of text; lines may span chunks. */
  write(chunk: string): void {
    let start = 0;
    let text = chunk;
    if (this.rest) {
      text = this.rest + chunk;
      this.rest = '';
    }
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let end = nl;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      this.line(text.slice(start, end));
      start = nl + 1;
    }
    if (start < text.length) this.rest = text.slice(start);
  }

  end(): DumpSummary {
    if (!this.ended) {
      if (this.rest) this.line(this.rest.replace(/\r$/, ''));
      this.rest = '';
      this.flush();
      this.ended = true;
    }
    return this.summary;
  }

  private emit(): void {
    if (++this.summary.records > this.maxRecords) {
      throw new AppError('LIMIT_EXCEEDED', `dump has more than ${this.maxRecords} goroutines or stacks`, { limit: 'maxGoroutines', value: this.maxRecords });
    }
    this.onRecord(this.rec);
  }

  private flush(): void {
    if (this.mode === Mode.Goroutine || this.mode === Mode.Ancestor || this.mode === Mode.Stack) this.emit();
    this.mode = Mode.Outside;
    this.awaitingWhere = false;
  }

  private begin(mode: Mode): DumpRecord {
    this.flush();
    const r = this.rec;
    r.id = -1;
    r.count = 1;
    r.state = '';
    r.waitMinutes = 0;
    r.lockedToThread = false;
    r.labels = undefined;
    r.extra = undefined;
    r.funcs.length = 0;
    r.where.length = 0;
    r.args.length = 0;
    r.createdBy = undefined;
    r.createdByGoroutine = undefined;
    r.createdByWhere = undefined;
    r.framesElided = false;
    this.mode = mode;
    return r;
  }

  private line(line: string): void {
    if (line === '') {
      this.flush();
      return;
    }
    const c0 = line.charCodeAt(0);
    if (this.mode === Mode.Goroutine || this.mode === Mode.Ancestor) {
      if (c0 === 9 /* \t */) {
        if (this.awaitingWhere && this.mode === Mode.Goroutine) {
          const r = this.rec;
          if (r.createdBy !== undefined && r.createdByWhere === undefined) r.createdByWhere = fileLine(line);
          else r.where[r.where.length - 1] = fileLine(line);
        }
        this.awaitingWhere = false;
        return;
      }
      if (line.startsWith('created by ')) {
        if (this.mode === Mode.Goroutine) {
          const r = this.rec;
          const what = line.slice(11);
          const inG = what.lastIndexOf(' in goroutine ');
          if (inG >= 0) {
            r.createdBy = what.slice(0, inG);
            r.createdByGoroutine = Number(what.slice(inG + 14));
          } else r.createdBy = what;
          this.awaitingWhere = true;
        }
        return;
      }
      if (c0 === 46 /* . */ && ELIDED.test(line)) {
        this.rec.framesElided = true;
        return;
      }
      if (line.startsWith('[originating from goroutine ')) {
        this.mode = Mode.Ancestor;
        return;
      }
      if (!line.startsWith('goroutine ')) {
        if (this.mode === Mode.Ancestor) return;
        const at = argsStart(line);
        if (at > 0) {
          this.rec.funcs.push(line.slice(0, at));
          this.rec.args.push(line.slice(at + 1, -1));
          this.rec.where.push('');
          this.awaitingWhere = true;
        }
        return;
      }
      // A header right after a block without a blank line: fall through and start anew.
    }
    if (this.mode === Mode.Stack) {
      if (c0 === 35 /* # */) {
        if (line.startsWith('# labels: ')) {
          this.rec.labels = parseLabels(line.slice(10));
          return;
        }
        // "#\t0x4dc238\tmain.waiter+0x18\t/src/main.go:10" (tabs repeat for alignment)
        const fields = line.slice(1).split('\t').filter((f) => f !== '');
        if (fields.length >= 2) {
          const fn = fields[1]!.replace(/\+0x[0-9a-fA-F]+$/, '');
          this.rec.funcs.push(fn);
          this.rec.where.push(fields[2] ?? '');
          this.rec.args.push('');
        }
        return;
      }
    }
    if (c0 === 103 /* g */ && line.startsWith('goroutine ')) {
      if (line.startsWith('goroutine profile: total ')) {
        this.flush();
        this.summary.format = 'debug1';
        this.summary.declaredTotal = Number(line.slice(25));
        return;
      }
      const m = HEADER.exec(line);
      if (m) {
        const r = this.begin(Mode.Goroutine);
        this.summary.format ??= 'debug2';
        r.id = Number(m[1]);
        const fields = m[2]!.trim();
        if (fields) r.extra = fields.split(/\s+/);
        this.parseStatus(r, m[3]!);
        return;
      }
    }
    if (c0 >= 48 && c0 <= 57 && STACK_START.test(line)) {
      const r = this.begin(Mode.Stack);
      this.summary.format ??= 'debug1';
      r.count = Number(line.slice(0, line.indexOf(' ')));
      return;
    }
    if (this.mode === Mode.Outside && this.summary.records === 0 && this.summary.preamble.length < 20) this.summary.preamble.push(line);
  }

  /** "chan receive, 14 minutes, locked to thread labels:{...}" */
  private parseStatus(r: DumpRecord, text: string): void {
    const li = text.indexOf(' labels:{');
    if (li >= 0) {
      r.labels = parseLabels(text.slice(li + 8));
      text = text.slice(0, li);
    }
    const parts = text.split(', ');
    let state = parts[0]!;
    if (state.endsWith(' (scan)')) state = state.slice(0, -7);
    r.state = state;
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.endsWith(' minutes')) r.waitMinutes = Number(p.slice(0, -8)) || 0;
      else if (p === 'locked to thread') r.lockedToThread = true;
      else (r.extra ??= []).push(p);
    }
  }
}

/** Parses a whole dump (string, or bytes that may be gzipped) through the streaming parser. */
export function parseGoroutineDump(input: string | Uint8Array, onRecord: (r: DumpRecord) => void, overrides: Partial<ProfileLimits> = {}): DumpSummary {
  const limits = withLimits(overrides);
  if (typeof input === 'string') {
    const parser = new GoroutineDumpParser(onRecord, limits.maxGoroutines);
    parser.write(input);
    return parser.end();
  }
  return parseDumpBytes(unpackInput(input, limits), onRecord, limits);
}

/** Parses uncompressed dump bytes, decoded in 1 MB slices so no single string holds the whole dump. */
export function parseDumpBytes(raw: Uint8Array, onRecord: (r: DumpRecord) => void, limits: ProfileLimits): DumpSummary {
  const parser = new GoroutineDumpParser(onRecord, limits.maxGoroutines);
  // StringDecoder keeps UTF-8 sequences split across slices whole.
  const decoder = new StringDecoder('utf8');
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const CHUNK = 1 << 20;
  for (let i = 0; i < buf.length; i += CHUNK) parser.write(decoder.write(buf.subarray(i, Math.min(buf.length, i + CHUNK))));
  parser.write(decoder.end());
  return parser.end();
}
