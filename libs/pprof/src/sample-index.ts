import { AppError } from '@memegraph/contracts';
import { type ProfileModel } from './profile.model';

/**
 * Resolves a sample index the way `go tool pprof -sample_index` does: none given means the
 * profile's default_sample_type, else the last sample type; a number is a position; a name
 * matches a sample type, with "inuse_" optional for legacy "space"/"objects" profiles.
 */
export function resolveSampleIndex(m: ProfileModel, sampleIndex?: string | number): number {
  const types = m.sampleTypes.map((t) => t.type);
  if (sampleIndex === undefined || sampleIndex === '') {
    if (m.defaultSampleType) {
      const i = types.indexOf(m.defaultSampleType);
      if (i >= 0) return i;
    }
    return types.length - 1;
  }
  const asNumber = typeof sampleIndex === 'number' ? sampleIndex : /^\d+$/.test(sampleIndex) ? Number(sampleIndex) : undefined;
  if (asNumber !== undefined) {
    if (asNumber < 0 || asNumber >= types.length) {
      throw new AppError('BAD_REQUEST', `sample index ${asNumber} is outside the range [0..${types.length - 1}]`);
    }
    return asNumber;
  }
  const name = String(sampleIndex);
  const noInuse = name.replace(/^inuse_/, '');
  const i = types.findIndex((t) => t === name || t === noInuse);
  if (i < 0) throw new AppError('BAD_REQUEST', `sample index "${name}" must be one of: ${types.join(', ')}`);
  return i;
}
