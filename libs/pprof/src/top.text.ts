import { padStart } from './go-format';
import { percentage, scale, scaledLabel, selectOutputUnit } from './measurement';
import { type ProfileModel } from './profile.model';
import { type TopTable } from './top';

/** A value formatter in the unit pprof would pick for this table ("1.48s", "16MB"). */
export function topFormatter(table: TopTable): (v: number) => string {
  let min = 0;
  for (const r of table.rows) {
    const v = Math.abs(r.flat) || Math.abs(r.cum);
    if (v > 0 && (min === 0 || v < min)) min = v;
  }
  const outputUnit = selectOutputUnit(min, table.total, table.unit);
  return (v) => scaledLabel(v, table.unit, outputUnit);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The profile header pprof prints above reports: File, Build ID, comments, Type, Time, Duration. */
export function profileHeader(m: ProfileModel, table: TopTable, format: (v: number) => string): string[] {
  const lines: string[] = [];
  const main = m.mappings[0];
  if (main?.file) lines.push(`File: ${main.file.split('/').pop()}`);
  if (main?.buildId) lines.push(`Build ID: ${main.buildId}`);
  for (const c of m.comments) if (!c.startsWith('#')) lines.push(c);
  lines.push(`Type: ${table.sampleType}`);
  if (m.docUrl) lines.push(`Doc: ${m.docUrl}`);
  if (m.timeNanos) {
    const d = new Date(m.timeNanos / 1e6);
    lines.push(
      `Time: ${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} UTC`,
    );
  }
  if (m.durationNanos) {
    const duration = scaledLabel(m.durationNanos, 'nanoseconds', 'auto');
    // A ratio of samples to wall time only makes sense for time-valued samples.
    const [nanos, unit] = scale(table.total, table.unit, 'nanoseconds');
    const ratio = unit === 'ns' && nanos !== 0 ? `(${percentage(Math.trunc(nanos), m.durationNanos)})` : '';
    lines.push(`Duration: ${duration}, Total samples = ${format(table.total)} ${ratio}`);
  }
  return lines;
}

/** The lines pprof prints between the header and the table. */
export function topLegend(table: TopTable, format: (v: number) => string): string[] {
  const lines: string[] = [];
  if (table.activeFilters.length > 0) {
    lines.push('Active filters:');
    for (const f of table.activeFilters) lines.push(`   ${f.length > 80 ? `${f.slice(0, 80)}…` : f}`);
  }
  lines.push(`Showing nodes accounting for ${format(table.shownTotal)}, ${percentage(table.shownTotal, table.total).trim()} of ${format(table.total)} total`);
  if (table.total !== 0) {
    if (table.droppedNodes > 0) {
      lines.push(`Dropped ${table.droppedNodes} node${table.droppedNodes > 1 ? 's' : ''} (cum <= ${format(table.droppedCutoff)})`);
    }
    if (table.nodeCount > 0 && table.rows.length < table.nodesAfterCutoff) {
      lines.push(`Showing top ${table.rows.length} nodes out of ${table.nodesAfterCutoff}`);
    }
  }
  return lines;
}

/** Renders the table like `go tool pprof -top`, header included when the model is given. */
export function renderTopText(table: TopTable, model?: ProfileModel): string {
  const format = topFormatter(table);
  const out = model ? profileHeader(model, table, format) : [];
  out.push(...topLegend(table, format));
  out.push(`${padStart('flat', 10)} ${padStart('flat', 5)}% ${padStart('sum', 5)}% ${padStart('cum', 10)} ${padStart('cum', 5)}%`);
  let sum = 0;
  for (const r of table.rows) {
    sum += r.flat;
    const inl = r.inline ? ` (${r.inline})` : '';
    out.push(
      `${padStart(format(r.flat), 10)} ${percentage(r.flat, table.total)} ${percentage(sum, table.total)} ${padStart(format(r.cum), 10)} ${percentage(r.cum, table.total)}  ${r.name}${inl}`,
    );
  }
  return `${out.join('\n')}\n`;
}
