import { pprofRegex, shellQuote } from './go-names';

/** Commands that show a finding's evidence, written against the input names the user gave. */

export const pprofTop = (file: string, sampleIndex?: string): string =>
  `go tool pprof -top${sampleIndex ? ` -sample_index=${sampleIndex}` : ''} ${shellQuote(file)}`;

export const pprofPeek = (file: string, fn: string, sampleIndex?: string): string =>
  `go tool pprof -peek ${shellQuote(pprofRegex(fn))}${sampleIndex ? ` -sample_index=${sampleIndex}` : ''} ${shellQuote(file)}`;

export const pprofDiff = (base: string, file: string, sampleIndex: string): string =>
  `go tool pprof -top -sample_index=${sampleIndex} -diff_base=${shellQuote(base)} ${shellQuote(file)}`;

export const pprofTraces = (file: string): string => `go tool pprof -traces ${shellQuote(file)}`;

/**
 * Counts the goroutines of a text dump that have `fn` on their stack: debug=2 prints one frame
 * line per goroutine ("pkg.fn(args)"); debug=1 prints counted stacks ("N @ ..." then
 * "#\t0x..\tpkg.fn+0x.."), so the counts of the stacks holding the frame are summed.
 */
export function dumpGrep(file: string, fn: string, format: 'debug1' | 'debug2' = 'debug2'): string {
  const gz = /\.gz$/i.test(file);
  const re = fn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (format === 'debug1') {
    const awk = `'/^[0-9]+ @/ {n=$1} /\\t${re}\\+0x/ {s+=n} END {print s+0}'`;
    return gz ? `gzip -dc ${shellQuote(file)} | awk ${awk}` : `awk ${awk} ${shellQuote(file)}`;
  }
  return `${gz ? 'zgrep' : 'grep'} -c -E ${shellQuote(`^${re}\\(`)} ${shellQuote(file)}`;
}

/** The same goroutine view from the live service (HOST is the pprof listener). */
export const curlGoroutines = (): string => `curl -s 'http://HOST:6060/debug/pprof/goroutine?debug=2'`;

export const curlProfile = (endpoint: 'heap' | 'allocs' | 'mutex' | 'block' | 'profile?seconds=30'): string =>
  `curl -s -o ${endpoint.startsWith('profile') ? 'cpu' : endpoint}.pb.gz 'http://HOST:6060/debug/pprof/${endpoint}'`;
