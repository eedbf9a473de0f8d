import { parseScaledLabel } from '../src/measurement';

/** One row of `go tool pprof -top` text output. */
export interface OracleRow {
  flat: string;
  cum: string;
  name: string;
  inline?: string;
  /** The whole line, for exact text comparison. */
  line: string;
}

export interface OracleTop {
  type?: string;
  shown: string;
  total: string;
  dropped: number;
  droppedCutoff?: string;
  topOf?: { shown: number; of: number };
  rows: OracleRow[];
  /** Lines from "Showing nodes ..." to the end. */
  body: string[];
}

/** Parses the text `go tool pprof -top` prints. */
export function parseOracleTop(text: string): OracleTop {
  const lines = text.split('\n').filter((l, i, a) => !(i === a.length - 1 && l === ''));
  const type = lines.find((l) => l.startsWith('Type: '))?.slice(6);
  const showingAt = lines.findIndex((l) => l.startsWith('Showing nodes accounting for '));
  if (showingAt < 0) throw new Error('no "Showing nodes accounting for" line');
  const m = /^Showing nodes accounting for (\S+), \S+ of (\S+) total$/.exec(lines[showingAt]!);
  if (!m) throw new Error(`unexpected line: ${lines[showingAt]}`);
  let dropped = 0;
  let droppedCutoff: string | undefined;
  let topOf: OracleTop['topOf'];
  const rows: OracleRow[] = [];
  let inTable = false;
  for (const line of lines.slice(showingAt + 1)) {
    const d = /^Dropped (\d+) nodes? \(cum <= (\S+)\)$/.exec(line);
    if (d) {
      dropped = Number(d[1]);
      droppedCutoff = d[2];
      continue;
    }
    const t = /^Showing top (\d+) nodes out of (\d+)$/.exec(line);
    if (t) {
      topOf = { shown: Number(t[1]), of: Number(t[2]) };
      continue;
    }
    if (/^\s+flat\s+flat%\s+sum%\s+cum\s+cum%$/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable || line.trim() === '') continue;
    const r = /^\s*(\S+)\s+(\S+%)\s+(\S+%)\s+(\S+)\s+(\S+%) {2}(.*?)(?: \((inline|partial-inline)\))?$/.exec(line);
    if (!r) throw new Error(`unparsable row: ${line}`);
    rows.push({ flat: r[1]!, cum: r[4]!, name: r[6]!, inline: r[7], line });
  }
  return { type, shown: m[1]!, total: m[2]!, dropped, droppedCutoff, topOf, rows, body: lines.slice(showingAt) };
}

/** True when `actual` (raw, in sampleUnit) is what pprof printed as `printed`, within the printed precision. */
export function matchesPrinted(actual: number, printed: string, sampleUnit: string): boolean {
  const [value, tolerance] = parseScaledLabel(printed, sampleUnit);
  return Math.abs(actual - value) <= tolerance * (1 + 1e-9) + 1e-9;
}
