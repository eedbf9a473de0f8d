import { AppError } from '@memegraph/contracts';

/**
 * Token bucket per key (webhook source), in this process. Enough to stop a misbehaving
 * sender from flooding one instance; a fleet-wide limit belongs in the ingress.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst = perSecond * 2,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): void {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens < 1) {
      const retryAfter = Math.ceil((1 - b.tokens) / this.perSecond);
      throw new AppError('RATE_LIMITED', `too many requests from ${key}; retry in ${retryAfter} s`, { retryAfterSeconds: retryAfter });
    }
    b.tokens -= 1;
  }
}
