import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type BlobStore } from '@memegraph/blobs';
import { AppError, type MemeSubmission, type Principal, type RunbookDraft } from '@memegraph/contracts';
import { type Config } from '@memegraph/config';
import { MemeRepository } from '@memegraph/graph';
import { readDeclaredSize, sniffFormat } from '@memegraph/ocr';
import { OcrQueue } from '@memegraph/queue';
import { checkPublishable } from '@memegraph/runbooks';
import { BLOBS, CONFIG } from '../infra/tokens';

export interface MemeUpload {
  buffer: Buffer;
  originalname: string;
}

const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

@Injectable()
export class MemesService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(BLOBS) private readonly blobs: BlobStore,
    private readonly memes: MemeRepository,
    private readonly queue: OcrQueue,
  ) {}

  /**
   * Refuses what is clearly not an acceptable image from its header alone (no decoding, so a
   * 20,000×20,000 or bomb image costs nothing here); the worker decodes under the same caps.
   */
  async submit(file: MemeUpload | undefined, fields: { caption?: string; tags?: string; service?: string }, who: Principal): Promise<MemeSubmission> {
    if (!file) throw new AppError('BAD_REQUEST', 'multipart field "image" is required');
    if (file.buffer.byteLength === 0) throw new AppError('EMPTY_FILE', 'the image is empty');
    if (file.buffer.byteLength > this.config.MAX_IMAGE_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', `image is ${file.buffer.byteLength} bytes; the limit is ${this.config.MAX_IMAGE_BYTES}`);
    }
    const format = sniffFormat(file.buffer);
    if (!format) throw new AppError('UNSUPPORTED_FORMAT', 'not a PNG, JPEG, WebP or GIF image');
    const size = readDeclaredSize(file.buffer, format);
    if (!size) throw new AppError('CORRUPT_IMAGE', `the ${format} header is truncated or corrupt`);
    if (size.width * size.height > this.config.MAX_IMAGE_PIXELS) {
      throw new AppError('LIMIT_EXCEEDED', `image is ${size.width}×${size.height} pixels; the limit is ${this.config.MAX_IMAGE_PIXELS} pixels`);
    }
    const caption = fields.caption?.trim().slice(0, 500) || undefined;
    const tags = (fields.tags ?? '')
      .split(',')
      .map((t) => t.trim().slice(0, 50))
      .filter(Boolean)
      .slice(0, 20);
    const service = fields.service?.trim().slice(0, 200) || undefined;
    const blob = await this.blobs.put(file.buffer);
    const id = randomUUID();
    await this.memes.create({ id, caption, tags, service, submittedBy: who.name, blobKey: blob.key, image: { format, width: size.width, height: size.height, size: blob.size } });
    try {
      await this.queue.enqueueOcr({ memeId: id, blobKey: blob.key });
    } catch (err) {
      await this.memes.setStatus(id, 'failed', { code: 'DEPENDENCY_UNAVAILABLE', message: 'could not queue OCR; submit again' }).catch(() => undefined);
      throw new AppError('DEPENDENCY_UNAVAILABLE', `queue unavailable: ${(err as Error).message}`);
    }
    return (await this.memes.get(id))!;
  }

  async get(id: string): Promise<MemeSubmission> {
    const m = await this.memes.get(id);
    if (!m) throw new AppError('NOT_FOUND', `no meme submission with id ${id}`);
    return m;
  }

  async image(id: string): Promise<{ bytes: Buffer; contentType: string }> {
    const m = await this.get(id);
    const key = await this.memes.blobKeyOf(id);
    return { bytes: await this.blobs.get(key!), contentType: CONTENT_TYPES[m.image.format] ?? 'application/octet-stream' };
  }

  list(status: MemeSubmission['status'] | undefined, limit: number, cursor?: string) {
    return this.memes.list({ status, limit, before: cursor });
  }

  async saveDraft(id: string, draft: RunbookDraft): Promise<MemeSubmission> {
    const m = await this.get(id);
    if (m.status === 'published') throw new AppError('CONFLICT', 'this meme is already published');
    await this.memes.saveDraft(id, draft);
    return this.get(id);
  }

  /** Publishing needs what the runbook task requires; a 422 names every missing part. */
  async publish(id: string, who: Principal): Promise<MemeSubmission> {
    const m = await this.get(id);
    if (m.status === 'published') throw new AppError('CONFLICT', 'this meme is already published');
    if (m.status !== 'done') throw new AppError('CONFLICT', `OCR is not finished (status ${m.status}); publish once it is done`);
    const check = checkPublishable(m.runbook);
    if (!check.ok) throw new AppError('RUNBOOK_INCOMPLETE', `cannot publish: ${check.missing.join('; ')}`, { missing: check.missing });
    await this.memes.publish(id, m.runbook!, { incidentId: randomUUID(), fixId: randomUUID(), reviewer: who.name });
    return this.get(id);
  }
}
