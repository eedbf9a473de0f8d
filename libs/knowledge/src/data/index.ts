import { type RootCauseEntryInput } from '../knowledge.schema';
import { busyLoop } from './busy-loop';
import { cacheStampede } from './cache-stampede';
import { clockSkew } from './clock-skew';
import { cpuReflectionJson } from './cpu-reflection-json';
import { cpuThrottling } from './cpu-throttling';
import { dbPoolExhaustion } from './db-pool-exhaustion';
import { deadlockCycle } from './deadlock-cycle';
import { deepRecursion } from './deep-recursion';
import { diskFull } from './disk-full';
import { dnsFailure } from './dns-failure';
import { fdExhaustion } from './fd-exhaustion';
import { gcPressure } from './gc-pressure';
import { goroutineLeakChan } from './goroutine-leak-chan';
import { goroutineLeakNetread } from './goroutine-leak-netread';
import { heapLeak } from './heap-leak';
import { istioConfigError } from './istio-config-error';
import { k8sCrashloop } from './k8s-crashloop';
import { k8sImagePull } from './k8s-image-pull';
import { k8sNodeDrainFailure } from './k8s-node-drain-failure';
import { k8sOomkilled } from './k8s-oomkilled';
import { k8sPodEviction } from './k8s-pod-eviction';
import { k8sSchedulingFailure } from './k8s-scheduling-failure';
import { mutexContention } from './mutex-contention';
import { negativeExamples } from './negatives';
import { networkTimeout } from './network-timeout';
import { redisClusterSplit } from './redis-cluster-split';
import { redisMaxmemory } from './redis-maxmemory';
import { regexCompileHotPath } from './regex-compile-hot-path';
import { stringConcatLoop } from './string-concat-loop';
import { tlsCertExpiry } from './tls-cert-expiry';

/**
 * Version of the built-in knowledge. Bump it whenever any entry or example changes: the
 * diagnosis model hashes it into its modelVersion, and the graph seed records it.
 */
export const KNOWLEDGE_VERSION = '1.0.0';

export const knowledgeData: { version: string; classes: RootCauseEntryInput[]; negatives: string[] } = {
  version: KNOWLEDGE_VERSION,
  classes: [
    cpuReflectionJson,
    deepRecursion,
    gcPressure,
    heapLeak,
    stringConcatLoop,
    goroutineLeakChan,
    goroutineLeakNetread,
    mutexContention,
    deadlockCycle,
    busyLoop,
    regexCompileHotPath,
    k8sOomkilled,
    k8sCrashloop,
    k8sPodEviction,
    k8sSchedulingFailure,
    k8sNodeDrainFailure,
    k8sImagePull,
    cpuThrottling,
    redisClusterSplit,
    redisMaxmemory,
    istioConfigError,
    networkTimeout,
    dnsFailure,
    dbPoolExhaustion,
    cacheStampede,
    fdExhaustion,
    diskFull,
    tlsCertExpiry,
    clockSkew,
  ],
  negatives: negativeExamples,
};
