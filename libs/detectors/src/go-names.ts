/**
 * What a Go function name says about its code: runtime, standard library, or the service's own.
 * Names are as pprof and goroutine dumps print them: "pkg/path.Func", "pkg/path.(*T).Method",
 * "pkg/path.Func.func1", "github.com/org/repo/pkg.(*T[...]).M", or a bare assembly symbol.
 */

/** The package path of a function name ("encoding/json.(*decodeState).object" -> "encoding/json"). */
export function packageOf(name: string): string {
  let end = name.length;
  for (const c of ['(', '[']) {
    const i = name.indexOf(c);
    if (i >= 0 && i < end) end = i;
  }
  const head = name.slice(0, end);
  const slash = head.lastIndexOf('/');
  const dot = head.indexOf('.', slash + 1);
  return dot >= 0 ? head.slice(0, dot) : head;
}

const RUNTIME = /^(runtime|internal\/.*|runtime\/internal\/.*|vendor\/.*)$/;

/** Runtime and runtime-internal code, plus unqualified assembly symbols (memeqbody, gcWriteBarrier). */
export function isRuntimeFunction(name: string): boolean {
  if (!name.includes('.')) return true;
  if (name.startsWith('0x')) return true;
  return RUNTIME.test(packageOf(name));
}

/** Standard library: a package path whose first element has no dot (and is not main). */
export function isStdlibFunction(name: string): boolean {
  if (isRuntimeFunction(name)) return false;
  const pkg = packageOf(name);
  if (pkg === 'main') return false;
  const first = pkg.split('/')[0]!;
  return !first.includes('.');
}

/** The service's own code (main or a module path with a domain). */
export const isUserFunction = (name: string): boolean => !isRuntimeFunction(name) && !isStdlibFunction(name);

/** A regexp source for `go tool pprof -peek/-focus` that matches exactly this function name. */
export function pprofRegex(name: string): string {
  return `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

/** Single-quotes a string for a POSIX shell. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
