/**
 * Board sessions (docs/site-board.md). The cookie carries 256 random bits; the hub keeps
 * only their SHA-256, so the database cannot be replayed into a session. A session ends when its
 * user signs out, after a day in any case, after half a day unused, or when the account's password
 * changes or the account is removed. Cookie: HttpOnly (no script reads it), SameSite=Strict (no
 * other site's page sends it), Secure when the hub serves HTTPS, Path=/board.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashSecret } from '../tokens';
import type { SqlPool } from '../storage/sql';

export const SESSION_COOKIE = 'hub_board_session';
/** A session lasts at most this long, however busy. */
export const SESSION_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A session unused this long ends (an open board uses it every minute at least). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** last_used_at is written at most this often per session (a read is not a write). */
const TOUCH_INTERVAL_MS = 60_000;
/** Sessions one account may hold; signing in once more ends the oldest. */
export const MAX_SESSIONS_PER_ACCOUNT = 20;
const SESSION_TOKEN_BYTES = 32;
const CSRF_TOKEN_BYTES = 32;
const COOKIE_PATH = '/board';

export interface Session {
  readonly sessionHash: string;
  readonly username: string;
  readonly displayName: string;
  readonly csrfToken: string;
}

export async function createSession(pool: SqlPool, username: string, now: Date): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
  const csrfToken = randomBytes(CSRF_TOKEN_BYTES).toString('base64url');
  await pool.transaction(async (client) => {
    await client.query('DELETE FROM board_sessions WHERE expires_at <= $1 OR last_used_at <= $2', [now.toISOString(), new Date(now.getTime() - SESSION_IDLE_MS).toISOString()]);
    await client.query(
      `DELETE FROM board_sessions WHERE session_hash IN (
         SELECT session_hash FROM board_sessions WHERE username = $1 ORDER BY created_at DESC OFFSET $2)`,
      [username, MAX_SESSIONS_PER_ACCOUNT - 1],
    );
    await client.query(
      'INSERT INTO board_sessions (session_hash, username, csrf_token, created_at, last_used_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)',
      [hashSecret(token), username, csrfToken, now.toISOString(), new Date(now.getTime() + SESSION_MAX_AGE_MS).toISOString()],
    );
    await client.query('UPDATE board_accounts SET last_sign_in_at = $2 WHERE username = $1', [username, now.toISOString()]);
  });
  return { token, csrfToken };
}

/** The live session behind a cookie token, or null (none, expired, idle too long, account removed). */
export async function findSession(pool: SqlPool, token: string, now: Date): Promise<Session | null> {
  const { rows } = await pool.query<{ session_hash: string; username: string; display_name: string; csrf_token: string; last_used_at: Date | string }>(
    `SELECT s.session_hash, s.username, a.display_name, s.csrf_token, s.last_used_at
       FROM board_sessions s JOIN board_accounts a USING (username)
      WHERE s.session_hash = $1 AND s.expires_at > $2 AND s.last_used_at > $3`,
    [hashSecret(token), now.toISOString(), new Date(now.getTime() - SESSION_IDLE_MS).toISOString()],
  );
  const row = rows[0];
  if (row === undefined) return null;
  if (now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
    await pool.query('UPDATE board_sessions SET last_used_at = $2 WHERE session_hash = $1', [row.session_hash, now.toISOString()]);
  }
  return { sessionHash: row.session_hash, username: row.username, displayName: row.display_name, csrfToken: row.csrf_token };
}

export async function endSession(pool: SqlPool, sessionHash: string): Promise<void> {
  await pool.query('DELETE FROM board_sessions WHERE session_hash = $1', [sessionHash]);
}

/** Compares the page's CSRF header with the session's token in constant time. */
export function csrfMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(hashSecret(presented), 'hex');
  const b = Buffer.from(hashSecret(expected), 'hex');
  return timingSafeEqual(a, b);
}

/** The session cookie's token from a Cookie header, or null. */
export function sessionToken(cookieHeader: string | undefined): string | null {
  if (cookieHeader === undefined) return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const value = rest.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

export function sessionCookie(token: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${Math.floor(SESSION_MAX_AGE_MS / 1000)}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, `Path=${COOKIE_PATH}`, 'Max-Age=0', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}
