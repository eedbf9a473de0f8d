#!/usr/bin/env node
/* global process, console */
// Regenerates test/data/oracles: `go tool pprof -top` outputs for options the shared fixtures'
// oracles do not cover (-lines, -nodecount, -nodefraction, -sample_index=N, filters,
// -diff_base, -normalize). Needs go and the shared fixtures (FIXTURES overrides the folder).
// Usage: node libs/pprof/test/gen-oracles.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = process.env.FIXTURES ?? resolve(here, '../../../../shared/fixtures/pprof');
const out = join(here, 'data/oracles');

/** [name, memegraph options, pprof flags]; options.profile / options.base name shared fixtures. */
const cases = [
  ['lines-healthy-cpu', { profile: 'healthy.cpu.pb.gz', granularity: 'lines' }, ['-lines']],
  ['lines-gc-heap-alloc-space', { profile: 'gc-pressure.heap.pb.gz', granularity: 'lines', sampleIndex: 'alloc_space' }, ['-lines', '-sample_index=alloc_space']],
  ['nodecount-10-json', { profile: 'cpu-reflection-json.cpu.pb.gz', nodeCount: 10 }, ['-nodecount=10']],
  ['nodecount-25-large', { profile: 'large-cpu-profile.cpu.pb.gz', nodeCount: 25 }, ['-nodecount=25']],
  ['nodefraction-5pct', { profile: 'healthy.cpu.pb.gz', nodeFraction: 0.05 }, ['-nodefraction=0.05']],
  ['nodefraction-0', { profile: 'healthy.cpu.pb.gz', nodeFraction: 0 }, ['-nodefraction=0']],
  ['sample-index-number', { profile: 'mutex-contention.mutex.pb.gz', sampleIndex: '0' }, ['-sample_index=0']],
  ['focus-json', { profile: 'cpu-reflection-json.cpu.pb.gz', filters: { focus: 'encoding/json' } }, ['-focus=encoding/json']],
  ['ignore-runtime', { profile: 'healthy.cpu.pb.gz', filters: { ignore: 'runtime\\.' } }, ['-ignore=runtime\\.']],
  ['hide-runtime', { profile: 'healthy.cpu.pb.gz', filters: { hide: 'runtime\\.' } }, ['-hide=runtime\\.']],
  ['show-main', { profile: 'healthy.cpu.pb.gz', filters: { show: 'main\\.|net/http' } }, ['-show=main\\.|net/http']],
  ['focus-ignore', { profile: 'healthy.cpu.pb.gz', filters: { focus: 'net/http', ignore: 'syscall' } }, ['-focus=net/http', '-ignore=syscall']],
  ['focus-file', { profile: 'healthy.cpu.pb.gz', filters: { focus: 'sha256block_amd64' } }, ['-focus=sha256block_amd64']],
  ['hide-goroutine', { profile: 'big-goroutine-dump.goroutine.pb.gz', filters: { hide: '^runtime' } }, ['-hide=^runtime']],
  ['tagfocus-route', { profile: 'large-cpu-profile.cpu.pb.gz', filters: { tagFocus: 'route=resource/(1|2)$' } }, ['-tagfocus=route=resource/(1|2)$']],
  ['tagignore-tenant', { profile: 'large-cpu-profile.cpu.pb.gz', filters: { tagIgnore: 'tenant=-3' } }, ['-tagignore=tenant=-3']],
  ['tagfocus-anykey', { profile: 'large-cpu-profile.cpu.pb.gz', filters: { tagFocus: 'tenant:tenant-1$,route:resource/2' } }, ['-tagfocus=tenant:tenant-1$,route:resource/2']],
  ['tagfocus-bytes-range', { profile: 'gc-pressure.heap.pb.gz', sampleIndex: 'alloc_space', filters: { tagFocus: 'bytes=64:1kb' } }, ['-sample_index=alloc_space', '-tagfocus=bytes=64:1kb']],
  ['tagfocus-bytes-range-units', { profile: 'gc-pressure.heap.pb.gz', sampleIndex: 'alloc_space', filters: { tagFocus: 'bytes=64b:1kb' } }, ['-sample_index=alloc_space', '-tagfocus=bytes=64b:1kb']],
  ['tagfocus-bytes-min', { profile: 'gc-pressure.heap.pb.gz', filters: { tagFocus: 'bytes=4kb:' } }, ['-tagfocus=bytes=4kb:']],
  ['diff-heap-leak', { base: 'heap-leak.heap.t1.pb.gz', profile: 'heap-leak.heap.t2.pb.gz' }, []],
  ['diff-heap-leak-alloc-objects-normalized', { base: 'heap-leak.heap.t1.pb.gz', profile: 'heap-leak.heap.t2.pb.gz', sampleIndex: 'alloc_objects', normalize: 'total' }, ['-normalize', '-sample_index=alloc_objects']],
  ['diff-goroutine-leak', { base: 'goroutine-leak-chan.goroutine.t1.pb.gz', profile: 'goroutine-leak-chan.goroutine.t2.pb.gz' }, []],
  ['diff-cpu-programs', { base: 'healthy.cpu.pb.gz', profile: 'gc-pressure.cpu.pb.gz' }, []],
  ['diff-cpu-programs-normalized', { base: 'healthy.cpu.pb.gz', profile: 'gc-pressure.cpu.pb.gz', normalize: 'total' }, ['-normalize']],
  ['diff-focus', { base: 'healthy.cpu.pb.gz', profile: 'gc-pressure.cpu.pb.gz', filters: { focus: 'main' } }, ['-focus=main']],
  ['diff-allocs-space', { base: 'heap-leak.allocs.t1.pb.gz', profile: 'heap-leak.allocs.t2.pb.gz', sampleIndex: 'alloc_space' }, ['-sample_index=alloc_space']],
];

mkdirSync(out, { recursive: true });
const index = [];
for (const [name, options, flags] of cases) {
  const argv = ['tool', 'pprof', '-top', '-symbolize=none', ...flags];
  if (options.base) argv.push(`-diff_base=${join(fixtures, options.base)}`);
  argv.push(join(fixtures, options.profile));
  writeFileSync(join(out, `${name}.txt`), execFileSync('go', argv, { stdio: ['ignore', 'pipe', 'ignore'] }));
  index.push({ name, options, pprof: ['go', ...argv.slice(0, -1).map((a) => a.replace(fixtures + '/', '')), options.profile].join(' ') });
}
writeFileSync(join(out, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
console.log(`wrote ${index.length} oracles to ${out}`);
