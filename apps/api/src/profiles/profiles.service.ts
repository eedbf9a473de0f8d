import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type BlobStore } from '@memegraph/blobs';
import { AppError, type ProfileAccepted, type ProfileList, type ProfileRecord } from '@memegraph/contracts';
import { ProfileRepository } from '@memegraph/graph';
import { ProfileQueue } from '@memegraph/queue';
import { BLOBS } from '../infra/tokens';
import { ProfileViewsService } from './profile-views.service';
import { assertLooksLikeProfile } from './upload-sniffer';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

@Injectable()
export class ProfilesService {
  constructor(
    @Inject(BLOBS) private readonly blobs: BlobStore,
    private readonly profiles: ProfileRepository,
    private readonly queue: ProfileQueue,
    private readonly views: ProfileViewsService,
  ) {}

  /** Blob first, then the node, then the job: each step's input exists before it is referenced. */
  async accept(file: UploadedFile): Promise<ProfileAccepted> {
    const filename = sanitizeFilename(file.originalname);
    assertLooksLikeProfile(file.buffer, filename);
    const blob = await this.blobs.put(file.buffer);
    const record = await this.profiles.create({ id: randomUUID(), filename, size: blob.size, sha256: blob.sha256, blobKey: blob.key });
    try {
      await this.queue.enqueueAnalysis({ profileId: record.id, blobKey: blob.key });
    } catch (err) {
      await this.profiles.markFailed(record.id, { code: 'DEPENDENCY_UNAVAILABLE', message: 'could not queue the analysis; upload again' }).catch(() => undefined);
      throw new AppError('DEPENDENCY_UNAVAILABLE', `queue unavailable: ${(err as Error).message}`);
    }
    return { id: record.id, status: record.status };
  }

  /** The record with, once analysed, its findings and an overview (top table, goroutine groups, flame graph). */
  async get(id: string): Promise<ProfileRecord & { findings: unknown[]; analysis?: unknown }> {
    const record = await this.profiles.get(id);
    if (!record) throw new AppError('NOT_FOUND', `no profile with id ${id}`);
    if (record.status !== 'done') return { ...record, findings: [] };
    const analysis = await this.views.overview(id).catch(() => undefined);
    return { ...record, findings: await this.profiles.findingsOf(id), ...(analysis ? { analysis } : {}) };
  }

  async list(limit: number, cursor?: string): Promise<ProfileList> {
    const items = await this.profiles.list(limit + 1, cursor);
    const page = items.slice(0, limit);
    return { items: page, ...(items.length > limit ? { nextCursor: page[page.length - 1]!.createdAt } : {}) };
  }
}

/** Keeps a display name only: no paths, no control characters, bounded length. */
export function sanitizeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'profile.pb.gz';
}
