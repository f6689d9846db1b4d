/**
 * Sign-in throttling (docs/site-board.md), kept in PostgreSQL so it holds across every
 * hub process behind a load balancer. Each attempt is counted BEFORE the password is checked, per
 * user name and per remote address, so a burst of parallel guesses cannot slip past the limit
 * while the first ones are still hashing. A right password clears its user name's count; a locked
 * key answers 429 with Retry-After until the lock ends.
 */
import type { SqlClient, SqlPool } from '../storage/sql';

export interface ThrottleRule {
  /** Attempts allowed in one window; the next one locks the key. */
  readonly attempts: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

/** Per user name: a person mistyping is well inside; a guesser gets 5 tries a quarter hour. */
export const USER_THROTTLE: ThrottleRule = { attempts: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Per remote address: many users behind one office address still fit; a spray across names does not. */
export const ADDRESS_THROTTLE: ThrottleRule = { attempts: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Expired rows removed per sign-in attempt: more than one attempt can add, so the table shrinks. */
const PRUNE_PER_ATTEMPT = 20;

export type ThrottleVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

async function count(client: SqlClient, key: string, rule: ThrottleRule, now: Date): Promise<Date | null> {
  const { rows } = await client.query<{ failures: number; locked_until: Date | string | null }>(
    `INSERT INTO board_login_throttle AS t (key, failures, window_start, locked_until) VALUES ($1, 1, $2, NULL)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_start <= $3 THEN 1 ELSE t.failures + 1 END,
       window_start = CASE WHEN t.window_start <= $3 THEN $2 ELSE t.window_start END,
       locked_until = CASE WHEN t.locked_until IS NOT NULL AND t.locked_until > $2 THEN t.locked_until ELSE NULL END
     RETURNING failures, locked_until`,
    [key, now.toISOString(), new Date(now.getTime() - rule.windowMs).toISOString()],
  );
  const row = rows[0];
  if (row === undefined) return null;
  if (row.locked_until !== null) return new Date(row.locked_until);
  if (row.failures > rule.attempts) {
    const until = new Date(now.getTime() + rule.lockMs);
    await client.query('UPDATE board_login_throttle SET locked_until = $2 WHERE key = $1', [key, until.toISOString()]);
    return until;
  }
  return null;
}

/**
 * Counts one sign-in attempt for a user name from an address. Refused (with the seconds to wait)
 * when either is locked or this attempt is one too many.
 */
export interface SignInThrottle {
  readonly user: ThrottleRule;
  readonly address: ThrottleRule;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottle = { user: USER_THROTTLE, address: ADDRESS_THROTTLE };

export async function countAttempt(pool: SqlPool, username: string, address: string, now: Date, rules: SignInThrottle = DEFAULT_SIGN_IN_THROTTLE): Promise<ThrottleVerdict> {
  const lockedUntil = await pool.transaction(async (client) => {
    // The address first: a locked address adds no row per user name it sprays, so the table stays small.
    const byAddress = await count(client, `address:${address}`, rules.address, now);
    if (byAddress !== null) return byAddress;
    const byUser = await count(client, `user:${username}`, rules.user, now);
    // Rows whose window and lock are over say nothing any more: a few are cleared with each attempt.
    await client.query(
      `DELETE FROM board_login_throttle WHERE key IN (
         SELECT key FROM board_login_throttle WHERE window_start <= $1 AND (locked_until IS NULL OR locked_until <= $2) LIMIT $3)`,
      [new Date(now.getTime() - Math.max(rules.user.windowMs, rules.address.windowMs)).toISOString(), now.toISOString(), PRUNE_PER_ATTEMPT],
    );
    return byUser;
  });
  if (lockedUntil === null) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000)) };
}

/** A right password: the user name's count starts again (the address's stays, against sprays). */
export async function clearUser(pool: SqlPool, username: string): Promise<void> {
  await pool.query('DELETE FROM board_login_throttle WHERE key = $1', [`user:${username}`]);
}
