/**
 * A token bucket per key (a desk, or a remote address for enrollment). Kept in each hub process:
 * behind a load balancer of N processes a desk may make up to N times the rate, which is still a
 * bound; what must hold exactly (exactly once, order) never depends on this (docs/hub.md).
 */

export interface RateLimit {
  /** Requests per second a key may sustain. */
  readonly perSecond: number;
  /** Requests a key may make at once after being idle. */
  readonly burst: number;
}

/** A desk syncs a few times a minute, and a live update or a catch-up adds a burst of pages. */
export const DEFAULT_DESK_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 60 };
/** Refused enrollment codes from one address: a handful a minute is a person typing; more is guessing. */
export const DEFAULT_ENROLL_RATE_LIMIT: RateLimit = { perSecond: 0.2, burst: 10 };
/** Buckets idle this long are forgotten, so the map does not grow with every address ever seen. */
const IDLE_FORGET_MS = 10 * 60_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  private refill(key: string): Bucket {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }

  private waitFor(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  /** Takes one request's token; returns 0 when allowed, else the seconds to wait (for Retry-After). */
  take(key: string): number {
    const bucket = this.refill(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.waitFor(bucket);
  }

  /** The seconds to wait before a request may try, without taking a token (0: it may). */
  blocked(key: string): number {
    const bucket = this.refill(key);
    return bucket.tokens >= 1 ? 0 : this.waitFor(bucket);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < IDLE_FORGET_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > IDLE_FORGET_MS) this.buckets.delete(key);
  }
}
