import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_BACKOFF, MAX_RETRY_AFTER_MS, nextDelayMs, parseRetryAfter } from '../../main/core/sync/backoff';

describe('sync backoff', () => {
  it('grows exponentially up to the cap, with full jitter between 0 and the ceiling', () => {
    const policy = { baseMs: 1_000, capMs: 60_000 };
    expect(nextDelayMs(1, policy, () => 0.999_999, null)).toBe(999);
    expect(nextDelayMs(2, policy, () => 0.999_999, null)).toBe(1_999);
    expect(nextDelayMs(4, policy, () => 0.999_999, null)).toBe(7_999);
    expect(nextDelayMs(30, policy, () => 0.999_999, null)).toBe(59_999);
    expect(nextDelayMs(3, policy, () => 0, null)).toBe(0);
    expect(nextDelayMs(3, policy, () => 0.5, null)).toBe(2_000);
  });

  it('never comes back sooner than Retry-After asked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 0.999_999, noNaN: true }), fc.integer({ min: 0, max: 600_000 }), (failures, r, retryAfter) => {
        const delay = nextDelayMs(failures, DEFAULT_BACKOFF, () => r, retryAfter);
        expect(delay).toBeGreaterThanOrEqual(retryAfter);
        expect(delay).toBeLessThanOrEqual(Math.max(retryAfter, DEFAULT_BACKOFF.capMs));
      }),
      { numRuns: 500 },
    );
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores garbage', () => {
    const now = new Date('2026-11-21T09:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0.5 ', now)).toBe(500);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('999999999', now)).toBe(MAX_RETRY_AFTER_MS);
  });
});
