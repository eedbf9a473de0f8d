import { Redis } from 'ioredis';

/**
 * One ioredis connection. BullMQ workers block on Redis, so requests must never give up
 * (maxRetriesPerRequest: null); producers fail fast instead so the API can answer 503.
 */
export function createRedis(url: string, role: 'producer' | 'worker' | 'probe'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: 5_000,
    lazyConnect: role === 'probe',
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

/** True when a Redis server answers PING at url within the timeout. */
export async function redisAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  const redis = createRedis(url, 'probe');
  redis.on('error', () => undefined);
  try {
    const pong = await Promise.race([redis.connect().then(() => redis.ping()), new Promise<string>((_, rej) => setTimeout(() => rej(new Error('timeout')), timeoutMs))]);
    return pong === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
