/**
 * Board accounts (docs/site-board.md): made, listed, re-passworded and removed by the
 * hub's admin (admin token), signed in to by supervisors. Passwords are kept only as scrypt hashes.
 */
import { z } from 'zod';
import { lineText } from '../../../shared/rpc/text-schemas';
import { HttpError } from '../http-io';
import type { SqlPool } from '../storage/sql';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords';
import { BOARD_CHANNEL, type BoardNotice } from './board-notices';

/** A user name: letters, digits and . _ @ - (an e-mail address fits), matched without case. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

const username = z
  .string()
  .trim()
  .regex(USERNAME_PATTERN, 'expected 1 to 64 letters, digits or . _ @ -')
  .transform((value) => value.toLowerCase());
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`);

export const createAccountSchema = z
  .strictObject({ username, displayName: lineText.optional(), password })
  .refine((value) => value.password.toLowerCase() !== value.username, { message: 'must not be the user name', path: ['password'] });
export const passwordSchema = z.strictObject({ password });

export interface BoardAccountView {
  readonly username: string;
  readonly displayName: string;
  readonly createdAt: string;
  readonly passwordChangedAt: string;
  readonly lastSignInAt: string | null;
}

interface AccountRecord {
  username: string;
  display_name: string;
  created_at: Date | string;
  password_changed_at: Date | string;
  last_sign_in_at: Date | string | null;
}

const toView = (row: AccountRecord): BoardAccountView => ({
  username: row.username,
  displayName: row.display_name,
  createdAt: new Date(row.created_at).toISOString(),
  passwordChangedAt: new Date(row.password_changed_at).toISOString(),
  lastSignInAt: row.last_sign_in_at === null ? null : new Date(row.last_sign_in_at).toISOString(),
});

const ACCOUNT_COLUMNS = 'username, display_name, created_at, password_changed_at, last_sign_in_at';

export async function createAccount(pool: SqlPool, input: z.output<typeof createAccountSchema>): Promise<BoardAccountView> {
  const hash = await hashPassword(input.password);
  const displayName = input.displayName?.trim() || input.username;
  const { rows } = await pool.query<AccountRecord>(
    `INSERT INTO board_accounts (username, display_name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (username) DO NOTHING RETURNING ${ACCOUNT_COLUMNS}`,
    [input.username, displayName, hash],
  );
  const row = rows[0];
  if (row === undefined) throw new HttpError(409, `username: a board account ${input.username} exists already`);
  return toView(row);
}

export async function listAccounts(pool: SqlPool): Promise<BoardAccountView[]> {
  const { rows } = await pool.query<AccountRecord>(`SELECT ${ACCOUNT_COLUMNS} FROM board_accounts ORDER BY username`);
  return rows.map(toView);
}

/** Tells every hub process to close the board streams of these sessions (signed out, or the account changed). */
async function endStreams(pool: SqlPool, username: string): Promise<void> {
  const notice: BoardNotice = { endedUser: username };
  await pool.query('SELECT pg_notify($1, $2)', [BOARD_CHANNEL, JSON.stringify(notice)]);
}

/** A new password ends every session of the account: whoever knew the old one is signed out. */
export async function setPassword(pool: SqlPool, name: string, newPassword: string): Promise<boolean> {
  const hash = await hashPassword(newPassword);
  const changed = await pool.transaction(async (client) => {
    const { rowCount } = await client.query('UPDATE board_accounts SET password_hash = $2, password_changed_at = now() WHERE username = $1', [name, hash]);
    if (rowCount === 0) return false;
    await client.query('DELETE FROM board_sessions WHERE username = $1', [name]);
    return true;
  });
  if (changed) await endStreams(pool, name);
  return changed;
}

export async function removeAccount(pool: SqlPool, name: string): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM board_accounts WHERE username = $1', [name]);
  if (rowCount === 0) return false;
  await endStreams(pool, name);
  return true;
}

export async function findAccount(pool: SqlPool, name: string): Promise<{ username: string; displayName: string; passwordHash: string } | null> {
  const { rows } = await pool.query<{ username: string; display_name: string; password_hash: string }>(
    'SELECT username, display_name, password_hash FROM board_accounts WHERE username = $1',
    [name],
  );
  const row = rows[0];
  return row === undefined ? null : { username: row.username, displayName: row.display_name, passwordHash: row.password_hash };
}
