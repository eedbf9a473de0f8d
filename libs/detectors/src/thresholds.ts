/**
 * Every number a detector compares against, in one place, each with the reason for its value.
 * Shares are fractions (0..1) of the profile's total (CPU time, bytes, delay, goroutines).
 * None is fitted to a fixture: they come from how the Go runtime and pprof behave, and the
 * fixture tests only check that the reasoned values separate the scenarios.
 */
export interface Thresholds {
  // ---- CPU profile gates -------------------------------------------------------------------
  cpuNoiseSamples: number;
  cpuMinSamples: number;
  cpuMinCores: number;

  // ---- CPU patterns --------------------------------------------------------------------------
  reflectionShare: number;
  reflectionCriticalShare: number;
  deepStackFrames: number;
  recursionRepeats: number;
  deepShare: number;
  deepCriticalShare: number;
  gcShare: number;
  gcCriticalShare: number;
  gcExplainedFraction: number;
  busyShare: number;
  busyPollFraction: number;
  busyCriticalCores: number;
  hotLeafFlatShare: number;
  hotLeafFlatOverCum: number;
  regexShare: number;
  regexCriticalShare: number;
  cpuLockShare: number;
  cpuLockCriticalShare: number;
  concatShare: number;
  concatCriticalShare: number;

  // ---- allocation profiles -------------------------------------------------------------------
  allocPatternShare: number;
  heapGrowthMinBytes: number;
  heapGrowthRelative: number;
  heapGrowthCriticalRelative: number;
  heapGrowthSiteShare: number;
  heapRetainedShare: number;
  heapRetainedRatio: number;
  heapRetainedMinBytes: number;

  // ---- goroutines ---------------------------------------------------------------------------
  leakPileUp: number;
  leakPileUpCritical: number;
  leakGrowthMin: number;
  leakGrowthRatio: number;
  foreverBlockedMin: number;
  keepAlivePileUp: number;
  lockWaitMinutes: number;
  lockPileUpMin: number;
  lockPileUpShare: number;

  // ---- mutex and block profiles -------------------------------------------------------------
  contentionShare: number;
  contentionMinDelayNs: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  // Below 20 samples a share is uncertain by more than ±10 points: no CPU pattern is reported.
  cpuNoiseSamples: 20,
  // pprof samples CPU at 100 Hz. The standard error of a share p from n samples is
  // sqrt(p(1-p)/n): at n = 100 and p = 0.3 it is ±4.6 points, enough to tell 30% from a 20%
  // threshold at two sigma. Below 100 samples shares are noise, so findings stay info.
  cpuMinSamples: 100,
  // A process that used less than a quarter of one core during the profile has no CPU
  // problem worth waking anyone for, whatever its shares look like: findings stay info.
  cpuMinCores: 0.25,

  // Reflection-driven decoding: a service that decodes JSON into typed structs spends a few
  // percent of CPU in encoding/json (the healthy shared fixture: ~6%). When a fifth of all CPU is
  // codec work walking interface{} / maps / reflect, the codec is the service's main job.
  reflectionShare: 0.2,
  // Two fifths: the codec costs more CPU than everything else the handler does.
  reflectionCriticalShare: 0.4,

  // The seed's definition of a deep stack (see the meme): 50 frames. Ordinary Go request paths,
  // net/http included, are 10-30 frames deep; 50 leaves room for a long middleware chain.
  deepStackFrames: 50,
  // A function found 10 times in one stack is recursing, not just layered.
  recursionRepeats: 10,
  // A fifth of CPU samples that deep: the deep path is a main code path, not an outlier.
  deepShare: 0.2,
  // Half of the CPU at depth: the recursion is the service's main work.
  deepCriticalShare: 0.5,

  // Go's GC pacer aims at 25% of GOMAXPROCS for background marking while a cycle runs; a
  // service whose allocation + GC share stays above that all profile long is GC-bound.
  gcShare: 0.25,
  // Nearly half of CPU on allocating and collecting: the service mostly manages memory.
  gcCriticalShare: 0.45,
  // When at least half of the allocation samples sit under another pattern (JSON decoding,
  // concatenation, regexp compilation), that pattern is the cause: gc-pressure is its symptom.
  gcExplainedFraction: 0.5,

  // Polling frames (select-with-default, atomic loads, yields) with nothing useful under
  // them: 15% of CPU is more than a healthy service spends in select evaluation (~1%).
  busyShare: 0.15,
  // A function is a spinner when at least half of its samples are polling primitives.
  busyPollFraction: 0.5,
  // Spinning that burns one whole core (0.9 for sampling slack) is critical.
  busyCriticalCores: 0.9,
  // Weak busy-loop signal (info only): a user function that is its own hot leaf for 30% of CPU
  // with flat >= 90% of cum calls nothing, the shape of a spin loop but also of a compute kernel.
  hotLeafFlatShare: 0.3,
  hotLeafFlatOverCum: 0.9,

  // Compiling regexps belongs at start-up, where it costs milliseconds once. 5% of a profile's
  // CPU in regexp.Compile / regexp/syntax means patterns are compiled continuously.
  regexShare: 0.05,
  // A fifth of CPU recompiling the same patterns.
  regexCriticalShare: 0.2,

  // sync.Mutex slow paths (lockSlow, semacquire, semrelease handoff) are near zero when locks
  // are uncontended; 10% of CPU spent there means goroutines queue on a lock.
  cpuLockShare: 0.1,
  cpuLockCriticalShare: 0.3,

  // One-off concatenations (keys, log lines) cost a few percent (the shared gc-pressure fixture
  // has ~10% from "x-"+k); a loop that re-copies a growing string costs more the longer it gets.
  concatShare: 0.15,
  concatCriticalShare: 0.35,

  // In allocation profiles (alloc_space) a pattern that allocates 30% of all bytes is a
  // corroborating signal for the CPU-side detectors (allocation share is not CPU share).
  allocPatternShare: 0.3,

  // Heap profiles sample one allocation per 512 KiB on average (MemProfileRate). Eight samples
  // (4 MiB) are needed before a site's growth is more than sampling noise.
  heapGrowthMinBytes: 4 * 1024 * 1024,
  // Growth of a fifth of the first snapshot's heap at one site between two snapshots.
  heapGrowthRelative: 0.2,
  // The heap at least doubled because of one site.
  heapGrowthCriticalRelative: 1,
  // The site must carry a real part of the total growth, not ride along with another site.
  heapGrowthSiteShare: 0.3,
  // One snapshot: a site holding half of the live heap whose every allocated byte is still live
  // (inuse >= 90% of alloc) never frees anything. Could be a cache or a startup table: info only.
  heapRetainedShare: 0.5,
  heapRetainedRatio: 0.9,
  heapRetainedMinBytes: 4 * 1024 * 1024,

  // A hundred goroutines parked on one identical channel stack: worker pools are sized to
  // GOMAXPROCS or a config value (tens); hundreds of identical waiters are a pile-up.
  leakPileUp: 100,
  // Thousands: each leaked goroutine holds at least a 2-8 KiB stack plus what it references.
  leakPileUpCritical: 1000,
  // Between two snapshots, growth by 50 goroutines and by half at one blocked site is beyond the
  // fluctuation of a steady service.
  leakGrowthMin: 50,
  leakGrowthRatio: 1.5,
  // Goroutines blocked on a nil channel or an empty select can never wake; two or more at one
  // site (outside main's idiomatic `select {}`) are leaked by construction.
  foreverBlockedMin: 2,
  // Idle keep-alive connections (net/http.(*conn).serve, persistConn.readLoop) are normal in the
  // hundreds; only thousands make an idle-connection pile-up.
  keepAlivePileUp: 1000,
  // Go prints wait minutes from one minute on: a lock waited on for a minute is not contention.
  lockWaitMinutes: 1,
  // At least four goroutines, and a quarter of all goroutines, queued on locks at one snapshot.
  lockPileUpMin: 4,
  lockPileUpShare: 0.25,

  // Mutex and block profiles: application sync.Mutex/RWMutex delay must be at least 30% of all
  // recorded delay (the rest is runtime-internal locks or idle selects)...
  contentionShare: 0.3,
  // ...and at least 100 ms: healthy services show microseconds to milliseconds of lock delay.
  contentionMinDelayNs: 100e6,
});

export const withThresholds = (overrides: Partial<Thresholds> = {}): Thresholds => ({ ...DEFAULT_THRESHOLDS, ...overrides });
