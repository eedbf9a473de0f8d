import sharp from 'sharp';
import { type DecodedImage } from './image-guard';

/**
 * What a screenshot looks like, which decides how it is prepared for tesseract:
 * - `dark-terminal`: flat dark background (terminals, dark dashboards), often coloured text;
 * - `light-terminal`: flat light background (light terminals, editors, docs);
 * - `chat`: flat light background with coloured bubbles;
 * - `caption`: text over a picture (memes, photos of screens): no flat background.
 */
export type ImageKind = 'dark-terminal' | 'light-terminal' | 'chat' | 'caption';

export interface ImageStats {
  /** Mean luminance, 0..255. */
  meanLuma: number;
  /** Luminance of the most common colour (the background of a flat image). */
  backgroundLuma: number;
  /**
   * Share of pixels in the most common colour (5 bits per channel): ≥ 0.58 for terminals and
   * chats even as JPEG, ≤ 0.05 for pictures, smooth gradients included (measured).
   */
  flatShare: number;
  /** Mean colourfulness (max − min channel), 0..255. */
  meanChroma: number;
  /** Share of strongly coloured pixels (chroma > 48). */
  colorShare: number;
}

/** A step of the pipeline; every choice can be forced, `auto` picks by image kind. */
export interface PreprocessOptions {
  /** Force the image kind instead of detecting it. */
  kind?: ImageKind;
  /** Upscale factor, or `auto` (by estimated text height, 1..3). */
  scale?: number | 'auto';
  /**
   * Which grey to use: luminance, the brightest channel (dark backgrounds), the darkest (light
   * ones), or a colour key that keeps only near-white (`white-key`) or near-black (`black-key`)
   * pixels as ink — for captions over pictures. `auto` picks by kind; captions get both keys.
   */
  channel?: 'auto' | Channel;
  /** Make text dark on light (tesseract's preference): `auto` inverts dark images. */
  invert?: 'auto' | boolean;
  /** Global Otsu binarisation after upscaling: `auto` applies it to chats only. */
  threshold?: 'auto' | boolean;
  /** Whiten solid blocks (avatars, icons, cursor, selection bars) on flat images: `auto` = yes. */
  removeBlocks?: 'auto' | boolean;
  /** Upper bound of the output's pixel count (scale is reduced to stay under it). */
  maxOutputPixels?: number;
}

export type Channel = 'luma' | 'max' | 'min' | 'white-key' | 'black-key';

/** One image ready for tesseract. */
export interface PreparedImage {
  /** 8-bit greyscale PGM (P5): tesseract reads it without a decode step. */
  image: Buffer;
  width: number;
  height: number;
  /** `<kind>/<channel>`, e.g. `caption/white-key`. */
  variant: string;
  /** The steps applied, in order, e.g. `['max-channel', 'invert', 'scale×2']`. */
  steps: string[];
  /** Share of ink (dark) pixels in the output. */
  inkShare: number;
}

export interface Preprocessed {
  kind: ImageKind;
  stats: ImageStats;
  /** Estimated text line height in the input, px. */
  lineHeight?: number;
  /**
   * Images to recognise, best guess first. Flat images give one; captions give one per colour
   * key that looks like text, and the caller keeps the reading tesseract is most confident in.
   */
  candidates: PreparedImage[];
}

export const DEFAULT_MAX_OUTPUT_PIXELS = 12_000_000;

const luma = (r: number, g: number, b: number): number => (r * 299 + g * 587 + b * 114) / 1000;

/** Colour statistics from a sample of about 100k pixels. */
export function imageStats(img: DecodedImage): ImageStats {
  const { data, width, height } = img;
  const total = width * height;
  const step = Math.max(1, Math.floor(total / 100_000));
  const bins = new Uint32Array(1 << 15);
  let n = 0;
  let sumL = 0;
  let sumC = 0;
  let colored = 0;
  for (let p = 0; p < total; p += step) {
    const i = p * 3;
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const c = Math.max(r, g, b) - Math.min(r, g, b);
    bins[((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)]!++;
    sumL += luma(r, g, b);
    sumC += c;
    if (c > 48) colored++;
    n++;
  }
  let top = 0;
  for (let k = 1; k < bins.length; k++) if (bins[k]! > bins[top]!) top = k;
  const centre = (q: number) => (q << 3) + 4;
  const backgroundLuma = luma(centre(top >> 10), centre((top >> 5) & 31), centre(top & 31));
  return { meanLuma: sumL / n, backgroundLuma, flatShare: bins[top]! / n, meanChroma: sumC / n, colorShare: colored / n };
}

/** Picks the image kind from its statistics (thresholds measured on the benchmark set). */
export function classifyStats(s: ImageStats): ImageKind {
  if (s.flatShare < 0.3) return 'caption';
  if (s.backgroundLuma < 110) return 'dark-terminal';
  return s.colorShare > 0.08 ? 'chat' : 'light-terminal';
}

/** One grey value per pixel (ink dark for the keys, as the image has it otherwise). */
function toGrey(img: DecodedImage, channel: Channel): Buffer {
  const { data, width, height } = img;
  const out = Buffer.allocUnsafe(width * height);
  for (let p = 0, i = 0; p < out.length; p++, i += 3) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    switch (channel) {
      case 'max':
        out[p] = Math.max(r, g, b);
        break;
      case 'min':
        out[p] = Math.min(r, g, b);
        break;
      case 'luma':
        out[p] = Math.round(luma(r, g, b));
        break;
      case 'white-key':
        // Near-white and unsaturated (every channel high) is ink: a soft ramp keeps anti-aliasing.
        out[p] = 255 - clamp255(((Math.min(r, g, b) - 200) * 255) / 40);
        break;
      case 'black-key':
        out[p] = clamp255(((Math.max(r, g, b) - 30) * 255) / 50);
        break;
    }
  }
  return out;
}

const clamp255 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Otsu's threshold of a greyscale buffer: the level that best separates ink from background. */
export function otsuLevel(grey: Uint8Array): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < grey.length; i++) hist[grey[i]!]!++;
  const total = grey.length;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * hist[v]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let level = 127;
  for (let v = 0; v < 256; v++) {
    wB += hist[v]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += v * hist[v]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      level = v;
    }
  }
  return level;
}

/** Share of pixels at or below `level`. */
function share(grey: Uint8Array, level: number): number {
  let n = 0;
  for (let i = 0; i < grey.length; i++) if (grey[i]! <= level) n++;
  return n / grey.length;
}

/**
 * Whitens solid ink blocks thicker than 2r+1 px (a morphological opening with a square):
 * avatars, filled icons, a block cursor, selection bars. Text strokes are thinner and stay.
 * Works in place on `grey`, using `level` to tell ink from paper. Returns the pixels whitened.
 */
export function removeSolidBlocks(grey: Uint8Array, width: number, height: number, level: number, r: number): number {
  const w1 = width + 1;
  // Integral image of ink, then of "core" pixels (whole (2r+1)² window is ink).
  const ink = new Uint32Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += grey[y * width + x]! <= level ? 1 : 0;
      ink[(y + 1) * w1 + x + 1] = ink[y * w1 + x + 1]! + row;
    }
  }
  const sum = (t: Uint32Array, x0: number, y0: number, x1: number, y1: number) => t[y1 * w1 + x1]! - t[y0 * w1 + x1]! - t[y1 * w1 + x0]! + t[y0 * w1 + x0]!;
  const side = 2 * r + 1;
  const full = side * side;
  const core = new Uint32Array(w1 * (height + 1));
  let anyCore = false;
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      let c = 0;
      if (x >= r && y >= r && x + r < width && y + r < height && sum(ink, x - r, y - r, x + r + 1, y + r + 1) === full) {
        c = 1;
        anyCore = true;
      }
      row += c;
      core[(y + 1) * w1 + x + 1] = core[y * w1 + x + 1]! + row;
    }
  }
  if (!anyCore) return 0;
  // Every ink pixel within r (plus a 1 px fringe of anti-aliasing) of a core pixel goes.
  const d = r + 1;
  let removed = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (grey[i]! >= 250) continue;
      if (sum(core, Math.max(0, x - d), Math.max(0, y - d), Math.min(width, x + d + 1), Math.min(height, y + d + 1)) > 0) {
        grey[i] = 255;
        removed++;
      }
    }
  }
  return removed;
}

/**
 * Binarises a colour-key mask at 128 and drops ink pixels with fewer than 4 inked pixels in
 * their 3×3 neighbourhood (itself included): the grain of a photo that happens to hit the key.
 * Caption strokes are several pixels thick and stay. Returns the pixels removed.
 */
export function despeckle(grey: Uint8Array, width: number, height: number): number {
  const ink = new Uint8Array(grey.length);
  for (let i = 0; i < grey.length; i++) ink[i] = grey[i]! < 128 ? 1 : 0;
  let removed = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!ink[i]) {
        grey[i] = 255;
        continue;
      }
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width) n += ink[yy * width + xx]!;
        }
      }
      if (n < 4) {
        grey[i] = 255;
        removed++;
      } else grey[i] = 0;
    }
  }
  return removed;
}

/**
 * Typical height of a text line in px: the median height of runs of rows holding ink
 * (dark pixels) without being a solid bar. Undefined when no text-like runs are found.
 */
export function estimateLineHeight(grey: Uint8Array, width: number, height: number, level: number): number | undefined {
  const runs: number[] = [];
  let run = 0;
  for (let y = 0; y < height; y++) {
    let ink = 0;
    const row = y * width;
    for (let x = 0; x < width; x++) if (grey[row + x]! <= level) ink++;
    const inked = ink >= 2 && ink < width * 0.6;
    if (inked) run++;
    if ((!inked || y === height - 1) && run > 0) {
      if (run >= 4) runs.push(run);
      run = 0;
    }
  }
  if (runs.length === 0) return undefined;
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

/** Measured on the benchmark's terminals: 22 px → CER 0.017, 28 → 0.014, 34 → 0.015, 40 → 0.015 (and ~2× the time of 28). */
const TERMINAL_LINE_TARGET = 28;

/**
 * Upscale factor from the text's line height, in steps of ½ between 1 and 3: lines come out
 * about 28 px high for terminals (more costs time and gains nothing, measured) and 40 px for
 * chats and captions (Chinese glyphs need the extra detail).
 */
export function autoScale(lineHeight: number | undefined, kind: ImageKind = 'caption'): number {
  if (lineHeight === undefined) return 2;
  const target = kind === 'dark-terminal' || kind === 'light-terminal' ? TERMINAL_LINE_TARGET : 40;
  return Math.min(3, Math.max(1, Math.round((target / lineHeight) * 2) / 2));
}

const pgm = (grey: Buffer, width: number, height: number): Buffer => Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii'), grey]);

async function resize(grey: Buffer, width: number, height: number, scale: number): Promise<{ grey: Buffer; width: number; height: number }> {
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const out = await sharp(grey, { raw: { width, height, channels: 1 } })
    .resize(w, h, { kernel: scale > 1 ? 'cubic' : 'lanczos3' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { grey: out, width: w, height: h };
}

/** Caption keys whose ink share is outside this range are not text (empty, or a whole sky). */
const KEY_INK_RANGE = [0.002, 0.2] as const;

/**
 * Prepares a decoded screenshot for tesseract. What each step does was measured with
 * scripts/bench/ocr (docs/ocr.md): upscaling is the main accuracy gain; dark images are
 * inverted (dark text on light is ~45% faster); on dark backgrounds the brightest channel keeps
 * coloured text (red errors) from fading; Otsu binarisation and solid-block removal help flat
 * UI; text over pictures is isolated by colour keys instead (Otsu on a picture reads the
 * picture as text).
 */
export async function preprocess(img: DecodedImage, options: PreprocessOptions = {}): Promise<Preprocessed> {
  const stats = imageStats(img);
  const kind = options.kind ?? classifyStats(stats);
  const auto = <T>(v: T | 'auto' | undefined): v is 'auto' | undefined => v === undefined || v === 'auto';
  const channels: Channel[] = !auto(options.channel)
    ? [options.channel]
    : kind === 'dark-terminal'
      ? ['max']
      : kind === 'light-terminal'
        ? ['min']
        : kind === 'chat'
          ? ['luma']
          : ['white-key', 'black-key'];
  const maxOut = options.maxOutputPixels ?? DEFAULT_MAX_OUTPUT_PIXELS;

  let lineHeight: number | undefined;
  const candidates: PreparedImage[] = [];
  for (const channel of channels) {
    const keyed = channel === 'white-key' || channel === 'black-key';
    const steps = [channel === 'luma' || keyed ? channel : `${channel}-channel`];
    let grey = toGrey(img, channel);
    let { width, height } = img;

    const invert = auto(options.invert) ? kind === 'dark-terminal' && !keyed : options.invert;
    if (invert) {
      for (let i = 0; i < grey.length; i++) grey[i] = 255 - grey[i]!;
      steps.push('invert');
    }
    if (keyed) {
      const speckles = despeckle(grey, width, height);
      if (speckles > 0) steps.push(`despeckle-${speckles}px`);
      const s = share(grey, 127);
      // A key that leaves almost nothing, or a large part of the picture, is not the caption.
      if (auto(options.channel) && (s < KEY_INK_RANGE[0] || s > KEY_INK_RANGE[1])) continue;
    }

    const flat = kind !== 'caption';
    const removeBlocks = auto(options.removeBlocks) ? flat : options.removeBlocks;
    const level0 = otsuLevel(grey);
    if (removeBlocks) {
      const removed = removeSolidBlocks(grey, width, height, level0, 8);
      if (removed > 0) steps.push(`blocks-${removed}px`);
    }
    // Keyed masks are binary already (ink 0): their rows give the caption's line height.
    lineHeight ??= estimateLineHeight(grey, width, height, keyed ? 127 : level0);

    let scale = auto(options.scale) ? autoScale(lineHeight, kind) : options.scale;
    if (width * height * scale * scale > maxOut) scale = Math.min(scale, Math.sqrt(maxOut / (width * height)));
    if (Math.abs(scale - 1) > 1e-3) {
      ({ grey, width, height } = await resize(grey, width, height, scale));
      steps.push(`scale×${+scale.toFixed(2)}`);
    }

    const threshold = auto(options.threshold) ? kind === 'chat' : options.threshold;
    let level = 127;
    if (threshold) {
      level = otsuLevel(grey);
      for (let i = 0; i < grey.length; i++) grey[i] = grey[i]! > level ? 255 : 0;
      steps.push(`otsu@${level}`);
    }
    candidates.push({ image: pgm(grey, width, height), width, height, variant: `${kind}/${channel}`, steps, inkShare: share(grey, level) });
  }

  if (candidates.length === 0) {
    // No colour key looks like a caption (coloured text, or a picture full of white): plain grey.
    return preprocess(img, { ...options, kind, channel: 'luma', threshold: false });
  }
  return { kind, stats, lineHeight, candidates };
}
