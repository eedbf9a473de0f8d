import { type ProfileSummary } from '@memegraph/contracts';
import { type Profile } from 'pprof-format';
import { type ProfileModel, hasSymbols } from './profile.model';

const num = (v: number | bigint | undefined): number => (v === undefined ? 0 : Number(v));

/**
 * Names the profile kind the way Go's net/http/pprof endpoints do, from its sample types.
 * heap and allocs share sample types; Go marks allocs with default sample type alloc_space.
 * mutex and block profiles are indistinguishable by content, so both are "contention".
 */
export function profileKind(types: string[], defaultSampleType?: string): string {
  const has = (t: string) => types.includes(t);
  if (has('inuse_space') || has('alloc_space')) return defaultSampleType === 'alloc_space' ? 'allocs' : 'heap';
  if (has('cpu')) return 'cpu';
  if (has('goroutine')) return 'goroutine';
  if (has('threadcreate')) return 'threadcreate';
  if (has('contentions') && has('delay')) return 'contention';
  return 'unknown';
}

const isModel = (p: Profile | ProfileModel): p is ProfileModel => 'stackLocs' in p;

/** Summarises a decoded profile: pprof-format's Profile (decodeProfile) or the ProfileModel (readProfile). */
export function summarizeProfile(p: Profile | ProfileModel): ProfileSummary {
  if (isModel(p)) return summarizeModel(p);
  const str = (i: number | bigint) => p.stringTable.strings[Number(i)] ?? '';
  const sampleTypes = p.sampleType.map((vt) => ({ type: str(vt.type), unit: str(vt.unit) }));
  const totals = sampleTypes.map((t) => ({ ...t, total: 0 }));
  for (const s of p.sample) {
    for (let i = 0; i < totals.length; i++) totals[i]!.total += num(s.value[i]);
  }
  const periodType = p.periodType ? { type: str(p.periodType.type), unit: str(p.periodType.unit) } : undefined;
  const symbolized = p.function.some((f) => str(f.name) !== '') && p.location.some((l) => l.line.some((ln) => num(ln.functionId) !== 0));
  const defaultSampleType = num(p.defaultSampleType) ? str(p.defaultSampleType) : undefined;
  return {
    kind: profileKind(sampleTypes.map((t) => t.type), defaultSampleType),
    sampleTypes,
    defaultSampleType,
    periodType,
    period: num(p.period),
    durationNanos: num(p.durationNanos),
    timeNanos: num(p.timeNanos),
    sampleCount: p.sample.length,
    totals,
    locationCount: p.location.length,
    functionCount: p.function.length,
    hasSymbols: symbolized,
  };
}

function summarizeModel(m: ProfileModel): ProfileSummary {
  const n = m.sampleTypes.length;
  const totals = m.sampleTypes.map((t) => ({ ...t, total: 0 }));
  for (let s = 0; s < m.sampleCount; s++) {
    for (let i = 0; i < n; i++) totals[i]!.total += m.values[s * n + i]!;
  }
  return {
    kind: profileKind(m.sampleTypes.map((t) => t.type), m.defaultSampleType),
    sampleTypes: m.sampleTypes.map((t) => ({ ...t })),
    defaultSampleType: m.defaultSampleType,
    periodType: m.periodType,
    period: m.period,
    durationNanos: m.durationNanos,
    timeNanos: m.timeNanos,
    sampleCount: m.sampleCount,
    totals,
    locationCount: m.locAddress.length,
    functionCount: m.funcName.length,
    hasSymbols: hasSymbols(m),
  };
}
