import { AppError } from '@memegraph/contracts';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, symlinkSync, copyFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';

/**
 * Language data for tesseract.js, strictly local. tesseract.js takes ONE `langPath` folder for
 * all languages and would download from a CDN without it, so every run builds (or reuses) a
 * folder of links to the installed `@tesseract.js-data/<lang>` packages, or to the files of a
 * configured folder, after checking each file exists and looks like traineddata. Nothing is
 * ever fetched.
 */

/** Languages shipped as npm packages (LSTM "best_int" models, gzipped). */
const PACKAGED = ['eng', 'chi_sim'] as const;

/** Where `@tesseract.js-data/<lang>` keeps its model, or undefined when the package is absent. */
export function packagedLanguageFile(lang: string): string | undefined {
  if (!(PACKAGED as readonly string[]).includes(lang)) return undefined;
  try {
    const pkg = require.resolve(`@tesseract.js-data/${lang}/package.json`);
    const file = join(dirname(pkg), '4.0.0_best_int', `${lang}.traineddata.gz`);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Parses `eng+chi_sim` into language codes; codes are checked so they are safe file names. */
export function parseLanguages(languages: string): string[] {
  const langs = languages.split('+').map((l) => l.trim()).filter(Boolean);
  if (langs.length === 0) throw new AppError('BAD_REQUEST', 'no OCR language given');
  for (const l of langs) {
    if (!/^[a-z][a-z0-9_]{1,31}$/i.test(l)) throw new AppError('BAD_REQUEST', `invalid OCR language code "${l}"`);
  }
  return [...new Set(langs)];
}

function readHead(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

function readTail(file: string, size: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4);
    readSync(fd, buf, 0, 4, size - 4);
    return buf;
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks that a file is traineddata (optionally gzipped) by its offset table: a count of
 * entries, then that many 64-bit offsets, each -1 or inside the file, in increasing order.
 * tesseract.js crashes the whole process on garbage data, so garbage must never reach it.
 * Reads a few KB, never the whole model (the gzip trailer gives the uncompressed size).
 */
export function checkTraineddata(file: string): string | undefined {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return 'missing';
  }
  if (size < 64) return 'too small';
  let head = readHead(file, 16 * 1024);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    size = readTail(file, size).readUInt32LE(0);
    try {
      head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return 'not valid gzip';
    }
  }
  if (head.length < 12) return 'truncated';
  const n = head.readUInt32LE(0);
  if (n < 1 || n > 64 || head.length < 4 + 8 * n) return 'no traineddata offset table';
  let last = 4 + 8 * n - 1;
  let present = 0;
  for (let i = 0; i < n; i++) {
    const off = Number(head.readBigInt64LE(4 + 8 * i));
    if (off === -1) continue;
    if (off <= last || off >= size) return 'corrupt traineddata offset table';
    last = off;
    present++;
  }
  return present > 0 ? undefined : 'empty traineddata';
}

export interface LanguageFolder {
  /** The folder to give tesseract.js as `langPath` (with `gzip: false`). */
  langPath: string;
  /** Source file of each language. */
  files: Record<string, string>;
}

/**
 * Resolves each language to a local file and links them all into one folder under `cacheDir`
 * as `<lang>.traineddata` (tesseract.js recognises gzipped content by its magic bytes, so
 * `.gz` sources work under that name with `gzip: false`). Throws DEPENDENCY_UNAVAILABLE, naming
 * the missing or bad files, before any worker is started.
 */
export function prepareLanguageFolder(languages: string, options: { langDir?: string; cacheDir?: string } = {}): LanguageFolder {
  const langs = parseLanguages(languages);
  const files: Record<string, string> = {};
  const problems: string[] = [];
  for (const lang of langs) {
    let file: string | undefined;
    if (options.langDir) {
      file = [`${lang}.traineddata`, `${lang}.traineddata.gz`].map((f) => join(options.langDir!, f)).find((f) => existsSync(f));
      if (!file) problems.push(`${lang}: no ${lang}.traineddata or ${lang}.traineddata.gz in ${options.langDir}`);
    } else {
      file = packagedLanguageFile(lang);
      if (!file) problems.push(`${lang}: the npm package @tesseract.js-data/${lang} is not installed (or give a langDir holding ${lang}.traineddata)`);
    }
    if (!file) continue;
    const bad = checkTraineddata(file);
    if (bad) problems.push(`${lang}: ${file} is not usable traineddata (${bad})`);
    else files[lang] = file;
  }
  if (problems.length > 0) {
    throw new AppError('DEPENDENCY_UNAVAILABLE', `OCR language data unavailable (nothing is downloaded): ${problems.join('; ')}`, { problems });
  }

  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const langPath = join(options.cacheDir ?? join(tmpdir(), `memegraph-ocr-${uid}`), 'lang');
  mkdirSync(langPath, { recursive: true, mode: 0o700 });
  for (const lang of langs) link(files[lang]!, join(langPath, `${lang}.traineddata`));
  return { langPath, files };
}

/** Points `target` at `source`; atomic (rename over), so concurrent processes never see a half state. */
function link(source: string, target: string): void {
  try {
    if (readlinkSync(target) === source) return;
  } catch {
    // Not a link (or absent): replace it.
  }
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    symlinkSync(source, tmp);
  } catch {
    copyFileSync(source, tmp);
  }
  try {
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
