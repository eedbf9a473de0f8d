import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type FilterOptions } from '@memegraph/pprof';
import { UsageError } from './exit-codes';

type Options = NonNullable<ParseArgsConfig['options']>;
/** Option values by name: strings for string options, booleans for flags. */
type ParsedValues<O extends Options> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

/** node:util parseArgs in strict mode, with its errors turned into usage errors. */
export function parseOptions<O extends Options>(args: string[], options: O): { values: ParsedValues<O>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedValues<O>, positionals: parsed.positionals };
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/** pprof's sample filters as options, shared by top, flame and diff. */
export const filterOptions = {
  focus: { type: 'string' },
  ignore: { type: 'string' },
  hide: { type: 'string' },
  show: { type: 'string' },
  tagfocus: { type: 'string' },
  tagignore: { type: 'string' },
} as const;

export const FILTER_USAGE = [
  '  --focus RE        keep samples with a frame matching RE (function, file or binary)',
  '  --ignore RE       drop samples with a frame matching RE',
  '  --hide RE         remove frames matching RE from stacks',
  '  --show RE         keep only frames matching RE',
  '  --tagfocus F      keep samples whose labels match F: "RE", "key=RE" or "key=10kb:1mb"',
  '  --tagignore F     drop samples whose labels match F',
].join('\n');

export function filtersFrom(values: Partial<Record<keyof typeof filterOptions, string | boolean | undefined>>): FilterOptions {
  const s = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
  return {
    focus: s(values.focus),
    ignore: s(values.ignore),
    hide: s(values.hide),
    show: s(values.show),
    tagFocus: s(values.tagfocus),
    tagIgnore: s(values.tagignore),
  };
}

/** A non-negative integer option. */
export function intOption(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be an integer >= ${min}, not "${value}"`);
  return Number(value);
}

/** A fraction option in [0, 1]. */
export function fractionOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--${name} must be a number from 0 to 1, not "${value}"`);
  return n;
}
