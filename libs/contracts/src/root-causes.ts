/**
 * Root-cause class ids every part of the platform speaks (graph, detectors, classifier, API).
 * The ids are fixed by the product spec: add classes, never rename these.
 */
export const GoRuntimeClassIds = [
  'cpu-reflection-json',
  'deep-recursion',
  'gc-pressure',
  'heap-leak',
  'string-concat-loop',
  'goroutine-leak-chan',
  'goroutine-leak-netread',
  'mutex-contention',
  'deadlock-cycle',
  'busy-loop',
  'regex-compile-hot-path',
] as const;

export const PlatformClassIds = [
  'k8s-oomkilled',
  'k8s-crashloop',
  'k8s-pod-eviction',
  'k8s-scheduling-failure',
  'k8s-node-drain-failure',
  'k8s-image-pull',
  'cpu-throttling',
  'redis-cluster-split',
  'redis-maxmemory',
  'istio-config-error',
  'network-timeout',
  'dns-failure',
  'db-pool-exhaustion',
  'cache-stampede',
  'fd-exhaustion',
  'disk-full',
  'tls-cert-expiry',
  'clock-skew',
] as const;

export const RootCauseClassIds = [...GoRuntimeClassIds, ...PlatformClassIds] as const;
export type RootCauseClassId = (typeof RootCauseClassIds)[number];

export const rootCauseDomain = (id: RootCauseClassId): 'go-runtime' | 'platform' =>
  (GoRuntimeClassIds as readonly string[]).includes(id) ? 'go-runtime' : 'platform';
