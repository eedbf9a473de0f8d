import { AppError } from '@memegraph/contracts';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bombPng, hugeHeaderPng } from '../test/craft';
import { DEFAULT_IMAGE_LIMITS, decodeImage, inspectImage, readDeclaredSize, sniffFormat, withImageLimits } from './image-guard';

const solid = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: '#3366cc' } });

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe('image guard', () => {
  it('accepts PNG, JPEG, WebP and GIF and reads their declared size without decoding', async () => {
    for (const [format, buf] of [
      ['png', await solid(321, 123).png().toBuffer()],
      ['jpeg', await solid(321, 123).jpeg().toBuffer()],
      ['webp', await solid(321, 123).webp().toBuffer()],
      ['webp', await solid(321, 123).webp({ lossless: true }).toBuffer()],
      ['gif', await solid(321, 123).gif().toBuffer()],
    ] as const) {
      expect(sniffFormat(buf)).toBe(format);
      expect(readDeclaredSize(buf, format)).toEqual({ width: 321, height: 123 });
      expect(await inspectImage(buf)).toMatchObject({ format, width: 321, height: 123 });
    }
  });

  it('decodes only the first frame of an animated GIF', async () => {
    const frame = (background: string) => sharp({ create: { width: 40, height: 60, channels: 3, background } }).png().toBuffer();
    const gif = await sharp(await Promise.all(['#ff0000', '#00ff00', '#0000ff'].map(frame)), { join: { animated: true } }).gif().toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(3);
    const img = await decodeImage(gif);
    expect([img.width, img.height, img.data.length]).toEqual([40, 60, 40 * 60 * 3]);
    expect(img.data[0]).toBeGreaterThan(200); // the red first frame
    expect(img.data[1]).toBeLessThan(50);
  });

  it('refuses empty files, unknown formats and SVG, with typed errors', async () => {
    expect((await failure(inspectImage(Buffer.alloc(0)))).code).toBe('EMPTY_FILE');
    for (const bytes of [
      Buffer.from('hello, this is not an image'),
      Buffer.from('%PDF-1.7\n'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      Buffer.from('BM\x36\x00\x00\x00'),
      Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]),
    ]) {
      const e = await failure(inspectImage(bytes));
      expect(e.code).toBe('UNSUPPORTED_FORMAT');
      expect(e.details).toMatchObject({ reason: 'unknown-signature' });
    }
  });

  it('refuses files over the byte cap before looking inside', async () => {
    const png = await solid(50, 50).png().toBuffer();
    const e = await failure(inspectImage(png, withImageLimits({ maxBytes: 64 })));
    expect(e.code).toBe('PAYLOAD_TOO_LARGE');
    expect(e.details).toMatchObject({ bytes: png.length, maxBytes: 64 });
  });

  it('refuses a 20,000 × 20,000 header as LIMIT_EXCEEDED without allocating it', async () => {
    const png = hugeHeaderPng();
    expect(png.length).toBeLessThan(100);
    const before = process.memoryUsage().rss;
    const t = performance.now();
    const e = await failure(decodeImage(png));
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toContain('20000×20000');
    expect(performance.now() - t).toBeLessThan(500);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses a decompression bomb (tiny file, 81 MP) by its header', async () => {
    const png = bombPng(9_000);
    expect(png.length).toBeLessThan(64 * 1024);
    const t = performance.now();
    const e = await failure(decodeImage(png));
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.details).toMatchObject({ width: 9000, height: 9000, maxPixels: DEFAULT_IMAGE_LIMITS.maxPixels });
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('enforces the configured width, height and pixel caps', async () => {
    const png = await solid(300, 200).png().toBuffer();
    expect((await failure(inspectImage(png, withImageLimits({ maxWidth: 299 })))).code).toBe('LIMIT_EXCEEDED');
    expect((await failure(inspectImage(png, withImageLimits({ maxHeight: 199 })))).code).toBe('LIMIT_EXCEEDED');
    expect((await failure(inspectImage(png, withImageLimits({ maxPixels: 59_999 })))).code).toBe('LIMIT_EXCEEDED');
    await expect(inspectImage(png, withImageLimits({ maxPixels: 60_000 }))).resolves.toMatchObject({ width: 300 });
    expect(() => withImageLimits({ maxBytes: -1 })).toThrow(/positive integer/);
  });

  it('reports truncated and corrupt images as CORRUPT_IMAGE', async () => {
    const png = await solid(200, 100).png({ compressionLevel: 0 }).toBuffer();
    const jpeg = await solid(200, 100).jpeg().toBuffer();
    for (const bad of [
      png.subarray(0, Math.floor(png.length / 2)), // truncated in the pixel data
      png.subarray(0, 20), // truncated inside the header
      Buffer.concat([jpeg.subarray(0, 3), Buffer.alloc(200, 0x41)]), // JPEG magic, garbage after
      jpeg.subarray(0, jpeg.length - 150),
    ]) {
      const e = await failure(decodeImage(bad));
      expect(e.code).toBe('CORRUPT_IMAGE');
      expect(e.details).toMatchObject({ reason: 'corrupt' });
    }
  });

  it('decodes to RGB with transparency flattened onto white', async () => {
    const png = await sharp({ create: { width: 4, height: 2, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const img = await decodeImage(png);
    expect(img.channels).toBe(3);
    expect([...img.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });
});
