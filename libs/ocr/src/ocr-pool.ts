import { AppError, isAppError } from '@memegraph/contracts';
import { availableParallelism } from 'node:os';
import { type Worker as ThreadWorker } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { parseLanguages, prepareLanguageFolder } from './lang-data';

export interface OcrPoolOptions {
  /** Tesseract workers (threads) kept alive; default: number of cores, at most 4. */
  workers?: number;
  /** Languages as tesseract spells them, joined with `+`; default `eng+chi_sim`. */
  languages?: string;
  /** A folder holding `<lang>.traineddata[.gz]`; default: the installed `@tesseract.js-data/*` packages. */
  langDir?: string;
  /** Where the combined language folder is built; default `<tmpdir>/memegraph-ocr-<uid>`. */
  cacheDir?: string;
  /** Longest one image may take once a worker has it (ms); the worker is then replaced. Default 30 s. */
  timeoutMs?: number;
  /** Longest a worker may take to start (ms); default 60 s. */
  startTimeoutMs?: number;
  /** Tesseract page segmentation mode; default 6 (one uniform block), which keeps table rows together. */
  psm?: number;
}

export interface OcrResult {
  text: string;
  /** Tesseract's mean word confidence, 0..100. */
  confidence: number;
  /** Time in the engine (excludes queueing). */
  ms: number;
}

export interface OcrPool {
  /**
   * Recognises an image tesseract can read (PNG, JPEG, PNM, ...) as is: no guard, no
   * preprocessing (see readScreenshot). `timeoutMs` overrides the pool's per-image timeout.
   */
  recognize(image: Buffer, options?: { timeoutMs?: number }): Promise<OcrResult>;
  /** Stops every worker; pending jobs fail with DEPENDENCY_UNAVAILABLE. Idempotent. */
  close(): Promise<void>;
  readonly size: number;
  readonly languages: string;
  /** Counters for monitoring and tests. */
  stats(): { workers: number; busy: number; queued: number; restarts: number; completed: number; failed: number };
}

export const DEFAULT_OCR_LANGUAGES = 'eng+chi_sim';

/** Default pool size: one worker per core, at most 4 (each worker holds ~150–200 MB). */
export const defaultOcrWorkers = (): number => Math.max(1, Math.min(4, availableParallelism()));

type TessWorker = Tesseract.Worker & { worker?: ThreadWorker };

interface Job {
  image: Buffer;
  timeoutMs: number;
  resolve: (r: OcrResult) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker?: TessWorker;
  job?: Job;
  starting: boolean;
  /** Bumped on every replacement so late events from a retired worker are ignored. */
  generation: number;
  failures: number;
}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Starts `workers` tesseract.js workers once and shares them between jobs (FIFO). Each image
 * runs on one worker with a timeout; a worker whose image times out or fails is terminated
 * and replaced, so one bad image costs one restart and never the process or the pool.
 */
export async function createOcrPool(options: OcrPoolOptions = {}): Promise<OcrPool> {
  const size = options.workers ?? defaultOcrWorkers();
  if (!Number.isInteger(size) || size < 1 || size > 64) throw new AppError('BAD_REQUEST', `OCR workers must be an integer in 1..64, got ${String(options.workers)}`);
  const languages = parseLanguages(options.languages ?? DEFAULT_OCR_LANGUAGES).join('+');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const psm = options.psm ?? 6;
  // Throws before any worker exists when a language file is missing or corrupt.
  const { langPath } = prepareLanguageFolder(languages, { langDir: options.langDir, cacheDir: options.cacheDir });

  const slots: Slot[] = Array.from({ length: size }, () => ({ starting: false, generation: 0, failures: 0 }));
  const queue: Job[] = [];
  let closed = false;
  let restarts = 0;
  let completed = 0;
  let failed = 0;

  async function spawn(): Promise<TessWorker> {
    const creating = Tesseract.createWorker(languages, Tesseract.OEM.LSTM_ONLY, {
      langPath,
      gzip: false,
      // Never read or write `<lang>.traineddata` in the working directory.
      cacheMethod: 'none',
      // Without a handler tesseract.js throws from an event listener and kills the process.
      errorHandler: () => undefined,
    }) as Promise<TessWorker>;
    let worker: TessWorker;
    try {
      worker = await withTimeout(creating, startTimeoutMs, () => new AppError('DEPENDENCY_UNAVAILABLE', `an OCR worker did not start within ${startTimeoutMs} ms`));
    } catch (err) {
      // A worker that shows up after the timeout is stopped at once.
      void creating.then((w) => w.terminate()).catch(() => undefined);
      throw err;
    }
    try {
      // PSM 6: one uniform block (table rows stay rows). A fixed DPI stops tesseract guessing it
      // from each image (and warning about it).
      await worker.setParameters({ tessedit_pageseg_mode: String(psm) as Tesseract.PSM, user_defined_dpi: '300' });
    } catch (err) {
      await worker.terminate().catch(() => undefined);
      throw err;
    }
    return worker;
  }

  function attach(slot: Slot, worker: TessWorker): void {
    slot.worker = worker;
    slot.starting = false;
    const generation = slot.generation;
    // A crash inside the thread ('error'/'exit') must fail the job and replace the worker,
    // not surface as an uncaught exception.
    const onDeath = (why: string) => {
      if (slot.generation !== generation || closed) return;
      retire(slot, new AppError('INTERNAL', `the OCR worker stopped: ${why}`));
    };
    worker.worker?.on('error', (e) => onDeath(message(e)));
    worker.worker?.on('exit', (code) => onDeath(`exit code ${code}`));
  }

  /** Terminates a slot's worker (failing its job with `err`) and starts a replacement. */
  function retire(slot: Slot, err: unknown): void {
    slot.generation++;
    const job = slot.job;
    const worker = slot.worker;
    slot.job = undefined;
    slot.worker = undefined;
    if (worker) void worker.terminate().catch(() => undefined);
    if (job) {
      failed++;
      job.reject(err);
    }
    if (!closed) {
      restarts++;
      start(slot);
    }
  }

  function start(slot: Slot): void {
    slot.starting = true;
    const generation = slot.generation;
    spawn().then(
      (w) => {
        if (closed || slot.generation !== generation) {
          void w.terminate().catch(() => undefined);
          return;
        }
        slot.failures = 0;
        attach(slot, w);
        dispatch();
      },
      (err) => {
        slot.starting = false;
        slot.failures++;
        if (closed || slot.generation !== generation) return;
        // Retry with backoff a few times; queued jobs fail only when no worker is left at all.
        if (slot.failures < 5) {
          slot.starting = true;
          setTimeout(() => {
            slot.starting = false;
            if (!closed && slot.generation === generation) start(slot);
          }, 500 * slot.failures).unref();
        }
        if (!slots.some((s) => s.worker || s.starting)) {
          for (const job of queue.splice(0)) job.reject(isAppError(err) ? err : new AppError('DEPENDENCY_UNAVAILABLE', `no OCR worker could be started: ${message(err)}`));
        }
      },
    );
  }

  function run(slot: Slot, job: Job): void {
    const worker = slot.worker!;
    const generation = slot.generation;
    slot.job = job;
    const started = performance.now();
    const limit = job.timeoutMs;
    withTimeout(worker.recognize(job.image), limit, () => new AppError('LIMIT_EXCEEDED', `OCR of one image took longer than ${limit} ms`, { timeoutMs: limit })).then(
      (res) => {
        if (slot.generation !== generation) return;
        slot.job = undefined;
        completed++;
        job.resolve({ text: res.data.text ?? '', confidence: res.data.confidence ?? 0, ms: Math.round(performance.now() - started) });
        dispatch();
      },
      (err) => {
        if (slot.generation !== generation) return;
        // After a failure the engine's state is unknown: replace the worker, keep the pool.
        const e = isAppError(err) ? err : new AppError('CORRUPT_IMAGE', `the OCR engine could not read the image: ${message(err)}`, { reason: 'ocr-failed' });
        retire(slot, e);
        dispatch();
      },
    );
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (slot.worker && !slot.job) run(slot, queue.shift()!);
    }
  }

  // Start all workers together; fail (and stop the ones that started) if any cannot start.
  const first = await Promise.allSettled(slots.map(() => spawn()));
  const bad = first.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (bad) {
    await Promise.all(first.map((r) => (r.status === 'fulfilled' ? r.value.terminate().catch(() => undefined) : undefined)));
    throw isAppError(bad.reason) ? bad.reason : new AppError('DEPENDENCY_UNAVAILABLE', `OCR workers could not start: ${message(bad.reason)}`);
  }
  first.forEach((r, i) => attach(slots[i]!, (r as PromiseFulfilledResult<TessWorker>).value));

  return {
    size,
    languages,
    recognize(image: Buffer, opts: { timeoutMs?: number } = {}): Promise<OcrResult> {
      if (closed) return Promise.reject(new AppError('DEPENDENCY_UNAVAILABLE', 'the OCR pool is closed'));
      if (!Buffer.isBuffer(image) || image.length === 0) return Promise.reject(new AppError('EMPTY_FILE', 'no image bytes given to OCR'));
      // Every worker failed to restart (5 tries each): fail now rather than queue forever.
      if (!slots.some((s) => s.worker || s.starting)) return Promise.reject(new AppError('DEPENDENCY_UNAVAILABLE', 'no OCR worker is running (restarts failed)'));
      return new Promise<OcrResult>((resolve, reject) => {
        queue.push({ image, timeoutMs: opts.timeoutMs ?? timeoutMs, resolve, reject });
        dispatch();
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const err = new AppError('DEPENDENCY_UNAVAILABLE', 'the OCR pool was closed');
      for (const job of queue.splice(0)) job.reject(err);
      await Promise.all(
        slots.map(async (slot) => {
          slot.generation++;
          const { worker, job } = slot;
          slot.worker = undefined;
          slot.job = undefined;
          job?.reject(err);
          if (worker) await worker.terminate().catch(() => undefined);
        }),
      );
    },
    stats() {
      return {
        workers: slots.filter((s) => s.worker).length,
        busy: slots.filter((s) => s.job).length,
        queued: queue.length,
        restarts,
        completed,
        failed,
      };
    },
  };
}
