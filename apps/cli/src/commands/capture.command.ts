import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CAPTURE_FILES, CAPTURE_KINDS, type CaptureKind, type FetchLike, captureProfiles } from '@memegraph/pprof';
import { type Command } from '../command';
import { UsageError, exitCodeFor } from '../exit-codes';
import { intOption, parseOptions } from '../options';

export const captureCommand: Command = {
  name: 'capture',
  summary: 'capture cpu, heap, allocs, goroutine, mutex and block profiles from a live Go service',
  usage: [
    'Usage: memegraph capture URL [--seconds N] --out DIR',
    '',
    'Fetches the net/http/pprof endpoints of URL (e.g. http://127.0.0.1:6060) and writes',
    'cpu.pb.gz, heap.pb.gz, allocs.pb.gz, goroutine.pb.gz, goroutine.debug2.txt, mutex.pb.gz and',
    'block.pb.gz into DIR. Redirects are never followed. A failing endpoint does not stop the',
    'others; the exit code then reflects the first failure.',
    '',
    'Options:',
    '  --seconds N     CPU profile duration (default 10)',
    '  --out DIR       where to write the files (created if missing)',
    `  --kinds LIST    comma-separated subset of ${CAPTURE_KINDS.join(',')}`,
    '  --timeout S     per-request timeout for the snapshot endpoints in seconds (default 30)',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      seconds: { type: 'string' },
      out: { type: 'string' },
      kinds: { type: 'string' },
      timeout: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one URL');
    if (!values.out) throw new UsageError('--out DIR is required');
    const kinds = values.kinds?.split(',').map((k) => k.trim()) as CaptureKind[] | undefined;
    for (const k of kinds ?? []) if (!CAPTURE_KINDS.includes(k)) throw new UsageError(`unknown kind "${k}"; kinds are ${CAPTURE_KINDS.join(', ')}`);
    const seconds = intOption('seconds', values.seconds, 1) ?? 10;
    const timeout = intOption('timeout', values.timeout, 1);
    const result = await captureProfiles({
      baseUrl: positionals[0]!,
      seconds,
      kinds,
      timeoutMs: timeout ? timeout * 1000 : undefined,
      fetch: globalThis.fetch as unknown as FetchLike,
    });
    if (result.artifacts.length > 0) await mkdir(values.out, { recursive: true });
    for (const a of result.artifacts) {
      const path = join(values.out, CAPTURE_FILES[a.kind]);
      await writeFile(path, a.bytes);
      io.stdout(`wrote ${path} (${a.bytes.length} bytes) from ${a.url}`);
    }
    for (const f of result.failures) io.stderr(`memegraph capture: ${f.kind}: ${f.error.code}: ${f.error.message}`);
    return result.failures.length === 0 ? 0 : exitCodeFor(result.failures[0]!.error);
  },
};
