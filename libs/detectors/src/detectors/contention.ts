import { type ProfileModel } from '@memegraph/pprof';
import { type Candidate } from '../candidate';
import { blend, pct, ramp } from '../confidence';
import { type Severity } from '../finding';
import { APP_LOCK } from '../patterns';
import { pprofPeek, pprofTop } from '../reproduce';
import { addTo, buildStackView, callerAbove, hasFrame, regexMask } from '../stack-view';
import { type Thresholds } from '../thresholds';

const seconds = (ns: number): number => Math.round((ns / 1e9) * 1000) / 1000;

/**
 * Mutex and block profiles: how much of all recorded delay is application sync.Mutex/RWMutex
 * waiting (the rest is runtime-internal locks, or idle selects and channel waits), ranked by
 * call site with delay and contention counts.
 */
export function detectContention(name: string, kind: 'mutex' | 'block', model: ProfileModel, t: Thresholds): Candidate | undefined {
  const di = model.sampleTypes.findIndex((s) => s.type === 'delay');
  const ci = model.sampleTypes.findIndex((s) => s.type === 'contentions');
  if (di < 0) return undefined;
  const delay = buildStackView(model, di);
  if (delay.total <= 0) return undefined;
  const counts = ci >= 0 ? buildStackView(model, ci) : undefined;
  const lock = regexMask(delay, APP_LOCK);
  let lockDelay = 0;
  let lockCount = 0;
  const bySiteDelay = new Map<number, number>();
  const bySiteCount = new Map<number, number>();
  for (let s = 0; s < delay.sampleCount; s++) {
    if (!hasFrame(delay, s, lock)) continue;
    const w = delay.weight[s]!;
    const n = counts?.weight[s] ?? 0;
    lockDelay += w;
    lockCount += n;
    const site = callerAbove(delay, s, lock);
    if (site >= 0) {
      addTo(bySiteDelay, site, w);
      addTo(bySiteCount, site, n);
    }
  }
  const share = lockDelay / delay.total;
  if (share < t.contentionShare || lockDelay < t.contentionMinDelayNs) return undefined;
  const sites = [...bySiteDelay].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 5);
  const anchor = delay.names[sites[0]![0]]!;
  const confidence = blend(0.45, 0.45, [
    [0.6, ramp(share, t.contentionShare, 0.9)],
    [0.4, ramp(Math.log10(lockDelay / 1e9), Math.log10(t.contentionMinDelayNs / 1e9), 2)],
  ]);
  // Most of all recorded blocking is lock waiting, and it adds up to more than 10 s.
  const severity: Severity = share >= 0.6 && lockDelay >= 10e9 ? 'critical' : 'warning';
  const where = kind === 'mutex' ? 'released (the mutex profile charges the unlocker)' : 'waited for (the block profile charges the waiter)';
  return {
    classId: 'mutex-contention',
    detector: `contention-${kind}`,
    family: kind,
    severity,
    confidence,
    anchors: sites.slice(0, 3).map(([f]) => delay.names[f]!),
    sites: sites.map(([f]) => delay.names[f]!),
    title: `Mutex contention: ${pct(share)}% of ${kind} delay (${seconds(lockDelay)} s, ${Math.round(lockCount).toLocaleString('en-US')} contentions) on sync locks at ${anchor}`,
    detail: `The ${kind} profile ${name} records ${seconds(delay.total)} s of delay; ${pct(share)}% is on application locks, ${where} mostly at ${anchor}.`,
    evidence: {
      frames: sites.map(([f, w]) => ({ name: delay.names[f]!, cumPct: pct(w / delay.total) })),
      percentages: { [`sync lock share of ${kind} delay`]: pct(share) },
      counts: Object.fromEntries([
        [`${kind} delay on sync locks (s)`, seconds(lockDelay)],
        [`${kind} contentions on sync locks`, Math.round(lockCount)],
        ...sites.slice(0, 3).map(([f]) => [`contentions at ${delay.names[f]}`, Math.round(bySiteCount.get(f) ?? 0)]),
      ]),
      notes: ['mutex and block profiles are cumulative since the process started (or since the rate was set)'],
    },
    reproduce: [pprofTop(name, 'delay'), pprofTop(name, 'contentions'), pprofPeek(name, anchor, 'delay')],
    sources: [name],
  };
}
