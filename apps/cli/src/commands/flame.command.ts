import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { buildCallTree, callTreeToJSON, hasSymbols, readProfile, renderFlameGraphSvg, toFolded, toSpeedscope } from '@memegraph/pprof';
import { type Command } from '../command';
import { UsageError } from '../exit-codes';
import { FILTER_USAGE, filterOptions, filtersFrom, fractionOption, parseOptions } from '../options';
import { readInput } from '../read-input';
import { NO_SYMBOLS } from './top.command';

/** Writes to a file, or to stdout for "-". */
export async function emit(out: string, text: string, io: { stdout: (t: string) => void; stderr: (t: string) => void }, what: string): Promise<void> {
  if (out === '-') {
    io.stdout(text);
    return;
  }
  await writeFile(out, text);
  io.stderr(`wrote ${what} to ${out} (${Buffer.byteLength(text)} bytes)`);
}

export const flameCommand: Command = {
  name: 'flame',
  summary: 'flame graph of a pprof profile: SVG, folded stacks, speedscope or tree JSON',
  usage: [
    'Usage: memegraph flame FILE [--sample-index NAME] (--svg OUT | --folded OUT | --speedscope OUT | --json OUT)',
    '',
    'Merges the stacks of a pprof profile into a call tree and writes it in one or more formats',
    '(OUT "-" is stdout):',
    '  --svg OUT          self-contained SVG flame graph (tooltips, no JavaScript needed)',
    '  --folded OUT       folded stacks for FlameGraph ("a;b;c 123")',
    '  --speedscope OUT   speedscope JSON (sampled profile)',
    '  --json OUT         compact call tree JSON (flat arrays, interned names)',
    '',
    'Options:',
    '  --sample-index NAME  sample type (default: the profile default, else the last type)',
    '  --min-fraction F     fold nodes below F of the total into "(other)" (default 0: keep all)',
    '  --inverted           bottom-up tree: leaf functions first',
    '  --title TEXT         SVG title',
    FILTER_USAGE,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      'sample-index': { type: 'string' },
      svg: { type: 'string' },
      folded: { type: 'string' },
      speedscope: { type: 'string' },
      json: { type: 'string' },
      'min-fraction': { type: 'string' },
      inverted: { type: 'boolean' },
      title: { type: 'string' },
      ...filterOptions,
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    if (!values.svg && !values.folded && !values.speedscope && !values.json) throw new UsageError('choose an output: --svg, --folded, --speedscope or --json');
    const file = positionals[0]!;
    const model = readProfile(await readInput(file, readFile));
    if (!hasSymbols(model)) io.stderr(NO_SYMBOLS);
    const tree = buildCallTree(model, {
      sampleIndex: values['sample-index'],
      minFraction: fractionOption('min-fraction', values['min-fraction']),
      inverted: values.inverted,
      filters: filtersFrom(values),
    });
    if (values.svg) {
      const title = values.title ?? `${basename(file)}: ${tree.sampleType}${values.inverted ? ' (bottom-up)' : ''}`;
      await emit(values.svg, renderFlameGraphSvg(tree, { title }), io, 'SVG flame graph');
    }
    if (values.folded) await emit(values.folded, toFolded(tree), io, 'folded stacks');
    if (values.speedscope) {
      await emit(values.speedscope, JSON.stringify(toSpeedscope(tree, { name: `${basename(file)} ${tree.sampleType}` })), io, 'speedscope profile');
    }
    if (values.json) await emit(values.json, JSON.stringify(callTreeToJSON(tree)), io, 'call tree JSON');
    return 0;
  },
};
