import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasManifest, manifestEntries, manifestFiles, projectFixtures, sharedFixtures, topOracles } from '../test/fixtures';
import { matchesPrinted, parseOracleTop } from '../test/oracle';
import { readProfile } from './decode';
import { type Granularity } from './frames';
import { topTable } from './top';
import { renderTopText } from './top.text';

/** Flags of an oracle's recorded `go tool pprof` command that change the table. */
function oracleFlags(command: unknown): { sampleIndex?: string; nodeCount?: number; granularity?: Granularity } {
  if (typeof command !== 'string') return {};
  const flag = (name: string) => new RegExp(`-{1,2}${name}(?:=|\\s+)(\\S+)`).exec(command)?.[1];
  const nodeCount = flag('nodecount');
  const granularity = /\s-{1,2}lines\b/.test(command) || flag('granularity') === 'lines' ? 'lines' : undefined;
  return { sampleIndex: flag('sample_index'), nodeCount: nodeCount ? Number(nodeCount) : undefined, granularity };
}

/**
 * Golden parity with `go tool pprof -top`: for every profile with a -top oracle, the same total,
 * the same rows kept and dropped, the same order, flat/cum equal within the printed precision,
 * and the same text from "Showing nodes ..." down.
 */
function topParitySuite(dir: string) {
  const files = manifestFiles(dir);
  const entries = new Map(manifestEntries(dir).map((e) => [e.file, e]));
  const oracles = topOracles(dir, files, [...entries.values()]);

  it('finds -top oracles in the manifest', () => {
    expect(oracles.length).toBeGreaterThan(0);
  });

  for (const o of oracles) {
    it(`${o.oracle}`, () => {
      const flags = oracleFlags(entries.get(o.oracle)?.oracle_command);
      const expected = parseOracleTop(readFileSync(join(dir, o.oracle), 'utf8'));
      const model = readProfile(readFileSync(join(dir, o.profile)));
      const sampleIndex = flags.sampleIndex && flags.sampleIndex !== 'default' ? flags.sampleIndex : o.sampleIndex;
      const table = topTable(model, { sampleIndex, nodeCount: flags.nodeCount ?? expected.topOf?.shown, granularity: flags.granularity });
      const unit = table.unit;

      if (expected.type) expect(table.sampleType).toBe(expected.type);
      expect(matchesPrinted(table.total, expected.total, unit), `total ${table.total} vs printed ${expected.total}`).toBe(true);
      expect(matchesPrinted(table.shownTotal, expected.shown, unit), `shown ${table.shownTotal} vs printed ${expected.shown}`).toBe(true);
      expect(table.droppedNodes).toBe(expected.dropped);
      if (expected.droppedCutoff) expect(matchesPrinted(table.droppedCutoff, expected.droppedCutoff, unit)).toBe(true);
      expect(table.rows.map((r) => r.name)).toEqual(expected.rows.map((r) => r.name));
      expect(table.rows.map((r) => r.inline)).toEqual(expected.rows.map((r) => r.inline));
      table.rows.forEach((row, i) => {
        const want = expected.rows[i]!;
        expect(matchesPrinted(row.flat, want.flat, unit), `${row.name} flat ${row.flat} vs ${want.flat}`).toBe(true);
        expect(matchesPrinted(row.cum, want.cum, unit), `${row.name} cum ${row.cum} vs ${want.cum}`).toBe(true);
      });
      const text = renderTopText(table).trimEnd().split('\n');
      expect(text).toEqual(expected.body);
      // Newer pprof (Go >= 1.20) prints "Time: 2006-01-02 15:04:05 UTC" like we do: then the whole header must match too.
      const oracleText = readFileSync(join(dir, o.oracle), 'utf8');
      if (/^Time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/m.test(oracleText)) expect(renderTopText(table, model)).toBe(oracleText);
    });
  }
}

describe.skipIf(!hasManifest(sharedFixtures))('top parity with go tool pprof (shared fixtures)', () => {
  topParitySuite(sharedFixtures);
});

describe.skipIf(!hasManifest(projectFixtures))('top parity with go tool pprof (project fixtures/go)', () => {
  topParitySuite(projectFixtures);
});
