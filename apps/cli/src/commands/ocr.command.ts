import { AppError, isAppError } from '@memegraph/contracts';
import {
  type ImageLimits,
  type OcrPool,
  type RankedClass,
  type ScreenshotReading,
  type TextRanker,
  createOcrPool,
  createTextRanker,
  defaultOcrWorkers,
  prepareScreenshot,
  recognizeScreenshot,
  withImageLimits,
} from '@memegraph/ocr';
import { readFile, stat } from 'node:fs/promises';
import { type CliIO, type Command } from '../command';
import { ExitCode, UsageError } from '../exit-codes';
import { readInput } from '../read-input';

interface FileResult {
  file: string;
  reading?: ScreenshotReading;
  ranking?: RankedClass[];
  error?: { code: string; message: string };
}

const USAGE = `Usage: memegraph ocr IMAGE... [--json]

Reads screenshots (PNG, JPEG, WebP, GIF first frame) offline: text, code-like signatures
(commands, PromQL, panics, pod statuses, error lines) and ranked root-cause suggestions.
One process handles many images; a bad image is reported and the others continue.

Options:
  --json   print {"results":[{"file","text","signatures":[{"kind","text"}],"ranking":[{"classId","confidence"}]}]};
           a bad image gets {"file","error":{"code","message"}}

Environment:
  OCR_WORKERS       tesseract workers (default: cores, max 4; never more than the images)
  OCR_LANGUAGES     default eng+chi_sim
  OCR_TIMEOUT_MS    longest OCR of one image (default 30000)
  OCR_LANG_DIR      folder with <lang>.traineddata[.gz] (default: the bundled npm data; never downloaded)
  OCR_CACHE_DIR     where the language folder is linked (default: the system temp folder)
  MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_IMAGE_WIDTH, MAX_IMAGE_HEIGHT
                    input limits (default 10 MiB, 40,000,000 px, 10,000 × 20,000 px)

Exit codes: 0 all read, 2 usage, 3 at least one image unreadable (the others are still printed).`;

function intEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('VALIDATION_FAILED', `${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** Reads a file after checking its size, so a huge file is refused without loading it. */
async function readImageFile(path: string, limits: ImageLimits): Promise<Buffer> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile() && info.size > limits.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `image is ${info.size} bytes; the limit is ${limits.maxBytes}`, { bytes: info.size, maxBytes: limits.maxBytes });
  }
  return readInput(path, readFile);
}

/** Ranking is a suggestion: if it fails, the reading still stands (with no ranking). */
function safeRank(rank: TextRanker, text: string, io: CliIO): RankedClass[] {
  try {
    return rank(text).slice(0, 3);
  } catch (err) {
    io.stderr(`memegraph ocr: ranking failed: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
}

function printHuman(io: CliIO, r: FileResult): void {
  if (r.error) {
    io.stderr(`memegraph ocr: ${r.file}: ${r.error.code}: ${r.error.message}`);
    return;
  }
  const x = r.reading!;
  io.stdout(`== ${r.file}  (${x.variant}, confidence ${Math.round(x.confidence)}, ${(x.ms / 1000).toFixed(2)} s)`);
  io.stdout(x.text || '(no text found)');
  if (x.signatures.length > 0) {
    io.stdout('signatures:');
    const w = Math.max(...x.signatures.map((s) => s.kind.length));
    for (const s of x.signatures) io.stdout(`  ${s.kind.padEnd(w)}  ${s.text}${s.value && !s.text.includes(s.value) ? `  [${s.value}]` : ''}`);
  }
  if (r.ranking && r.ranking.length > 0) {
    io.stdout(`ranking: ${r.ranking.map((c) => `${c.classId} ${c.confidence.toFixed(2)}`).join(', ')}`);
  }
  io.stdout('');
}

const toJson = (r: FileResult) =>
  r.error
    ? { file: r.file, error: r.error }
    : {
        file: r.file,
        text: r.reading!.text,
        signatures: r.reading!.signatures.map((s) => ({ kind: s.kind, text: s.text })),
        ranking: (r.ranking ?? []).map((c) => ({ classId: c.classId, confidence: c.confidence })),
      };

/** Builds the command; tests inject the environment and a ranker. */
export function makeOcrCommand(deps: { env?: NodeJS.ProcessEnv; rank?: TextRanker } = {}): Command {
  return {
    name: 'ocr',
    summary: 'read screenshots offline: text, signatures, ranked root causes',
    usage: USAGE,
    async run(args, io) {
      const json = args.includes('--json');
      const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
      if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
      const files = args.filter((a) => !a.startsWith('-'));
      if (files.length === 0) throw new UsageError('expected at least one IMAGE');

      const env = deps.env ?? process.env;
      // Root-cause suggestions from @memegraph/diagnosis (its model is built on first use).
      const rank = deps.rank ?? createTextRanker({ top: 3 });
      const overrides: Partial<ImageLimits> = {};
      for (const [key, name] of [['maxBytes', 'MAX_IMAGE_BYTES'], ['maxPixels', 'MAX_IMAGE_PIXELS'], ['maxWidth', 'MAX_IMAGE_WIDTH'], ['maxHeight', 'MAX_IMAGE_HEIGHT']] as const) {
        const v = intEnv(env, name);
        if (v !== undefined) overrides[key] = v;
      }
      const limits = withImageLimits(overrides);
      const workers = Math.min(intEnv(env, 'OCR_WORKERS') ?? defaultOcrWorkers(), files.length);

      const poolOptions = {
        workers,
        languages: env.OCR_LANGUAGES || undefined,
        timeoutMs: intEnv(env, 'OCR_TIMEOUT_MS'),
        langDir: env.OCR_LANG_DIR || undefined,
        cacheDir: env.OCR_CACHE_DIR || undefined,
      };
      // Workers start once, when the first image passes the guard, serve every image and are
      // closed at the end so the process exits.
      let pool: Promise<OcrPool> | undefined;
      const results: FileResult[] = new Array(files.length);
      let printed = 0;
      try {
        let next = 0;
        // One more image in flight than workers, so decoding and preprocessing overlap OCR.
        const lanes = Array.from({ length: Math.min(files.length, workers + 1) }, async () => {
          while (next < files.length) {
            const i = next++;
            const file = files[i]!;
            try {
              const prepared = await prepareScreenshot(await readImageFile(file, limits), limits);
              const reading = await recognizeScreenshot(await (pool ??= createOcrPool(poolOptions)), prepared);
              results[i] = { file, reading, ranking: safeRank(rank, reading.text, io) };
            } catch (err) {
              // An image's own failure is reported in its entry; no OCR engine at all stops the run.
              if (!isAppError(err) || err.code === 'DEPENDENCY_UNAVAILABLE') throw err;
              results[i] = { file, error: { code: err.code, message: err.message } };
            }
            // Human output streams in input order.
            while (!json && printed < files.length && results[printed]) printHuman(io, results[printed++]!);
          }
        });
        await Promise.all(lanes);
      } finally {
        const started = await pool?.catch(() => undefined);
        await started?.close();
      }
      if (json) io.stdout(JSON.stringify({ results: results.map(toJson) }));
      return results.some((r) => r.error) ? ExitCode.badInput : ExitCode.ok;
    },
  };
}

export const ocrCommand: Command = makeOcrCommand();
