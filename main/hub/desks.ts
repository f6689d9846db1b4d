/**
 * Desks and their tokens (docs/hub.md, "Desks and tokens"). The admin creates a desk and gets a
 * one-use enrollment code (good for 24 hours); the desk exchanges it once for its own token. Both
 * are stored only as hashes. A revoked desk's next request gets 401, and the desk pauses.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MAX_TEXT_FIELD_LENGTH } from '../../shared/rpc/limits';
import type { EnrollRequest } from '../../shared/sync/wire';
import { ENROLLMENT_TTL_MS, hashSecret, newEnrollmentCode, newToken, normalizeEnrollmentCode } from './tokens';
import { CHANGES_CHANNEL, type ChangeNotice } from './changes';
import { HttpError } from './http-io';
import type { SqlPool } from './storage/sql';

/** A desk's name: printable, one line. */
const deskName = z
  .string()
  .trim()
  .min(1)
  .max(MAX_TEXT_FIELD_LENGTH)
  // eslint-disable-next-line no-control-regex
  .refine((value) => !/[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]/.test(value), 'control characters and direction overrides are not allowed');

export const createDeskSchema = z.strictObject({ name: deskName });

export { enrollRequestSchema as enrollSchema } from '../../shared/sync/wire';

export interface AuthenticatedDesk {
  readonly deskId: string;
  readonly name: string;
  /** The desk's own id, bound at enrollment. */
  readonly clientDeskId: string | null;
}

export interface DeskView {
  readonly deskId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly enrolledAt: string | null;
  readonly enrollmentExpiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastSeenAt: string | null;
  readonly lastSeq: number;
  readonly clientDeskName: string | null;
  readonly version: string | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export async function createDesk(pool: SqlPool, name: string, now: Date): Promise<{ deskId: string; name: string; enrollmentCode: string; expiresAt: string }> {
  const deskId = randomUUID();
  const enrollmentCode = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + ENROLLMENT_TTL_MS);
  await pool.query('INSERT INTO desks (desk_id, name, enrollment_code_hash, enrollment_expires_at) VALUES ($1, $2, $3, $4)', [
    deskId,
    name,
    hashSecret(normalizeEnrollmentCode(enrollmentCode)),
    expiresAt.toISOString(),
  ]);
  return { deskId, name, enrollmentCode, expiresAt: expiresAt.toISOString() };
}

/** Exchanges a code for the desk's token. The code is spent in the same statement that checks it. */
export async function enrollDesk(pool: SqlPool, request: EnrollRequest, now: Date): Promise<{ deskId: string; token: string; name: string }> {
  const token = newToken();
  const { rows } = await pool.query<{ desk_id: string; name: string }>(
    `UPDATE desks SET enrollment_code_hash = NULL, enrollment_expires_at = NULL, enrolled_at = $2, token_hash = $3,
        client_desk_id = $4, client_desk_name = $5, client_version = $6, last_seen_at = $2
      WHERE enrollment_code_hash = $1 AND enrollment_expires_at > $2 AND revoked_at IS NULL
      RETURNING desk_id, name`,
    [hashSecret(normalizeEnrollmentCode(request.enrollmentCode)), now.toISOString(), hashSecret(token), request.deskId, request.deskName, request.version ?? null],
  );
  const desk = rows[0];
  // One answer for a used, expired, revoked or wrong code: the caller learns nothing about which.
  if (desk === undefined) throw new HttpError(403, 'enrollmentCode: not a valid enrollment code (codes are used once and expire after 24 hours)');
  return { deskId: desk.desk_id, token, name: desk.name };
}

export async function authenticateDesk(pool: SqlPool, token: string): Promise<AuthenticatedDesk | null> {
  const { rows } = await pool.query<{ desk_id: string; name: string; client_desk_id: string | null }>(
    'SELECT desk_id, name, client_desk_id FROM desks WHERE token_hash = $1 AND revoked_at IS NULL',
    [hashSecret(token)],
    'hub-authenticate-desk',
  );
  const desk = rows[0];
  return desk === undefined ? null : { deskId: desk.desk_id, name: desk.name, clientDeskId: desk.client_desk_id };
}

/** Revokes a desk: its token and any unused code stop working at once, in every hub process. */
export async function revokeDesk(pool: SqlPool, deskId: string, now: Date): Promise<boolean> {
  return pool.transaction(async (client) => {
    const { rowCount } = await client.query(
      `UPDATE desks SET revoked_at = COALESCE(revoked_at, $2), token_hash = NULL, enrollment_code_hash = NULL, enrollment_expires_at = NULL
        WHERE desk_id = $1`,
      [deskId, now.toISOString()],
    );
    const notice: ChangeNotice = { cursor: '', deskId: null, revokedDeskId: deskId };
    if (rowCount === 1) await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
    return rowCount === 1;
  });
}

export async function touchDesk(pool: SqlPool, deskId: string, now: Date): Promise<void> {
  await pool.query('UPDATE desks SET last_seen_at = $2 WHERE desk_id = $1', [deskId, now.toISOString()]);
}

export async function listDesks(pool: SqlPool): Promise<DeskView[]> {
  const { rows } = await pool.query<{
    desk_id: string;
    name: string;
    created_at: Date;
    enrolled_at: Date | null;
    enrollment_expires_at: Date | null;
    revoked_at: Date | null;
    last_seen_at: Date | null;
    last_seq: string | number;
    client_desk_name: string | null;
    client_version: string | null;
  }>(
    `SELECT desk_id, name, created_at, enrolled_at, enrollment_expires_at, revoked_at, last_seen_at, last_seq, client_desk_name, client_version
       FROM desks ORDER BY created_at, desk_id`,
  );
  return rows.map((row) => ({
    deskId: row.desk_id,
    name: row.name,
    createdAt: iso(row.created_at) ?? '',
    enrolledAt: iso(row.enrolled_at),
    enrollmentExpiresAt: iso(row.enrollment_expires_at),
    revokedAt: iso(row.revoked_at),
    lastSeenAt: iso(row.last_seen_at),
    lastSeq: Number(row.last_seq),
    clientDeskName: row.client_desk_name,
    version: row.client_version,
  }));
}
