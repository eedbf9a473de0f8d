import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasManifest, sharedFixtures } from '../test/fixtures';
import { matchesPrinted, parseOracleTop } from '../test/oracle';
import { readProfile } from './decode';
import { type Normalization, diffProfiles } from './diff';
import { type FilterOptions } from './filters';
import { type Granularity } from './frames';
import { type TopTable, topTable } from './top';
import { renderTopText } from './top.text';

interface OracleCase {
  name: string;
  pprof: string;
  options: {
    profile: string;
    base?: string;
    granularity?: Granularity;
    sampleIndex?: string;
    nodeCount?: number;
    nodeFraction?: number;
    filters?: FilterOptions;
    normalize?: Normalization;
  };
}

const oracleDir = join(__dirname, '../test/data/oracles');
const cases = JSON.parse(readFileSync(join(oracleDir, 'index.json'), 'utf8')) as OracleCase[];
const load = (file: string) => readProfile(readFileSync(join(sharedFixtures, file)));

/**
 * Parity with `go tool pprof -top` for options beyond the fixtures' own oracles: -lines,
 * -nodecount, -nodefraction, numeric -sample_index, focus/ignore/hide/show, tag filters
 * (string, any-key, numeric ranges) and -diff_base with and without -normalize. The oracles
 * were produced by test/gen-oracles.mjs from the shared fixtures.
 */
describe.skipIf(!hasManifest(sharedFixtures))('pprof option parity (go tool pprof outputs in test/data/oracles)', () => {
  it('has the recorded cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  for (const c of cases) {
    it(`${c.name}: ${c.pprof}`, () => {
      const o = c.options;
      const expected = parseOracleTop(readFileSync(join(oracleDir, `${c.name}.txt`), 'utf8'));
      let table: TopTable;
      if (o.base) {
        table = diffProfiles(load(o.base), load(o.profile), { sampleIndex: o.sampleIndex, normalize: o.normalize, filters: o.filters }).top;
      } else {
        table = topTable(load(o.profile), {
          sampleIndex: o.sampleIndex,
          granularity: o.granularity,
          nodeCount: o.nodeCount,
          nodeFraction: o.nodeFraction,
          filters: o.filters,
        });
      }
      expect(matchesPrinted(table.total, expected.total, table.unit)).toBe(true);
      expect(table.droppedNodes).toBe(expected.dropped);
      expect(table.rows.map((r) => r.name)).toEqual(expected.rows.map((r) => r.name));
      table.rows.forEach((row, i) => {
        expect(matchesPrinted(row.flat, expected.rows[i]!.flat, table.unit), `${row.name} flat`).toBe(true);
        expect(matchesPrinted(row.cum, expected.rows[i]!.cum, table.unit), `${row.name} cum`).toBe(true);
      });
      const body = expected.body;
      // pprof prints "Active filters:" above "Showing nodes"; compare from there.
      const text = renderTopText(table).trimEnd().split('\n');
      expect(text.slice(text.findIndex((l) => l.startsWith('Showing nodes')))).toEqual(body);
      if (table.activeFilters.length) expect(text.slice(0, table.activeFilters.length + 1)).toEqual(['Active filters:', ...table.activeFilters.map((f) => `   ${f}`)]);
    });
  }
});
