import { type AppError } from '@memegraph/contracts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bombPng, hugeHeaderPng } from '../test/craft';
import { withImageLimits } from './image-guard';
import { createOcrPool, type OcrPool } from './ocr-pool';
import { readScreenshot } from './read-screenshot';
import { renderSynthetic } from './synthetic';

// Real OCR on screenshots rendered here from known text (about a second each on 2 cores).

const hasCjkFont = (() => {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
})();

const kinds = (r: { signatures: { kind: string }[] }) => new Set(r.signatures.map((s) => s.kind));

let pool: OcrPool;
beforeAll(async () => {
  pool = await createOcrPool({ workers: 2 });
});
afterAll(async () => {
  await pool?.close();
});

describe('readScreenshot (real OCR)', () => {
  it('reads a dark terminal with kubectl output and finds the failing pod', async () => {
    const png = await renderSynthetic({
      style: 'dark-terminal',
      lines: [
        '$ kubectl get pods -n payments',
        'NAME                           READY   STATUS             RESTARTS   AGE',
        'checkout-api-7d9f8c6b5-x2kq9   0/1     CrashLoopBackOff   12         34m',
        'redis-cache-0                  1/1     Running            0          12d',
      ],
      colors: [undefined, undefined, '#f14c4c', '#23d18b'],
    });
    const r = await readScreenshot(pool, png);
    expect(r.variant).toBe('dark-terminal/max');
    expect(r.text).toContain('kubectl get pods');
    expect(r.text).toContain('CrashLoopBackOff');
    expect(r.confidence).toBeGreaterThan(60);
    expect(kinds(r)).toEqual(new Set(['shell-command', 'k8s-pod-row']));
    expect(r.signatures.find((s) => s.kind === 'k8s-pod-row')).toMatchObject({ value: 'CrashLoopBackOff', text: expect.stringMatching(/^checkout ?-api/) });
    for (const s of r.signatures) expect(r.text.slice(s.start, s.end)).toBe(s.text);
  });

  it('reads a light terminal with a Go panic', async () => {
    const png = await renderSynthetic({
      style: 'light-terminal',
      lines: ['panic: runtime error: invalid memory address or nil pointer dereference', '', 'goroutine 1842 [chan receive, 5 minutes]:', 'main.main()', '        /src/cmd/server/main.go:42 +0x1d8', 'exit status 2'],
    });
    const r = await readScreenshot(pool, png);
    expect(r.kind).toBe('light-terminal');
    expect(r.text).toContain('invalid memory address or nil pointer dereference');
    expect(r.signatures.find((s) => s.kind === 'go-panic')?.value).toMatch(/^runtime error: invalid memory address/);
    expect(r.signatures.find((s) => s.kind === 'goroutine-header')?.value).toBe('chan receive, 5 minutes');
    expect(r.signatures.find((s) => s.kind === 'exit-code')?.value).toBe('2');
  });

  it('reads a meme caption over a noisy picture (and not the picture)', async () => {
    const png = await renderSynthetic({ style: 'caption', lines: ['ONE DOES NOT SIMPLY'], bottom: ['RESTART THE POD TO FIX A LEAK'], picture: 'noise', seed: 11 });
    const r = await readScreenshot(pool, png);
    expect(r.kind).toBe('caption');
    expect(r.text).toContain('ONE DOES NOT SIMPLY');
    expect(r.text).toContain('RESTART THE POD TO FIX A LEAK');
    expect(r.text.length).toBeLessThan(80);
    expect(r.signatures).toEqual([]);
  });

  it.skipIf(!hasCjkFont)('reads a Chinese caption over a gradient', async () => {
    const png = await renderSynthetic({ style: 'caption', lines: ['内存气球越吹越大'], font: 'Noto Sans CJK SC', picture: 'gradient', seed: 3 });
    const r = await readScreenshot(pool, png);
    expect(r.text).toContain('内存气球越吹越大');
  });
});

describe('bad input and engine failures', () => {
  it('refuses bad images quickly, before any OCR, and the pool keeps working', async () => {
    const good = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const cases: [string, Buffer, string, ReturnType<typeof withImageLimits>?][] = [
      ['not an image', Buffer.from('#!/bin/sh\necho hi\n'), 'UNSUPPORTED_FORMAT'],
      ['truncated PNG', good.subarray(0, Math.floor(good.length * 0.6)), 'CORRUPT_IMAGE'],
      ['20,000 × 20,000 header', hugeHeaderPng(), 'LIMIT_EXCEEDED'],
      ['decompression bomb', bombPng(9_000), 'LIMIT_EXCEEDED'],
      ['over the byte cap', good, 'PAYLOAD_TOO_LARGE', withImageLimits({ maxBytes: 100 })],
      ['empty', Buffer.alloc(0), 'EMPTY_FILE'],
    ];
    const before = pool.stats();
    for (const [name, bytes, code, limits] of cases) {
      const t = performance.now();
      const err = (await readScreenshot(pool, bytes, limits).catch((e: unknown) => e)) as AppError;
      expect(err.code, name).toBe(code);
      expect(performance.now() - t, name).toBeLessThan(1000);
    }
    expect(pool.stats().completed).toBe(before.completed);
    const ok = await readScreenshot(pool, await renderSynthetic({ style: 'light-terminal', lines: ['$ helm rollback payments 41'] }));
    expect(ok.text).toContain('helm rollback payments 41');
  });

  it('survives an image that makes the engine fail, and a timeout, by replacing the worker', async () => {
    const restarts = pool.stats().restarts;
    const crash = (await pool.recognize(Buffer.from('definitely not an image')).catch((e: unknown) => e)) as AppError;
    expect(crash.code).toBe('CORRUPT_IMAGE');
    expect(crash.details).toMatchObject({ reason: 'ocr-failed' });

    const png = await renderSynthetic({ style: 'light-terminal', lines: ['git revert 9f8e7d6'] });
    const slow = (await pool.recognize(png, { timeoutMs: 1 }).catch((e: unknown) => e)) as AppError;
    expect(slow.code).toBe('LIMIT_EXCEEDED');
    expect(pool.stats().restarts).toBe(restarts + 2);

    const r = await readScreenshot(pool, png);
    expect(r.text).toContain('git revert 9f8e7d6');
    expect(r.signatures.map((s) => s.kind)).toEqual(['shell-command', 'commit-hash']);
  });

  it('fails fast, naming the files, when language data is missing (never downloads, never hangs)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ocr-nolang-'));
    try {
      const t = performance.now();
      await expect(createOcrPool({ workers: 1, langDir: empty, cacheDir: join(empty, 'cache') })).rejects.toMatchObject({
        code: 'DEPENDENCY_UNAVAILABLE',
        message: expect.stringContaining('chi_sim: no chi_sim.traineddata'),
      });
      expect(performance.now() - t).toBeLessThan(1000);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
