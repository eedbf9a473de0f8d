import { readFile } from 'node:fs/promises';
import { hasSymbols, readProfile, renderTopText, topTable } from '@memegraph/pprof';
import { type Command } from '../command';
import { UsageError } from '../exit-codes';
import { FILTER_USAGE, filterOptions, filtersFrom, fractionOption, intOption, parseOptions } from '../options';
import { readInput } from '../read-input';

/** Said on stderr, so --json output stays exactly the contract. */
export const NO_SYMBOLS = 'warning: the profile has no symbols (hasSymbols: false); frames are named by address, e.g. 0x4a1b2c';

/** `go tool pprof -top`, offline and with the same numbers: the table everything else rests on. */
export const topCommand: Command = {
  name: 'top',
  summary: 'top functions of a pprof profile, like go tool pprof -top',
  usage: [
    'Usage: memegraph top FILE [--sample-index NAME] [--nodecount N] [--json]',
    '',
    'Prints the flat/cum table of `go tool pprof -top` for a pprof profile (gzipped or not).',
    'Nodes with cum <= 0.5% of the total are dropped, as pprof does (see --nodefraction).',
    '',
    'Options:',
    '  --sample-index NAME  sample type to rank by (default: the profile default, else the last type)',
    '  --nodecount N        show at most N rows',
    '  --nodefraction F     drop nodes with |cum| below F of the total (default 0.005)',
    '  --lines              one row per source line instead of per function',
    FILTER_USAGE,
    '  --json               {"sampleType","unit","total","rows":[{name,flat,flatPct,sumPct,cum,cumPct}]}',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      'sample-index': { type: 'string' },
      nodecount: { type: 'string' },
      nodefraction: { type: 'string' },
      lines: { type: 'boolean' },
      json: { type: 'boolean' },
      ...filterOptions,
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const nodeCount = intOption('nodecount', values.nodecount, 1);
    const nodeFraction = fractionOption('nodefraction', values.nodefraction);
    const model = readProfile(await readInput(positionals[0]!, readFile));
    if (!hasSymbols(model)) io.stderr(NO_SYMBOLS);
    const table = topTable(model, {
      sampleIndex: values['sample-index'],
      nodeCount,
      nodeFraction,
      granularity: values.lines ? 'lines' : 'functions',
      filters: filtersFrom(values),
    });
    if (values.json) {
      const rows = table.rows.map((r) => ({ name: r.name, flat: r.flat, flatPct: r.flatPct, sumPct: r.sumPct, cum: r.cum, cumPct: r.cumPct }));
      io.stdout(JSON.stringify({ sampleType: table.sampleType, unit: table.unit, total: table.total, rows }));
    } else {
      io.stdout(renderTopText(table, model));
    }
    return 0;
  },
};
