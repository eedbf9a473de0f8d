import { decodeImage, type ImageLimits, DEFAULT_IMAGE_LIMITS } from './image-guard';
import { type OcrPool } from './ocr-pool';
import { type ImageKind, type PreparedImage, type Preprocessed, type PreprocessOptions, preprocess } from './preprocess';
import { type Signature } from './code-lines';
import { extractScreenshotSignatures } from './signatures';
import { cleanOcrText } from './text-cleanup';

export interface ScreenshotReading {
  /** The recognised text, tidied (see cleanOcrText); signature offsets point into it. */
  text: string;
  /** Tesseract's mean word confidence, 0..100. */
  confidence: number;
  signatures: Signature[];
  /** Wall time for the whole reading (guard, preprocessing, OCR, extraction). */
  ms: number;
  /** The preprocessing variant whose reading was kept, e.g. `dark-terminal/max`, `caption/white-key`. */
  variant: string;
  kind: ImageKind;
  width: number;
  height: number;
  /** Preprocessing steps of the kept variant. */
  steps: string[];
}

export interface ReadScreenshotOptions {
  preprocess?: PreprocessOptions;
  /** A candidate read at or above this confidence is kept without trying the others (default 85). */
  acceptConfidence?: number;
}

/** A screenshot that passed the guard and was preprocessed, ready for OCR. */
export interface PreparedScreenshot {
  width: number;
  height: number;
  kind: ImageKind;
  candidates: Preprocessed['candidates'];
  /** performance.now() when preparation started, for the reading's total time. */
  startedAt: number;
}

/**
 * The part of readScreenshot that needs no OCR worker: guard (throws EMPTY_FILE,
 * PAYLOAD_TOO_LARGE, UNSUPPORTED_FORMAT, CORRUPT_IMAGE, LIMIT_EXCEEDED) and preprocessing.
 */
export async function prepareScreenshot(bytes: Uint8Array, limits: ImageLimits = DEFAULT_IMAGE_LIMITS, options: PreprocessOptions = {}): Promise<PreparedScreenshot> {
  const startedAt = performance.now();
  const decoded = await decodeImage(bytes, limits);
  const pre = await preprocess(decoded, options);
  return { width: decoded.width, height: decoded.height, kind: pre.kind, candidates: pre.candidates, startedAt };
}

/**
 * Recognises a prepared screenshot: candidates in order until one reads with confidence ≥
 * `acceptConfidence`, keeping the most confident reading; then tidies it and extracts signatures.
 */
export async function recognizeScreenshot(pool: OcrPool, prepared: PreparedScreenshot, options: Pick<ReadScreenshotOptions, 'acceptConfidence'> = {}): Promise<ScreenshotReading> {
  const accept = options.acceptConfidence ?? 85;
  let best: { text: string; confidence: number; candidate: PreparedImage } | undefined;
  for (const candidate of prepared.candidates) {
    const r = await pool.recognize(candidate.image);
    if (!best || r.confidence > best.confidence) best = { text: r.text, confidence: r.confidence, candidate };
    if (best.confidence >= accept) break;
  }
  const text = cleanOcrText(best!.text);
  return {
    text,
    confidence: Math.round(best!.confidence * 10) / 10,
    signatures: extractScreenshotSignatures(text),
    ms: Math.round(performance.now() - prepared.startedAt),
    variant: best!.candidate.variant,
    kind: prepared.kind,
    width: prepared.width,
    height: prepared.height,
    steps: best!.candidate.steps,
  };
}

/**
 * guard → preprocess → recognise → extract. Bad input fails (AppError: EMPTY_FILE,
 * PAYLOAD_TOO_LARGE, UNSUPPORTED_FORMAT, CORRUPT_IMAGE, LIMIT_EXCEEDED) before any OCR work is queued.
 */
export async function readScreenshot(pool: OcrPool, bytes: Uint8Array, limits: ImageLimits = DEFAULT_IMAGE_LIMITS, options: ReadScreenshotOptions = {}): Promise<ScreenshotReading> {
  return recognizeScreenshot(pool, await prepareScreenshot(bytes, limits, options.preprocess), options);
}
