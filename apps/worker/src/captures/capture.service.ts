import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type BlobStore } from '@memegraph/blobs';
import { type CaptureJob, isAppError } from '@memegraph/contracts';
import { type Config } from '@memegraph/config';
import { CaptureRepository, ProfileRepository } from '@memegraph/graph';
import { CAPTURE_FILES, captureProfiles } from '@memegraph/pprof';
import { ProfileQueue } from '@memegraph/queue';
import { guardedFetch, captureTargetPolicy, type TargetPolicy } from '@memegraph/targets';
import { type Logger, withJobSpan } from '@memegraph/telemetry';
import { BLOBS, CONFIG, LOGGER } from '../tokens';

/** Captures from a live service under the allowlist; each artifact becomes a Profile analysed as an upload would be. */
@Injectable()
export class CaptureService {
  private readonly policy: TargetPolicy;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(BLOBS) private readonly blobs: BlobStore,
    private readonly captures: CaptureRepository,
    private readonly profiles: ProfileRepository,
    private readonly profileQueue: ProfileQueue,
  ) {
    this.policy = captureTargetPolicy(config);
  }

  async run(job: CaptureJob): Promise<void> {
    await withJobSpan('captures.run', job.trace, { 'memegraph.capture.id': job.captureId }, async () => {
      await this.captures.setStatus(job.captureId, 'capturing');
      try {
        const fetchFn = guardedFetch(this.policy, { timeoutMs: (job.seconds + 30) * 1000, maxBytes: this.config.MAX_UPLOAD_BYTES });
        const result = await captureProfiles({ baseUrl: job.target, fetch: fetchFn as never, seconds: job.seconds, kinds: job.kinds, maxBytes: this.config.MAX_UPLOAD_BYTES });
        for (const a of result.artifacts) {
          const blob = await this.blobs.put(a.bytes);
          const id = randomUUID();
          await this.profiles.create({ id, filename: CAPTURE_FILES[a.kind], size: blob.size, sha256: blob.sha256, blobKey: blob.key });
          await this.captures.linkProfile(job.captureId, id);
          await this.profileQueue.enqueueAnalysis({ profileId: id, blobKey: blob.key });
        }
        const failures = result.failures.map((f) => ({ kind: f.kind, code: f.error.code, message: f.error.message }));
        if (result.artifacts.length === 0) {
          await this.captures.setStatus(job.captureId, 'failed', { failures, error: { code: failures[0]?.code ?? 'INTERNAL', message: 'nothing could be captured' } });
        } else {
          await this.captures.setStatus(job.captureId, 'done', { failures });
        }
        this.log.info({ captureId: job.captureId, artifacts: result.artifacts.length, failures: failures.length }, 'capture finished');
      } catch (err) {
        const code = isAppError(err) ? err.code : 'INTERNAL';
        await this.captures.setStatus(job.captureId, 'failed', { error: { code, message: (err as Error).message } });
        throw err;
      }
    });
  }
}
