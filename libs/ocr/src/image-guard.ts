import { AppError } from '@memegraph/contracts';
import sharp from 'sharp';

/**
 * Caps applied to every image before it is decoded. Screenshots are small; anything past these
 * is either a mistake or hostile (a decompression bomb declares huge dimensions in a tiny file).
 */
export interface ImageLimits {
  /** Largest accepted file, as uploaded. */
  maxBytes: number;
  /** Largest accepted width × height of the (first) frame; bounds the decoded size. */
  maxPixels: number;
  maxWidth: number;
  maxHeight: number;
}

/**
 * Defaults: 10 MiB and 40 megapixels (as the platform's MAX_IMAGE_BYTES / MAX_IMAGE_PIXELS),
 * 10,000 px wide, 20,000 px high. A 4K screenshot is 8.3 MP; a phone "long screenshot" of a chat
 * is ~1,200 × 15,000. Decoded, 40 MP is at most 160 MB of RGBA.
 */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxWidth: 10_000,
  maxHeight: 20_000,
};

export const withImageLimits = (overrides: Partial<ImageLimits> = {}): ImageLimits => {
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...overrides };
  for (const [k, v] of Object.entries(limits)) {
    if (!Number.isInteger(v) || v <= 0) throw new AppError('BAD_REQUEST', `image limit ${k} must be a positive integer, got ${String(v)}`);
  }
  return limits;
};

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

export interface InspectedImage {
  format: ImageFormat;
  width: number;
  height: number;
  bytes: number;
}

/** Decoded pixels of the first frame, 8 bits per channel, RGB (alpha flattened onto white). */
export interface DecodedImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3;
  format: ImageFormat;
}

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Recognises the four accepted formats from their first bytes; anything else is `undefined`. */
export function sniffFormat(b: Uint8Array): ImageFormat | undefined {
  if (b.length >= 8 && PNG_SIG.every((v, i) => b[i] === v)) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 6 && ascii(b, 0, 4) === 'GIF8' && (ascii(b, 4, 2) === '7a' || ascii(b, 4, 2) === '9a')) return 'gif';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  return undefined;
}

const ascii = (b: Uint8Array, at: number, n: number): string => String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number): number => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

/**
 * Width and height as the file's header declares them, read without decoding anything, so a
 * 20,000 × 20,000 claim is refused before a pixel is allocated. `undefined` when the header is
 * cut short or malformed (the decoder then reports the corruption).
 */
export function readDeclaredSize(b: Uint8Array, format: ImageFormat): { width: number; height: number } | undefined {
  switch (format) {
    case 'png':
      // Signature, then the IHDR chunk: length(4) "IHDR" width(4) height(4).
      if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return undefined;
      return { width: u32be(b, 16), height: u32be(b, 20) };
    case 'gif':
      // Logical screen descriptor; sharp renders frames onto this canvas.
      if (b.length < 10) return undefined;
      return { width: u16le(b, 6), height: u16le(b, 8) };
    case 'webp':
      return webpSize(b);
    case 'jpeg':
      return jpegSize(b);
  }
}

function webpSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 30) return undefined;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return undefined;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') {
    // Frame tag (3), start code 9d 01 2a, then 14-bit width and height.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return undefined;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return undefined;
}

function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let at = 2;
  // Walk marker segments until a start-of-frame (SOF0..SOF15 except DHT, JPG, DAC).
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const len = u16be(b, at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    }
    if (marker === 0xda || len < 2) return undefined;
    at += 2 + len;
  }
  return undefined;
}

function checkDimensions(width: number, height: number, limits: ImageLimits): void {
  const details = { width, height, maxWidth: limits.maxWidth, maxHeight: limits.maxHeight, maxPixels: limits.maxPixels };
  if (width > limits.maxWidth || height > limits.maxHeight) {
    throw new AppError('LIMIT_EXCEEDED', `image is ${width}×${height} px; the limit is ${limits.maxWidth}×${limits.maxHeight}`, details);
  }
  if (width * height > limits.maxPixels) {
    throw new AppError('LIMIT_EXCEEDED', `image has ${width * height} pixels (${width}×${height}); the limit is ${limits.maxPixels}`, details);
  }
}

const corrupt = (format: ImageFormat | undefined, cause: string): AppError =>
  new AppError('CORRUPT_IMAGE', `the ${format ?? 'image'} file is truncated or corrupt (${cause})`, { reason: 'corrupt', format, cause });

/** Turns a libvips failure into a typed error; pixel-limit failures become LIMIT_EXCEEDED. */
function mapSharpError(err: unknown, format: ImageFormat, limits: ImageLimits): AppError {
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message)) {
    return new AppError('LIMIT_EXCEEDED', `image exceeds the ${limits.maxPixels}-pixel limit`, { maxPixels: limits.maxPixels });
  }
  return corrupt(format, message.split('\n')[0]!.slice(0, 200));
}

/**
 * Validates an image without decoding its pixels: size, magic bytes (PNG, JPEG, WebP, GIF) and
 * the dimensions its header declares (our own header read, then libvips' with `limitInputPixels`).
 * Throws AppError: EMPTY_FILE, PAYLOAD_TOO_LARGE, UNSUPPORTED_FORMAT, CORRUPT_IMAGE (a header
 * the decoder cannot read), LIMIT_EXCEEDED.
 */
export async function inspectImage(bytes: Uint8Array, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<InspectedImage> {
  if (bytes.length === 0) throw new AppError('EMPTY_FILE', 'the image is empty (0 bytes)');
  if (bytes.length > limits.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `image is ${bytes.length} bytes; the limit is ${limits.maxBytes}`, { bytes: bytes.length, maxBytes: limits.maxBytes });
  }
  const format = sniffFormat(bytes);
  if (!format) {
    throw new AppError('UNSUPPORTED_FORMAT', 'not a PNG, JPEG, WebP or GIF image', { reason: 'unknown-signature', accepted: ['png', 'jpeg', 'webp', 'gif'] });
  }
  const declared = readDeclaredSize(bytes, format);
  if (declared) checkDimensions(declared.width, declared.height, limits);

  const meta = await sharp(bytes, { limitInputPixels: limits.maxPixels, pages: 1 })
    .metadata()
    .catch((err: unknown) => {
      throw mapSharpError(err, format, limits);
    });
  if (meta.format !== format) {
    throw corrupt(format, `decoder sees ${String(meta.format)}`);
  }
  const width = meta.width;
  const height = meta.pageHeight ?? meta.height;
  if (!width || !height) throw corrupt(format, 'no dimensions in the header');
  checkDimensions(width, height, limits);
  return { format, width, height, bytes: bytes.length };
}

/**
 * Decodes the first frame to RGB, with the pixel cap enforced by libvips as well, EXIF
 * orientation applied and transparency flattened onto white. Truncated data is CORRUPT_IMAGE.
 */
export async function decodeImage(bytes: Uint8Array, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<DecodedImage> {
  const info = await inspectImage(bytes, limits);
  try {
    const { data, info: out } = await sharp(bytes, { limitInputPixels: limits.maxPixels, pages: 1, failOn: 'truncated' })
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (out.channels !== 3) throw new Error(`unexpected ${out.channels} channels`);
    return { data, width: out.width, height: out.height, channels: 3, format: info.format };
  } catch (err) {
    throw mapSharpError(err, info.format, limits);
  }
}
