import { describe, expect, it } from 'vitest';
import { decodeImage } from './image-guard';
import { classifyStats, despeckle, estimateLineHeight, imageStats, otsuLevel, preprocess, removeSolidBlocks } from './preprocess';
import { renderSynthetic, type SyntheticSpec } from './synthetic';

const decode = async (spec: SyntheticSpec) => decodeImage(await renderSynthetic(spec));
const TERMINAL = ['$ kubectl get pods', 'api-1  0/1  CrashLoopBackOff  3  1m', 'api-2  1/1  Running  0  1m'];

/** Width, height and pixel bytes of a P5 PGM. */
function parsePgm(buf: Buffer): { width: number; height: number; pixels: Buffer } {
  const m = /^P5\n(\d+) (\d+)\n255\n/.exec(buf.subarray(0, 40).toString('latin1'));
  expect(m).not.toBeNull();
  return { width: Number(m![1]), height: Number(m![2]), pixels: buf.subarray(m![0].length) };
}

describe('preprocess', () => {
  it('classifies screenshots by background and colour', async () => {
    const kinds = await Promise.all(
      [
        { style: 'dark-terminal', lines: TERMINAL },
        { style: 'dashboard', lines: ['p99 latency', 'max 2.84s'] },
        { style: 'light-terminal', lines: TERMINAL },
        { style: 'chat', lines: ['the api is down again', 'checking kubectl get pods'], font: 'DejaVu Sans' },
        { style: 'caption', lines: ['ONE DOES NOT SIMPLY'], bottom: ['RESTART THE POD'], picture: 'noise' },
        { style: 'caption', lines: ['When the heap grows'], captionInk: 'black', picture: 'gradient' },
      ].map(async (spec) => classifyStats(imageStats(await decode(spec as SyntheticSpec)))),
    );
    expect(kinds).toEqual(['dark-terminal', 'dark-terminal', 'light-terminal', 'chat', 'caption', 'caption']);
  });

  it('dark terminals: brightest channel, inverted, upscaled to ~28 px lines, one PGM', async () => {
    const img = await decode({ style: 'dark-terminal', lines: TERMINAL, colors: [undefined, '#f14c4c'] });
    const pre = await preprocess(img);
    expect(pre.kind).toBe('dark-terminal');
    expect(pre.candidates).toHaveLength(1);
    const [c] = pre.candidates;
    expect(c!.variant).toBe('dark-terminal/max');
    expect(c!.steps.slice(0, 2)).toEqual(['max-channel', 'invert']);
    expect(pre.lineHeight).toBeGreaterThan(8);
    expect(pre.lineHeight).toBeLessThan(25);
    const pgm = parsePgm(c!.image);
    expect(pgm.width).toBeGreaterThanOrEqual(img.width * 2);
    expect(pgm.pixels.length).toBe(pgm.width * pgm.height);
    // Inverted: the background (most pixels) is now light.
    expect(pgm.pixels.reduce((a, v) => a + v, 0) / pgm.pixels.length).toBeGreaterThan(180);
  });

  it('captions: one candidate per colour key that looks like text, no Otsu', async () => {
    const pre = await preprocess(await decode({ style: 'caption', lines: ['GOROUTINES EVERYWHERE'], picture: 'noise', seed: 3 }));
    expect(pre.kind).toBe('caption');
    expect(pre.candidates.map((c) => c.variant)).toContain('caption/white-key');
    for (const c of pre.candidates) {
      expect(c.steps.some((s) => s.startsWith('otsu'))).toBe(false);
      expect(c.inkShare).toBeGreaterThan(0.002);
      expect(c.inkShare).toBeLessThan(0.2);
    }
  });

  it('respects forced options and the output pixel cap', async () => {
    const img = await decode({ style: 'light-terminal', lines: TERMINAL });
    const pre = await preprocess(img, { scale: 3, threshold: true, channel: 'luma', maxOutputPixels: img.width * img.height * 4 });
    const c = pre.candidates[0]!;
    expect(c.steps[0]).toBe('luma');
    expect(c.steps).toContain('scale×2');
    expect(c.steps.some((s) => s.startsWith('otsu@'))).toBe(true);
    const { pixels } = parsePgm(c.image);
    expect(new Set(pixels).size).toBeLessThanOrEqual(2);
  });
});

describe('preprocessing steps', () => {
  it('otsuLevel splits a bimodal histogram between its modes', () => {
    const g = new Uint8Array(1000).map((_, i) => (i < 700 ? 240 + (i % 10) : 20 + (i % 15)));
    const level = otsuLevel(g);
    expect(level).toBeGreaterThanOrEqual(34);
    expect(level).toBeLessThan(240);
  });

  it('removeSolidBlocks whitens a filled square but keeps thin strokes', () => {
    const w = 120;
    const h = 60;
    const g = new Uint8Array(w * h).fill(255);
    for (let y = 10; y < 50; y++) for (let x = 5; x < 45; x++) g[y * w + x] = 0; // 40×40 avatar
    for (let y = 10; y < 50; y++) for (let x = 70; x < 73; x++) g[y * w + x] = 0; // 3 px stroke
    for (let x = 60; x < 110; x++) for (let y = 30; y < 33; y++) g[y * w + x] = 0; // 3 px bar
    const removed = removeSolidBlocks(g, w, h, 127, 8);
    expect(removed).toBe(40 * 40);
    expect(g[30 * w + 25]).toBe(255);
    expect(g[20 * w + 71]).toBe(0);
    expect(g[31 * w + 100]).toBe(0);
  });

  it('despeckle drops isolated grains and keeps thick strokes', () => {
    const w = 50;
    const h = 20;
    const g = new Uint8Array(w * h).fill(255);
    g[3 * w + 3] = 0;
    g[15 * w + 40] = 0;
    g[15 * w + 41] = 0;
    for (let y = 5; y < 12; y++) for (let x = 10; x < 30; x++) g[y * w + x] = 0;
    const removed = despeckle(g, w, h);
    expect(removed).toBe(3);
    expect(g[8 * w + 20]).toBe(0);
    expect(g[3 * w + 3]).toBe(255);
  });

  it('estimateLineHeight measures text rows', async () => {
    for (const fontSize of [12, 24]) {
      const img = await decode({ style: 'light-terminal', lines: ['first line of text', 'second line here', 'third line, ok'], fontSize });
      const grey = Buffer.alloc(img.width * img.height);
      for (let p = 0; p < grey.length; p++) grey[p] = img.data[p * 3]!;
      const lh = estimateLineHeight(grey, img.width, img.height, 127)!;
      expect(lh).toBeGreaterThan(fontSize * 0.7);
      expect(lh).toBeLessThan(fontSize * 1.5);
    }
  });
});
