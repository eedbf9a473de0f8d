import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AnalysisInput, loadInput } from '../src/inputs';

export const repoRoot = resolve(__dirname, '../../..');
/** The project's own fixtures, captured from infra/demo-go (Go 1.26). */
export const projectFixtures = join(repoRoot, 'fixtures/go');
/** The team's shared real-world fixtures (Go 1.19); read-only and possibly absent. */
export const sharedFixtures = resolve(repoRoot, '../shared/fixtures/pprof');
export const hasManifest = (dir: string): boolean => existsSync(join(dir, 'MANIFEST.json'));

export interface FixtureFile {
  file: string;
  /** 0 for a single snapshot, 1 for t1, 2 for t2. */
  snapshot: number;
}

export interface Scenario {
  name: string;
  /** The class the manifest says the scenario shows ('healthy', 'none' or a class id). */
  class: string;
  files: FixtureFile[];
}

const snapshotOf = (v: unknown): number => (v === 't1' ? 1 : v === 't2' ? 2 : 0);

/** Scenarios and their profile/dump files (oracle outputs left out), from either manifest shape. */
export function scenarios(dir: string): Scenario[] {
  const m = JSON.parse(readFileSync(join(dir, 'MANIFEST.json'), 'utf8')) as {
    scenarios: Record<string, { class: string }>;
    files: Record<string, unknown>[];
  };
  const byName = new Map<string, Scenario>();
  for (const f of m.files) {
    const file = String(f.file);
    if (typeof f.format === 'string' && f.format.startsWith('oracle')) continue;
    if (!/\.(pb\.gz|pb|txt|txt\.gz)$/.test(file) || /\.(top|traces|raw)(\.[a-z_]+)?\.txt$/.test(file)) continue;
    if (!existsSync(join(dir, file))) continue;
    const name = String(f.scenario);
    let s = byName.get(name);
    if (!s) {
      s = { name, class: m.scenarios[name]?.class ?? String(f.anti_pattern_class ?? 'none'), files: [] };
      byName.set(name, s);
    }
    s.files.push({ file, snapshot: snapshotOf(f.snapshot ?? f.capture_order) });
  }
  for (const s of byName.values()) s.files.sort((a, b) => a.snapshot - b.snapshot || (a.file < b.file ? -1 : 1));
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Loads files as the CLI does: older snapshots first, in that order. */
export function loadFiles(dir: string, files: FixtureFile[]): AnalysisInput[] {
  return files.map((f, order) => loadInput(f.file, readFileSync(join(dir, f.file)), { snapshot: { order } }));
}
