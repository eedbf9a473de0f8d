import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile, access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '@memegraph/contracts';
import { type BlobStore, type StoredBlob } from './blob-store';

const KEY = /^sha256\/[0-9a-f]{64}$/;

/** Content-addressed files under a root folder: sha256/ab/cd/<hash>. Same bytes, same file. */
export class FsBlobStore implements BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new AppError('BAD_REQUEST', `invalid blob key: ${key}`);
    const hex = key.slice('sha256/'.length);
    return join(this.root, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  }

  async put(data: Uint8Array): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const key = `sha256/${sha256}`;
    const path = this.pathOf(key);
    if (!(await this.exists(key))) {
      await mkdir(dirname(path), { recursive: true });
      // Write then rename: readers never see a half-written blob, even after a crash.
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, data, { flag: 'wx' });
      await rename(tmp, path);
    }
    return { key, sha256, size: data.byteLength };
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', `blob ${key} not found`);
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root);
  }
}
