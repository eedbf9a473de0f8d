import { readFile } from 'node:fs/promises';
import { readProfile, summarizeProfile } from '@memegraph/pprof';
import { type Command } from '../command';
import { UsageError } from '../exit-codes';
import { readInput } from '../read-input';

/** Prints what a profile holds: kind, sample types, totals. The offline twin of the worker's first step. */
export const summaryCommand: Command = {
  name: 'summary',
  summary: 'describe a pprof profile (kind, sample types, totals)',
  usage: 'Usage: memegraph summary FILE [--json]',
  async run(args, io) {
    const json = args.includes('--json');
    const files = args.filter((a) => !a.startsWith('--'));
    if (files.length !== 1) throw new UsageError('expected exactly one FILE');
    const summary = summarizeProfile(readProfile(await readInput(files[0]!, readFile)));
    if (json) {
      io.stdout(JSON.stringify(summary));
    } else {
      io.stdout(`kind: ${summary.kind}  samples: ${summary.sampleCount}  duration: ${(summary.durationNanos / 1e9).toFixed(2)}s`);
      for (const t of summary.totals) io.stdout(`  ${t.type}/${t.unit}: ${t.total}`);
    }
    return 0;
  },
};
