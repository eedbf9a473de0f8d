import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from './fs-blob-store';

describe('FsBlobStore', () => {
  let dir: string;
  let store: FsBlobStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blobs-'));
    store = new FsBlobStore(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores by content hash and reads back the same bytes', async () => {
    const blob = await store.put(Buffer.from('hello'));
    expect(blob).toEqual({
      key: 'sha256/2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
      sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
      size: 5,
    });
    expect((await store.get(blob.key)).toString()).toBe('hello');
    expect(await store.exists(blob.key)).toBe(true);
  });

  it('deduplicates identical content and leaves no temp files', async () => {
    const a = await store.put(Buffer.from('same'));
    const b = await store.put(Buffer.from('same'));
    expect(a.key).toBe(b.key);
    const hex = a.sha256;
    expect(await readdir(join(dir, 'sha256', hex.slice(0, 2), hex.slice(2, 4)))).toEqual([hex]);
  });

  it('refuses keys that could escape the root', async () => {
    await expect(store.get('sha256/../../etc/passwd')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(store.get(`sha256/${'0'.repeat(64)}`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes', async () => {
    const blob = await store.put(Buffer.from('bye'));
    await store.delete(blob.key);
    expect(await store.exists(blob.key)).toBe(false);
  });
});
