/** How long to wait before the next sync attempt after a run of failures. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * Exponential backoff with full jitter (a random delay between 0 and the exponential ceiling), so a
 * room of desks coming back online does not hit the upstream in step. A Retry-After from the upstream
 * is a floor: the desk never comes back sooner than it was asked to.
 */
export function nextDelayMs(failures: number, policy: BackoffPolicy, random: () => number, retryAfterMs: number | null): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(jittered, retryAfterMs);
}

/** Largest Retry-After honoured: an upstream asking for more is treated as asking for this. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Math.round(Number(text) * 1000), MAX_RETRY_AFTER_MS);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(date - now.getTime(), 0), MAX_RETRY_AFTER_MS);
}
