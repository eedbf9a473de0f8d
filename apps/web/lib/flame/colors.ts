/**
 * Frame colours that say where the time goes at a glance: the service's own code (main and
 * third-party modules) hot red/orange, the standard library amber, the Go runtime cool teal.
 * Hue and lightness vary by package (stable hash), so neighbouring packages stay apart.
 */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** "github.com/a/b/pkg.(*T).M" → "github.com/a/b/pkg"; "runtime.mallocgc" → "runtime". */
export function goPackage(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot < 0 ? name : name.slice(0, dot);
}

export type FrameFamily = 'runtime' | 'std' | 'app' | 'other';

export function frameFamily(name: string): FrameFamily {
  const pkg = goPackage(name);
  // The scheduler, allocator and GC; runtime/pprof, runtime/debug and runtime/trace are ordinary std packages.
  if (pkg === 'runtime' || pkg.startsWith('runtime/internal/') || pkg.startsWith('internal/') || pkg === 'sync/atomic' || name.startsWith('runtime·') || name === 'gcWriteBarrier')
    return 'runtime';
  const first = pkg.split('/')[0] ?? '';
  if (pkg === 'main' || first.includes('.')) return 'app';
  if (/^[a-z][a-z0-9_]*$/.test(first)) return 'std';
  return 'other';
}

export function frameColor(name: string): string {
  const pkg = goPackage(name);
  const h = hash(pkg);
  const h2 = hash(name);
  switch (frameFamily(name)) {
    case 'runtime':
      return `hsl(${185 + (h % 25)}, ${38 + (h2 % 12)}%, ${60 + (h2 % 10)}%)`;
    case 'std':
      return `hsl(${34 + (h % 16)}, ${78 + (h2 % 10)}%, ${58 + (h2 % 10)}%)`;
    case 'app':
      return `hsl(${2 + (h % 22)}, ${72 + (h2 % 14)}%, ${60 + (h2 % 8)}%)`;
    default:
      return `hsl(${50 + (h % 20)}, ${55 + (h2 % 10)}%, ${62 + (h2 % 8)}%)`;
  }
}

/**
 * Diff colour: red where the new profile grew, blue where it shrank, saturation by how much of
 * the biggest change this frame's change is (square root, so medium changes still show).
 */
export function diffColor(delta: number, maxDelta: number, light: boolean): string {
  if (!maxDelta || delta === 0) return light ? 'hsl(220, 8%, 86%)' : 'hsl(220, 8%, 70%)';
  const s = Math.min(1, Math.sqrt(Math.abs(delta) / maxDelta));
  const sat = Math.round(25 + 70 * s);
  const lig = Math.round((light ? 88 : 80) - 30 * s);
  return delta > 0 ? `hsl(2, ${sat}%, ${lig}%)` : `hsl(214, ${sat}%, ${lig}%)`;
}

export const SEARCH_COLOR = '#e879f9';
