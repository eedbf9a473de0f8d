import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type BlobStore } from '@memegraph/blobs';
import { isAppError, type OcrJob } from '@memegraph/contracts';
import { type Config } from '@memegraph/config';
import { ModelHolder } from '@memegraph/diagnosis';
import { MemeRepository } from '@memegraph/graph';
import { createOcrPool, normalizeForSignatures, type OcrPool, readScreenshot, withImageLimits } from '@memegraph/ocr';
import { UnrecoverableError } from '@memegraph/queue';
import { type Logger, withJobSpan } from '@memegraph/telemetry';
import { BLOBS, CONFIG, LOGGER } from '../tokens';

/** Errors about the image itself: a retry cannot help. */
const IMAGE_ERRORS = new Set(['EMPTY_FILE', 'UNSUPPORTED_FORMAT', 'CORRUPT_IMAGE', 'PAYLOAD_TOO_LARGE', 'LIMIT_EXCEEDED']);

/**
 * Reads submitted screenshots offline with a pool of tesseract.js workers started once per
 * process, extracts signatures, and asks the diagnosis model what the text shows.
 */
@Injectable()
export class MemeOcrService implements OnApplicationShutdown {
  private pool?: Promise<OcrPool>;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(BLOBS) private readonly blobs: BlobStore,
    private readonly memes: MemeRepository,
    private readonly model: ModelHolder,
  ) {}

  /** Workers start on the first screenshot, not at boot: a worker that never sees one pays nothing. */
  private getPool(): Promise<OcrPool> {
    this.pool ??= createOcrPool({ workers: this.config.OCR_WORKERS, languages: this.config.OCR_LANGUAGES });
    return this.pool;
  }

  async read(job: OcrJob): Promise<void> {
    await withJobSpan('memes.ocr', job.trace, { 'memegraph.meme.id': job.memeId }, async () => {
      await this.memes.setStatus(job.memeId, 'processing');
      try {
        const bytes = await this.blobs.get(job.blobKey);
        const reading = await readScreenshot(await this.getPool(), bytes, withImageLimits({ maxBytes: this.config.MAX_IMAGE_BYTES, maxPixels: this.config.MAX_IMAGE_PIXELS }));
        const meme = await this.memes.get(job.memeId);
        // The model reads the OCR text with common misreads (0 for O, l for I) undone.
        const text = [meme?.caption ?? '', normalizeForSignatures(reading.text).text].filter(Boolean).join('\n');
        const d = text.trim() ? this.model.diagnose({ text, service: meme?.service }) : undefined;
        const suggestions = (d?.ranking ?? []).slice(0, 5).map((r) => ({ classId: r.classId, confidence: r.confidence }));
        await this.memes.setOcr(
          job.memeId,
          { text: reading.text, confidence: reading.confidence, signatures: reading.signatures.map((s) => ({ kind: s.kind, text: s.text, start: s.start, end: s.end })), ms: reading.ms },
          suggestions,
        );
        this.log.info({ memeId: job.memeId, ms: reading.ms, variant: reading.variant, top: suggestions[0]?.classId }, 'screenshot read');
      } catch (err) {
        if (isAppError(err) && IMAGE_ERRORS.has(err.code)) {
          await this.memes.setStatus(job.memeId, 'failed', { code: err.code, message: err.message });
          throw new UnrecoverableError(`${err.code}: ${err.message}`);
        }
        throw err;
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.pool) await (await this.pool).close().catch(() => undefined);
  }
}
