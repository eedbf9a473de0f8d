import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Normalization, diffProfiles, readProfile, renderFlameGraphSvg, renderTopText } from '@memegraph/pprof';
import { type Command } from '../command';
import { UsageError } from '../exit-codes';
import { FILTER_USAGE, filterOptions, filtersFrom, intOption, parseOptions } from '../options';
import { readInput } from '../read-input';
import { emit } from './flame.command';

const NORMALIZATIONS: Normalization[] = ['none', 'total', 'duration'];
const round2 = (x: number) => Math.round(x * 100) / 100;

export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two pprof profiles (new minus base), like go tool pprof -diff_base',
  usage: [
    'Usage: memegraph diff BASE NEW [--json] [--sample-index NAME] [--normalize none|total|duration] [--svg OUT]',
    '',
    'Per-function flat/cum change from BASE to NEW, as `go tool pprof -top -diff_base=BASE NEW`',
    'prints it: values are NEW minus BASE, percentages are of the BASE total.',
    '',
    'Options:',
    '  --normalize MODE   none (default); total: scale NEW to BASE\'s total (pprof -normalize);',
    '                     duration: scale NEW by BASE/NEW profile duration',
    '  --sample-index NAME  sample type (default: the profile default, else the last type)',
    '  --nodecount N      show at most N rows',
    '  --svg OUT          differential flame graph (red grew, blue shrank); "-" for stdout',
    FILTER_USAGE,
    '  --json             {sampleType,unit,normalize,scale,baseTotal,newTotal,total,rows:[{name,baseFlat,newFlat,flatDelta,flatDeltaPct,baseCum,newCum,cumDelta,cumDeltaPct}]}',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      json: { type: 'boolean' },
      'sample-index': { type: 'string' },
      normalize: { type: 'string' },
      nodecount: { type: 'string' },
      svg: { type: 'string' },
      ...filterOptions,
    });
    if (positionals.length !== 2) throw new UsageError('expected BASE and NEW');
    const normalize = (values.normalize ?? 'none') as Normalization;
    if (!NORMALIZATIONS.includes(normalize)) throw new UsageError(`--normalize must be one of ${NORMALIZATIONS.join(', ')}`);
    const [baseFile, newFile] = positionals as [string, string];
    const base = readProfile(await readInput(baseFile, readFile));
    const next = readProfile(await readInput(newFile, readFile));
    const diff = diffProfiles(base, next, {
      sampleIndex: values['sample-index'],
      normalize,
      nodeCount: intOption('nodecount', values.nodecount, 1),
      filters: filtersFrom(values),
    });
    if (values.svg) {
      await emit(values.svg, renderFlameGraphSvg(diff.tree, { title: `${basename(newFile)} vs ${basename(baseFile)}: ${diff.sampleType}` }), io, 'differential flame graph');
    }
    if (values.json) {
      const total = diff.top.total;
      const pct = (v: number) => (total === 0 ? 0 : round2((v / total) * 100));
      io.stdout(
        JSON.stringify({
          sampleType: diff.sampleType,
          unit: diff.unit,
          normalize: diff.normalize,
          scale: diff.scale,
          baseTotal: diff.baseTotal,
          newTotal: diff.newTotal,
          total,
          rows: diff.rows.map((r) => ({ ...r, flatDeltaPct: pct(r.flatDelta), cumDeltaPct: pct(r.cumDelta) })),
        }),
      );
    } else if (values.svg !== '-') {
      const scaled = diff.scale !== 1 ? ` (NEW scaled by ${diff.scale.toPrecision(4)})` : '';
      io.stdout(`Diff: ${newFile} minus ${baseFile}, ${diff.sampleType}, normalize=${diff.normalize}${scaled}\n${renderTopText(diff.top)}`);
    }
    return 0;
  },
};
