import { Inject, Injectable } from '@nestjs/common';
import { type BlobStore } from '@memegraph/blobs';
import { type AnalyzeProfileJob, isAppError, type ProfileSummary } from '@memegraph/contracts';
import { type Config } from '@memegraph/config';
import { ProfileRepository } from '@memegraph/graph';
import { analyze, loadInput } from '@memegraph/detectors';
import { analyzeGoroutines, type GoroutineReport, readProfile, sniffInput, summarizeProfile, unpackInput, withLimits } from '@memegraph/pprof';
import { UnrecoverableError } from '@memegraph/queue';
import { type Logger, withJobSpan } from '@memegraph/telemetry';
import { BLOBS, CONFIG, LOGGER } from '../tokens';

/** Errors about the file itself: retrying cannot help, so the profile fails at once. */
const INPUT_ERRORS = new Set(['EMPTY_FILE', 'UNSUPPORTED_FORMAT', 'CORRUPT_PROFILE', 'PROFILE_TOO_LARGE', 'LIMIT_EXCEEDED', 'NOT_FOUND']);

@Injectable()
export class ProfileAnalysisService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(BLOBS) private readonly blobs: BlobStore,
    private readonly profiles: ProfileRepository,
  ) {}

  /** Detector failures must not fail the upload: the summary and views are still useful. */
  private detect(name: string, raw: Uint8Array, limits: ReturnType<typeof withLimits>) {
    try {
      return analyze([loadInput(name, raw, { limits })]).findings;
    } catch (err) {
      this.log.error({ err, name }, 'detectors failed on this profile');
      return [];
    }
  }

  /**
   * Decodes the uploaded profile and stores its summary. Bad input ends as status "failed"
   * with the error; infrastructure failures are rethrown so BullMQ retries with backoff.
   */
  async analyze(job: AnalyzeProfileJob, attempt: { attempt: number; maxAttempts: number }): Promise<void> {
    await withJobSpan('profiles.analyze', job.trace, { 'memegraph.profile.id': job.profileId, 'messaging.system': 'bullmq' }, async (span) => {
      try {
        await this.profiles.markProcessing(job.profileId);
        const bytes = await this.blobs.get(job.blobKey);
        const limits = withLimits({ maxInputBytes: this.config.MAX_UPLOAD_BYTES, maxDecompressedBytes: this.config.MAX_DECOMPRESSED_BYTES });
        const raw = unpackInput(bytes, limits);
        const summary = sniffInput(raw) === 'goroutine-text' ? summarizeDump(analyzeGoroutines(raw, limits)) : summarizeProfile(readProfile(raw, limits));
        // Findings first, then "done": a client that sees done also sees the findings.
        const rec = await this.profiles.get(job.profileId);
        const findings = this.detect(rec?.filename ?? 'profile', raw, limits);
        await this.profiles.setFindings(
          job.profileId,
          findings.map((f) => ({ id: f.id, classId: f.classId, memeId: f.memeId, severity: f.severity, confidence: f.confidence, title: f.title, json: JSON.stringify(f) })),
        );
        await this.profiles.markDone(job.profileId, summary);
        span.setAttribute('memegraph.profile.kind', summary.kind);
        this.log.info({ profileId: job.profileId, kind: summary.kind, samples: summary.sampleCount }, 'profile analysed');
      } catch (err) {
        if (isAppError(err) && INPUT_ERRORS.has(err.code)) {
          await this.profiles.markFailed(job.profileId, { code: err.code, message: err.message });
          this.log.warn({ profileId: job.profileId, code: err.code, msg: err.message }, 'profile rejected');
          throw new UnrecoverableError(`${err.code}: ${err.message}`);
        }
        if (attempt.attempt >= attempt.maxAttempts) {
          await this.profiles
            .markFailed(job.profileId, { code: 'INTERNAL', message: `analysis failed after ${attempt.maxAttempts} attempts: ${(err as Error).message}` })
            .catch(() => undefined);
        }
        this.log.error({ profileId: job.profileId, err, attempt: attempt.attempt }, 'profile analysis failed');
        throw err;
      }
    });
  }
}

/** A text dump has no sample types; describe it in the same shape as a goroutine profile. */
function summarizeDump(r: GoroutineReport): ProfileSummary {
  return {
    kind: 'goroutine-dump',
    sampleTypes: [{ type: 'goroutine', unit: 'count' }],
    period: 1,
    durationNanos: 0,
    timeNanos: 0,
    sampleCount: r.groups.length,
    totals: [{ type: 'goroutine', unit: 'count', total: r.total }],
    locationCount: 0,
    functionCount: new Set(r.groups.flatMap((g) => g.stack)).size,
    hasSymbols: true,
  };
}
