import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');
/** The project's own fixtures, generated from infra/demo-go by scripts/fixtures/gen. */
export const projectFixtures = join(repoRoot, 'fixtures/go');
/** Shared real-world fixtures; present only beside the steering checkout. */
export const sharedFixtures = resolve(repoRoot, '../shared/fixtures/pprof');
export const hasSharedFixtures = existsSync(join(sharedFixtures, 'MANIFEST.json'));

export const projectFixture = (name: string) => join(projectFixtures, name);

/**
 * Exact totals from `go tool pprof -raw` output: per sample-type sums and the sample count.
 * The oracle for "what the worker must store" without trusting our own decoder.
 */
export function rawTotals(rawText: string): { types: string[]; totals: number[]; samples: number } {
  const lines = rawText.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Samples:');
  if (start < 0) throw new Error('no Samples: section in -raw output');
  const types = lines[start + 1]!.trim().split(/\s+/).map((t) => t.split('/')[0]!);
  const totals = types.map(() => 0);
  let samples = 0;
  for (const line of lines.slice(start + 2)) {
    if (/^\S/.test(line)) break; // next section (Locations, Mappings)
    const m = /^\s*([\d\s]+):/.exec(line);
    if (!m) continue;
    const values = m[1]!.trim().split(/\s+/).map(Number);
    values.forEach((v, i) => (totals[i]! += v));
    samples++;
  }
  return { types, totals, samples };
}

export const readRaw = (path: string) => rawTotals(readFileSync(path, 'utf8'));
