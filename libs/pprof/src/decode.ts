import { gunzipSync } from 'node:zlib';
import { AppError } from '@memegraph/contracts';
import { Profile } from 'pprof-format';
import { type ProfileLimits, withLimits } from './limits';

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Gunzips when gzipped; never inflates past the cap (a bomb is refused, not expanded). */
export function inflate(input: Uint8Array, limits: ProfileLimits): Uint8Array {
  if (!isGzip(input)) return input;
  try {
    return gunzipSync(input, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || e.code === 'ERR_OUT_OF_RANGE' || /Cannot create a Buffer larger|exceeds/.test(e.message)) {
      throw new AppError('LIMIT_EXCEEDED', `profile decompresses to more than ${limits.maxDecompressedBytes} bytes`, {
        limit: 'maxDecompressedBytes',
        value: limits.maxDecompressedBytes,
      });
    }
    throw new AppError('CORRUPT_PROFILE', `gzip stream is corrupt or truncated: ${e.message}`);
  }
}

/** Decodes a pprof protobuf (gzipped or not) into pprof-format's Profile, with typed errors. */
export function decodeProfile(input: Uint8Array, overrides: Partial<ProfileLimits> = {}): Profile {
  const limits = withLimits(overrides);
  if (input.length === 0) throw new AppError('EMPTY_FILE', 'the file is empty');
  if (input.length > limits.maxInputBytes) {
    throw new AppError('PROFILE_TOO_LARGE', `profile is ${input.length} bytes; the limit is ${limits.maxInputBytes}`, {
      limit: 'maxInputBytes',
      value: limits.maxInputBytes,
    });
  }
  const raw = inflate(input, limits);
  let profile: Profile;
  try {
    profile = Profile.decode(raw);
  } catch (err) {
    throw new AppError('CORRUPT_PROFILE', `not a valid pprof protobuf: ${(err as Error).message}`);
  }
  if (profile.sampleType.length === 0 || profile.stringTable.strings.length === 0) {
    throw new AppError('UNSUPPORTED_FORMAT', 'not a pprof profile: it declares no sample types');
  }
  if (profile.sample.length > limits.maxSamples) {
    throw new AppError('LIMIT_EXCEEDED', `profile has ${profile.sample.length} samples; the limit is ${limits.maxSamples}`);
  }
  if (profile.location.length > limits.maxLocations) {
    throw new AppError('LIMIT_EXCEEDED', `profile has ${profile.location.length} locations; the limit is ${limits.maxLocations}`);
  }
  return profile;
}
