import { type ProfileModel, addressName } from './profile.model';

/** How finely frames are merged: by function (pprof's default) or by function and source line. */
export type Granularity = 'functions' | 'lines';

/**
 * Interned frames per location. A location yields one frame per line (inlined calls expand
 * into several frames, innermost first); a location without symbols yields one frame named
 * by its address. Every aggregation walks stacks through this table, so names are computed
 * once per location instead of once per sample.
 */
export interface FrameTable {
  /** Printable name per frame id. */
  names: string[];
  /** Function name per frame id (same as names for 'functions'). */
  funcs: string[];
  /** Source file per frame id, '' when unknown. */
  files: string[];
  /** Source line per frame id (0 for 'functions' granularity or unknown). */
  lines: number[];
  /** Frames of location l are frames[locStart[l] .. locStart[l+1]), innermost first. */
  locStart: Uint32Array;
  frames: Uint32Array;
  /** True when some location has inlined frames (more than one line). */
  hasInlined: boolean;
}

/** Go's filepath.Clean for slash paths, plus pprof's trimming of /proc/self/cwd prefixes. */
export function cleanPath(p: string): string {
  if (p === '') return p;
  for (const prefix of ['/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (p.startsWith(prefix)) p = p.slice(prefix.length);
  }
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

export function buildFrameTable(m: ProfileModel, granularity: Granularity = 'functions'): FrameTable {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const funcs: string[] = [];
  const files: string[] = [];
  const lines: number[] = [];
  const intern = (name: string, func: string, file: string, line: number): number => {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.length;
      ids.set(name, id);
      names.push(name);
      funcs.push(func);
      files.push(file);
      lines.push(line);
    }
    return id;
  };

  const locCount = m.locAddress.length;
  const locStart = new Uint32Array(locCount + 1);
  let total = 0;
  for (let l = 0; l < locCount; l++) total += Math.max(1, m.locLineStart[l + 1]! - m.locLineStart[l]!);
  const frames = new Uint32Array(total);
  let hasInlined = false;
  // Names depend only on (function, line); cache them so a function seen at many addresses is named once.
  const byFuncLine = new Map<number, number>();
  let k = 0;
  for (let l = 0; l < locCount; l++) {
    locStart[l] = k;
    const a = m.locLineStart[l]!;
    const b = m.locLineStart[l + 1]!;
    if (b - a > 1) hasInlined = true;
    if (a === b) {
      const name = addressName(m.locAddress[l]!, m.locMapping[l]! >= 0);
      frames[k++] = intern(name, name, '', 0);
      continue;
    }
    for (let i = a; i < b; i++) {
      const f = m.lineFunc[i]!;
      const fname = f >= 0 ? m.funcName[f]! : '';
      if (fname === '') {
        const name = addressName(m.locAddress[l]!, m.locMapping[l]! >= 0);
        frames[k++] = intern(name, name, '', 0);
        continue;
      }
      if (granularity === 'functions') {
        const cacheKey = f;
        let id = byFuncLine.get(cacheKey);
        if (id === undefined) {
          id = intern(fname, fname, m.funcFile[f]!, 0);
          byFuncLine.set(cacheKey, id);
        }
        frames[k++] = id;
      } else {
        const line = m.lineNumber[i]!;
        const file = cleanPath(m.funcFile[f]!);
        const where = line !== 0 ? `${file}:${line}` : file;
        const name = where ? `${fname} ${where}` : fname;
        frames[k++] = intern(name, fname, file, line);
      }
    }
  }
  locStart[locCount] = k;
  return { names, funcs, files, lines, locStart, frames, hasInlined };
}
