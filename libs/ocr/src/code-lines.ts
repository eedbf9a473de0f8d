/**
 * Finds code-like spans in OCR text: shell commands, PromQL, commit hashes, HTTP status and exit
 * codes, Go panics and goroutine headers, kubectl pod rows with a failing status. (Known error
 * strings — Redis, Envoy, Postgres, network, Kubernetes reasons — come from @memegraph/diagnosis,
 * see signatures.ts.) OCR garbles some characters (`|`, `1`, `I` for `l`;
 * `0` for `O`; `5` for `S`; spaces inserted or dropped), so keywords are matched with those
 * confusions allowed; spans point into the text as given.
 */

export type SignatureKind =
  | 'shell-command'
  | 'promql'
  | 'commit-hash'
  | 'http-status'
  | 'exit-code'
  | 'go-panic'
  | 'goroutine-header'
  | 'k8s-pod-row'
  /** A known error string, found by @memegraph/diagnosis's signature extractors (see signatures.ts). */
  | 'error-signature';

export interface Signature {
  kind: SignatureKind;
  /** The span as it appears in the text (OCR noise included). */
  text: string;
  /** Offsets into the text: `text === source.slice(start, end)`. */
  start: number;
  end: number;
  /**
   * The key value, canonical: the command name (`kubectl`), the status (`CrashLoopBackOff`),
   * the code (`503`, `137`), the hash, the goroutine state, the PromQL metric, the
   * diagnosis signature id.
   */
  value?: string;
  /** `error-signature` only: the root-cause class the signature speaks for most. */
  classId?: string;
}

// ---------------------------------------------------------------------------------------------
// Fuzzy keywords

const CONFUSIONS: Record<string, string> = {
  l: 'l|1I!',
  i: 'il1|!',
  o: 'o0',
  s: 's5$',
  b: 'b8',
  g: 'g9',
  z: 'z2',
  c: 'c(',
};
const DIGIT_CONFUSIONS: Record<string, string> = { '0': '0oO', '1': '1lI|', '5': '5sS', '8': '8B' };

const classEscape = (s: string): string => s.replace(/[\\\]^-]/g, (c) => `\\${c}`);
const reEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A regex source matching `word` case-insensitively with OCR confusions per character, and,
 * with `spaced`, one stray space allowed between characters (for long, distinctive words).
 */
export function fuzzyWord(word: string, spaced = false): string {
  const parts = [...word].map((ch) => {
    const lower = ch.toLowerCase();
    const alts = CONFUSIONS[lower] ?? DIGIT_CONFUSIONS[ch];
    if (alts) return `[${classEscape(lower + lower.toUpperCase() + alts)}]`;
    return /[a-z]/i.test(ch) ? `[${lower}${lower.toUpperCase()}]` : reEscape(ch);
  });
  return parts.join(spaced ? ' ?' : '');
}

const lineStarts = (text: string): number[] => {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
};

interface Line {
  text: string;
  start: number;
}

const splitLines = (text: string): Line[] => {
  const starts = lineStarts(text);
  return starts.map((s, i) => ({ text: text.slice(s, i + 1 < starts.length ? starts[i + 1]! - 1 : text.length), start: s }));
};

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Trims a span to its non-space core. */
function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

// ---------------------------------------------------------------------------------------------
// Shell commands

interface CommandSpec {
  name: string;
  /** Regex source of the command word (fuzzy). */
  word: string;
  /** Required continuation (subcommand), regex source; the match must include it. */
  sub?: string;
  /** Only recognised right after a prompt or at the start of a line (common English words). */
  promptOnly?: boolean;
}

const GIT_SUBS = 'log|commit|push|pull|revert|bisect|show|diff|checkout|switch|rebase|reset|status|blame|cherry-pick|tag|merge|clone|fetch|branch|stash|describe|reflog';

const COMMANDS: CommandSpec[] = [
  { name: 'kubectl', word: fuzzyWord('kubectl') },
  { name: 'helm', word: fuzzyWord('helm'), sub: '(?:install|upgrade|rollback|history|list|ls|status|get|uninstall|template|diff|repo)\\b' },
  { name: 'git', word: fuzzyWord('git'), sub: `(?:${GIT_SUBS})\\b` },
  { name: 'curl', word: fuzzyWord('curl'), sub: '(?:-|https?:|[\'"]?https?:|localhost|\\d|[a-z0-9.-]+[:/])' },
  { name: 'redis-cli', word: `${fuzzyWord('redis')} ?- ?${fuzzyWord('cli')}` },
  { name: 'go tool pprof', word: `${fuzzyWord('go')} ${fuzzyWord('tool')} ${fuzzyWord('pprof')}` },
  { name: 'go', word: fuzzyWord('go'), sub: '(?:test|build|run|mod|vet|version|env|get|install|tool|generate)\\b' },
  { name: 'docker', word: fuzzyWord('docker'), sub: '(?:ps|logs|run|exec|stats|inspect|build|pull|push|compose|restart|stop|top)\\b' },
  { name: 'psql', word: fuzzyWord('psql'), sub: '(?:-|\\w+:\\/\\/|["\'])' },
  { name: 'istioctl', word: fuzzyWord('istioctl') },
  { name: 'etcdctl', word: fuzzyWord('etcdctl') },
  { name: 'journalctl', word: fuzzyWord('journalctl') },
  { name: 'systemctl', word: fuzzyWord('systemctl') },
  { name: 'openssl', word: fuzzyWord('openssl'), sub: '(?:s_client|x509|req|verify)\\b' },
  { name: 'dig', word: fuzzyWord('dig'), promptOnly: true },
  { name: 'nslookup', word: fuzzyWord('nslookup') },
  { name: 'k9s', word: 'k9s', promptOnly: true },
  { name: 'wget', word: fuzzyWord('wget'), promptOnly: true },
  { name: 'top', word: 'top', promptOnly: true },
  { name: 'free', word: 'free', sub: '-', promptOnly: true },
  { name: 'df', word: 'df', sub: '-', promptOnly: true },
  { name: 'ulimit', word: fuzzyWord('ulimit'), sub: '-' },
  { name: 'lsof', word: fuzzyWord('lsof'), sub: '-' },
  { name: 'ss', word: 'ss', sub: '-', promptOnly: true },
  { name: 'netstat', word: fuzzyWord('netstat'), sub: '-' },
];

/** A shell prompt: `$ `, `# `, `> `, `% `, `❯ `, `➜ dir `, `user@host:~/x$ `, `PS C:\> `. */
const PROMPT = String.raw`(?:[\w.-]+@[\w.-]+(?::[^\s$#]*)?\s?[$#%]\s?|PS [^>\n]*>\s?|[$#%>❯»→➜]\s?(?:[\w~./-]+\s)?)`;

const PROMPT_AT_START = new RegExp(`^\\s*${PROMPT}`);

function findCommands(lines: Line[], out: Signature[]): void {
  for (const line of lines) {
    for (const cmd of COMMANDS) {
      // After a prompt or at the start of a line; mid-line after a space, quote, bracket, colon or CJK.
      const lead = cmd.promptOnly ? `^\\s*${PROMPT}\\s*` : `(?:^\\s*(?:${PROMPT})?\\s*|(?<=[\\s\`'"(（：:，,]|[\\u2e80-\\u9fff]))`;
      const re = new RegExp(`${lead}(${cmd.word})${cmd.sub ? `\\s+(?=${cmd.sub})` : '(?=\\s|$)'}`, 'dg');
      let m: RegExpExecArray | null;
      while ((m = re.exec(line.text))) {
        const wordStart = m.indices![1]![0];
        // The command runs to the end of the line, a closing backtick, or the first CJK character.
        let end = line.text.length;
        for (let i = wordStart; i < line.text.length; i++) {
          const ch = line.text[i]!;
          if (ch === '`' || CJK.test(ch)) {
            end = i;
            break;
          }
        }
        const [s, e] = trimSpan(line.text, wordStart, end);
        // A bare command word with nothing after it is prose ("use kubectl"), unless after a prompt.
        if (e - s <= m[1]!.length && !PROMPT_AT_START.test(line.text.slice(0, wordStart))) continue;
        const start = line.start + s;
        if (out.some((o) => o.kind === 'shell-command' && start >= o.start && start < o.end)) continue;
        out.push({ kind: 'shell-command', text: line.text.slice(s, e), start, end: line.start + e, value: cmd.name });
        re.lastIndex = Math.max(re.lastIndex, e);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// PromQL

const PROMQL_FUNCS = [
  'histogram_quantile', 'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'absent', 'absent_over_time',
  'avg_over_time', 'max_over_time', 'min_over_time', 'sum_over_time', 'count_over_time', 'quantile_over_time', 'stddev_over_time',
  'last_over_time', 'changes', 'resets', 'label_replace', 'label_join', 'clamp_min', 'clamp_max', 'topk', 'bottomk',
];
const PROMQL_AGGS = ['sum', 'avg', 'max', 'min', 'count', 'stddev', 'quantile', 'count_values', 'group'];
const PROMQL_FUNC_RE = new RegExp(`\\b(?:${PROMQL_FUNCS.join('|')})\\s*\\(`, 'i');
const PROMQL_AGG_RE = new RegExp(`\\b(?:${PROMQL_AGGS.join('|')})\\s*(?:(?:by|without)\\s*\\([^)]*\\)\\s*)?\\(`, 'i');
/** `metric{label="v"}` or `metric{label=~"v"}`. */
const PROMQL_SELECTOR_RE = /\b[a-zA-Z_:][\w:]*\s*\{\s*[a-zA-Z_]\w*\s*(?:=~|!~|!=|=)\s*["'“”]/;
/** A range like `[5m]`, OCR-tolerant: `(5m]`, `[Sm]`. */
const PROMQL_RANGE_RE = /[[(]\s*[\dSsOo]+\s*(?:ms|[smhdwy])\s*(?::\s*[\dSsOo]*\s*(?:ms|[smhdwy])?\s*)?[\])]/;
const PROMQL_START_RE = new RegExp(`\\b(?:${[...PROMQL_FUNCS, ...PROMQL_AGGS].join('|')})\\s*(?:(?:by|without)\\s*\\(|\\()|\\b[a-zA-Z_:][\\w:]*\\s*\\{`, 'i');

function findPromql(lines: Line[], out: Signature[]): void {
  for (const line of lines) {
    const t = line.text;
    const isFunc = PROMQL_FUNC_RE.test(t) || PROMQL_AGG_RE.test(t);
    const isSelector = PROMQL_SELECTOR_RE.test(t);
    const hasRange = PROMQL_RANGE_RE.test(t);
    // Go stack frames and shell lines have parentheses too: insist on PromQL's own shapes.
    if (!((isFunc && (hasRange || isSelector || /\bby\s*\(|\bwithout\s*\(/i.test(t))) || (isSelector && !/\bkubectl\b/.test(t)))) continue;
    if (/\.go:\d+|^\s*goroutine\b|0x[0-9a-f]+/i.test(t)) continue;
    const m = PROMQL_START_RE.exec(t);
    if (!m) continue;
    const [s, e] = trimSpan(t, m.index, t.length);
    const metric = /\b([a-zA-Z_:][\w:]*_(?:total|bucket|seconds|bytes|count|sum|ratio|info)|go_[\w:]+|process_[\w:]+|container_[\w:]+|kube_[\w:]+|up)\b/.exec(t.slice(s, e));
    out.push({ kind: 'promql', text: t.slice(s, e), start: line.start + s, end: line.start + e, value: metric?.[1] });
  }
}

// ---------------------------------------------------------------------------------------------
// Commit hashes

const HASH_CONTEXT = /(?:\bcommit|\brevert(?:s|ed)?|\bsha1?|\bhash|\bshow|\bcheckout|\bcherry-pick|\breset(?: --hard)?|\bbisect (?:good|bad)|\bfixed in|\bintroduced (?:in|by)|\bregression (?:in|from)|@)(?:\s+(?:in|by|as|to|at|is))?\s*:?\s*$/i;

function findHashes(lines: Line[], out: Signature[]): void {
  for (const line of lines) {
    const re = /(?<![\w.\-/:#])([0-9a-f]{7,40})(?![\w\-/])/gi;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line.text))) {
      const h = m[1]!;
      if (!/[0-9]/.test(h) || !/[a-f]/i.test(h)) continue;
      if (h !== h.toLowerCase() && h !== h.toUpperCase()) continue;
      // 0x… addresses, +0x offsets.
      if (/0x$/i.test(line.text.slice(0, m.index)) || /^0x/i.test(h)) continue;
      const before = line.text.slice(0, m.index);
      const atLineStart = /^\s*(?:[*|\\/]\s*)*(?:commit\s+)?$/i.test(before);
      if (h.length < 12 && !atLineStart && !HASH_CONTEXT.test(before)) continue;
      out.push({ kind: 'commit-hash', text: h, start: line.start + m.index, end: line.start + m.index + h.length, value: h.toLowerCase() });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP status and exit codes

const REASONS = 'OK|Created|Accepted|No Content|Moved Permanently|Found|Not Modified|Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Conflict|Gone|Payload Too Large|Too Many Requests|Client Closed Request|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Time-?out';
const HTTP_PATTERNS: RegExp[] = [
  /HTTP\/\d(?:\.\d)?["']?\s+([1-5]\d\d)\b/g,
  /\b(?:status|status_code|statusCode|http_code|response_code|http\.status_code|(?<![Ee]xit[ _]?)code)["']?\s*[:=]\s*["']?([1-5]\d\d)\b/gi,
  /\b(?:status code|returned|responded with|response|HTTP)\s+(?:status\s+)?(?:code\s+)?([1-5]\d\d)\b/gi,
  new RegExp(`\\b([1-5]\\d\\d)\\s+(?:${REASONS})\\b`, 'gi'),
  /\b([45]xx)\b/gi,
];

const EXIT_PATTERNS: RegExp[] = [
  /\bexit(?:ed)? (?:status|code)[:=]?\s*(\d{1,3})\b/gi,
  /\bexited with (?:status|code)\s*(\d{1,3})\b/gi,
  /\bexit ?code\s*[:=]\s*(\d{1,3})\b/gi,
  /\bexitCode["']?\s*[:=]\s*(\d{1,3})\b/g,
  /\bnon-zero exit status\s*(\d{1,3})\b/gi,
  /\bcommand terminated with exit code\s*(\d{1,3})\b/gi,
];

function findCoded(text: string, patterns: RegExp[], kind: 'http-status' | 'exit-code', out: Signature[]): void {
  const seen = new Set<number>();
  for (const re of patterns) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m[0].includes('\n')) continue;
      const code = m[1]!;
      const at = m.index + m[0].lastIndexOf(code);
      if (seen.has(at)) continue;
      seen.add(at);
      out.push({ kind, text: m[0], start: m.index, end: m.index + m[0].length, value: code.toLowerCase() });
    }
  }
}

/** `curl -w "%{http_code}"` prints the bare code on the next line. */
function findCurlStatus(lines: Line[], out: Signature[]): void {
  for (let i = 1; i < lines.length; i++) {
    const m = /^\s*([1-5]\d\d)\s*$/.exec(lines[i]!.text);
    if (m && /http_code/.test(lines[i - 1]!.text)) {
      const s = lines[i]!.start + lines[i]!.text.indexOf(m[1]!);
      out.push({ kind: 'http-status', text: m[1]!, start: s, end: s + 3, value: m[1]! });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Go panics and goroutine headers

const PANIC_RE = new RegExp(`^\\s*((?:${fuzzyWord('panic')}|${fuzzyWord('fatal')} ${fuzzyWord('error')})\\s*[:;]\\s*\\S.*)$`);
const GOROUTINE_RE = new RegExp(`^\\s*(${fuzzyWord('goroutine')}\\s+(\\d+)\\s*[[(]\\s*([^\\])\\n]+?)\\s*[\\])]\\s*[:;]?)`);

function findGo(lines: Line[], out: Signature[]): void {
  for (const line of lines) {
    let m = PANIC_RE.exec(line.text);
    if (m) {
      const s = line.text.indexOf(m[1]!);
      const [a, b] = trimSpan(line.text, s, s + m[1]!.length);
      const body = line.text.slice(a, b).replace(/^[^:;]*[:;]\s*/, '');
      out.push({ kind: 'go-panic', text: line.text.slice(a, b), start: line.start + a, end: line.start + b, value: body });
      continue;
    }
    m = GOROUTINE_RE.exec(line.text);
    if (m) {
      const s = line.text.indexOf(m[1]!);
      out.push({ kind: 'goroutine-header', text: m[1]!, start: line.start + s, end: line.start + s + m[1]!.length, value: m[3]!.replace(/\s+/g, ' ') });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

/** Pod statuses worth reporting, canonical spelling. */
const BAD_STATUSES = ['CrashLoopBackOff', 'OOMKilled', 'Evicted', 'ImagePullBackOff', 'ErrImagePull', 'Pending', 'FailedScheduling', 'CreateContainerConfigError', 'CreateContainerError', 'ContainerCreating', 'Terminating', 'Error', 'Unknown', 'NodeLost', 'InvalidImageName', 'RunContainerError', 'ContainerStatusUnknown', 'Init:Error'];
/** Statuses distinctive enough to report a row even without the table header above it. */
const DISTINCTIVE = ['CrashLoopBackOff', 'OOMKilled', 'Evicted', 'ImagePullBackOff', 'ErrImagePull', 'FailedScheduling', 'CreateContainerConfigError', 'CreateContainerError', 'InvalidImageName', 'RunContainerError', 'ContainerStatusUnknown'];
const statusRe = (names: string[]) => names.map((n) => ({ name: n, re: new RegExp(`(?<![A-Za-z])(?:Init: ?)?(${fuzzyWord(n, n.length >= 7)})(?![a-z])`, 'g') }));
const BAD_STATUS_RES = statusRe(BAD_STATUSES);

const HEADER_RE = new RegExp(`${fuzzyWord('NAME')}\\s+${fuzzyWord('READY')}\\s+${fuzzyWord('STATUS')}\\s+${fuzzyWord('RESTARTS')}\\s+${fuzzyWord('AGE')}`);
/** `name  0/1  Status  12 (3m ago)  34m`: OCR may collapse the column gaps to one space. */
const ROW_RE = /^\s*([a-z0-9](?:[^\s/]| (?=-)|(?<=-) )*[^\s/])\s+([\dOoIl|]+\s?\/\s?[\dOoIl|]+)\s+([A-Za-z:0-9|]+(?:\s?[A-Za-z|]+)?)\s+([\dOo]+)(?:\s*\([^)]*\))?\s+(\S+)\s*$/;

function canonicalStatus(raw: string): string | undefined {
  for (const { name, re } of BAD_STATUS_RES) {
    re.lastIndex = 0;
    const m = re.exec(raw);
    if (m && m[0].replace(/\s/g, '').length >= raw.replace(/\s/g, '').length - 5) return raw.toLowerCase().startsWith('init') ? `Init:${name}` : name;
  }
  return undefined;
}

function findKubernetes(lines: Line[], out: Signature[]): void {
  let inTable = false;
  for (const line of lines) {
    if (HEADER_RE.test(line.text)) {
      inTable = true;
      continue;
    }
    const m = ROW_RE.exec(line.text);
    if (m) {
      const status = canonicalStatus(m[3]!);
      if (status && (inTable || DISTINCTIVE.some((d) => status.endsWith(d)))) {
        const [s, e] = trimSpan(line.text, 0, line.text.length);
        out.push({ kind: 'k8s-pod-row', text: line.text.slice(s, e), start: line.start + s, end: line.start + e, value: status });
      }
      continue;
    }
    if (!line.text.trim() || PROMPT_AT_START.test(line.text)) inTable = false;
  }
}

// ---------------------------------------------------------------------------------------------

/** Every signature in `text`, in text order (ties: wider first). Duplicates of one span and kind are dropped. */
export function extractCodeLines(text: string): Signature[] {
  const lines = splitLines(text);
  const out: Signature[] = [];
  findCommands(lines, out);
  findPromql(lines, out);
  findHashes(lines, out);
  findCoded(text, HTTP_PATTERNS, 'http-status', out);
  findCurlStatus(lines, out);
  findCoded(text, EXIT_PATTERNS, 'exit-code', out);
  findGo(lines, out);
  findKubernetes(lines, out);
  const seen = new Set<string>();
  return out
    .filter((s) => {
      const k = `${s.kind}:${s.start}:${s.end}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
}
