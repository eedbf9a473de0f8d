import { gunzipSync } from 'node:zlib';
import { AppError } from '@memegraph/contracts';
import { Profile } from 'pprof-format';
import { type ProfileLimits, withLimits } from './limits';
import { decodeProfileModel } from './profile.decoder';
import { type ProfileModel } from './profile.model';

export const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Gunzips when gzipped; never inflates past the cap (a bomb is refused, not expanded). */
export function inflate(input: Uint8Array, limits: ProfileLimits): Uint8Array {
  if (!isGzip(input)) return input;
  try {
    return gunzipSync(input, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || e.code === 'ERR_OUT_OF_RANGE' || /Cannot create a Buffer larger|exceeds/.test(e.message)) {
      throw new AppError('LIMIT_EXCEEDED', `input decompresses to more than ${limits.maxDecompressedBytes} bytes`, {
        limit: 'maxDecompressedBytes',
        value: limits.maxDecompressedBytes,
      });
    }
    throw new AppError('CORRUPT_PROFILE', `gzip stream is corrupt or truncated: ${e.message}`);
  }
}

const startsWith = (b: Uint8Array, magic: number[]) => magic.every((v, i) => b[i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Formats people upload by mistake, recognised by their magic bytes so the error can say what they are. */
const FOREIGN_FORMATS: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', ascii('GIF8')],
  ['a PDF document', ascii('%PDF')],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['an ELF binary', [0x7f, 0x45, 0x4c, 0x46]],
  ['a zstd stream', [0x28, 0xb5, 0x2f, 0xfd]],
];

/** What the bytes (after gunzip) look like: a pprof protobuf or a goroutine text dump. */
export type InputKind = 'pprof' | 'goroutine-text';

/**
 * Goroutine text dumps start with "goroutine profile:" (debug=1), "goroutine N [" (debug=2),
 * or a panic/SIGQUIT preamble. A protobuf never starts with printable text like that, so the
 * first bytes decide.
 */
export function sniffInput(raw: Uint8Array): InputKind {
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.length, 4096)).toString('latin1');
  if (/^\s*(goroutine profile: total \d+|goroutine \d+)/.test(head)) return 'goroutine-text';
  if (/^(panic: |fatal error: |SIGQUIT: |SIG[A-Z]+: |unexpected fault address|runtime: )/m.test(head.slice(0, 512)) && /\ngoroutine \d+/.test(head + '\n')) {
    return 'goroutine-text';
  }
  return 'pprof';
}

function refuseForeign(raw: Uint8Array): void {
  for (const [what, magic] of FOREIGN_FORMATS) {
    if (startsWith(raw, magic)) throw new AppError('UNSUPPORTED_FORMAT', `not a pprof profile: the file is ${what}`);
  }
  if (sniffInput(raw) === 'goroutine-text') {
    throw new AppError('UNSUPPORTED_FORMAT', 'not a pprof protobuf: this is a goroutine text dump (use the goroutines command)');
  }
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.length, 64)).toString('latin1').trimStart();
  if (/^(<!doctype|<html|<\?xml|<svg|\{|\[)/i.test(head)) throw new AppError('UNSUPPORTED_FORMAT', 'not a pprof profile: the file is HTML, XML or JSON text');
}

function checkInput(input: Uint8Array, limits: ProfileLimits): void {
  if (input.length === 0) throw new AppError('EMPTY_FILE', 'the file is empty');
  if (input.length > limits.maxInputBytes) {
    throw new AppError('PROFILE_TOO_LARGE', `input is ${input.length} bytes; the limit is ${limits.maxInputBytes}`, {
      limit: 'maxInputBytes',
      value: limits.maxInputBytes,
    });
  }
}

/** Size checks, gunzip with the bomb cap, then refusal of recognisably foreign content. */
export function unpackInput(input: Uint8Array, limits: ProfileLimits): Uint8Array {
  checkInput(input, limits);
  const raw = inflate(input, limits);
  if (raw.length === 0) throw new AppError('EMPTY_FILE', 'the file decompresses to nothing');
  return raw;
}

/**
 * Decodes a pprof protobuf (gzipped or not) into the shared ProfileModel with the lean reader.
 * Errors: EMPTY_FILE (0 bytes), PROFILE_TOO_LARGE (input over maxInputBytes), LIMIT_EXCEEDED
 * (gzip bomb, too many samples/locations/frames), UNSUPPORTED_FORMAT (an image, archive, text
 * dump, or a protobuf without sample types), CORRUPT_PROFILE (truncated gzip, truncated or
 * malformed protobuf, dangling ids).
 */
export function readProfile(input: Uint8Array, overrides: Partial<ProfileLimits> = {}): ProfileModel {
  const limits = withLimits(overrides);
  const raw = unpackInput(input, limits);
  refuseForeign(raw);
  return decodeProfileModel(raw, limits);
}

/**
 * Decodes a pprof protobuf (gzipped or not) into pprof-format's Profile, with typed errors.
 * The structure is validated with the lean reader first, so truncated or dangling input fails
 * with the same errors as readProfile instead of decoding into a partial profile.
 */
export function decodeProfile(input: Uint8Array, overrides: Partial<ProfileLimits> = {}): Profile {
  const limits = withLimits(overrides);
  const raw = unpackInput(input, limits);
  refuseForeign(raw);
  decodeProfileModel(raw, limits);
  try {
    return Profile.decode(raw);
  } catch (err) {
    throw new AppError('CORRUPT_PROFILE', `not a valid pprof protobuf: ${(err as Error).message}`);
  }
}

/** The shared model from an already decoded pprof-format Profile (what decodeProfile returns). */
export function modelFromProfile(profile: Profile, overrides: Partial<ProfileLimits> = {}): ProfileModel {
  return decodeProfileModel(profile.encode(), withLimits(overrides));
}
