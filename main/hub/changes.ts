/**
 * The changes feed, `GET /v1/jobs/changes?after=&limit=` (docs/sync-protocol.md, "Pull"), and the
 * change counter behind it. Every job change takes the next value of one counter as the job's
 * change_seq. The counter's row stays locked until the changing transaction commits, so change
 * seqs become visible in order: a reader that saw seq n will never later find a smaller one, and
 * "jobs with change_seq > cursor, in change_seq order" pages through every job exactly once in
 * its latest form. The cursor is `<hub instance>.<change seq>`: a cursor another hub database (or
 * this one before a rebuild) gave out is recognised and answered with mustRefetch.
 */
import { MAX_CHANGES_PAGE, type ChangesResponse } from '../../shared/sync/wire';
import { HttpError } from './http-io';
import { jobDocuments } from './jobs';
import type { SqlClient, SqlPool } from './storage/sql';

/** The channel every hub process LISTENs on; the payload is a ChangeNotice. */
export const CHANGES_CHANNEL = 'hub_changes';
export const DEFAULT_CHANGES_PAGE = MAX_CHANGES_PAGE;

/** What a NOTIFY on CHANGES_CHANNEL carries. */
export interface ChangeNotice {
  readonly cursor: string;
  /** The desk whose push made the change; null for an admin change. */
  readonly deskId: string | null;
  /** Set instead when a desk was revoked: every process closes that desk's streams. */
  readonly revokedDeskId?: string;
}

const CURSOR_PATTERN = /^([0-9a-f]{32})\.(\d{1,15})$/;

export const formatCursor = (instanceId: string, changeSeq: number): string => `${instanceId}.${changeSeq}`;

/**
 * Gives each job in `jobNames` the next change seq and tells every hub process. Call it last in a
 * transaction: the counter row it locks is the one every change waits for.
 */
export async function bumpChangeCursor(client: SqlClient, changed: readonly string[], deskId: string | null): Promise<string | null> {
  const jobNames = [...new Set(changed)];
  if (jobNames.length === 0) return null;
  const { rows } = await client.query<{ instance_id: string; change_seq: string | number }>(
    'UPDATE hub_instance SET change_seq = change_seq + $1 RETURNING instance_id, change_seq',
    [jobNames.length],
  );
  const counter = rows[0];
  if (counter === undefined) throw new Error('hub_instance has no row');
  const last = Number(counter.change_seq);
  const first = last - jobNames.length + 1;
  await client.query(
    `UPDATE jobs AS j SET change_seq = $2 + r.ordinality - 1
       FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS r (name, ordinality) WHERE j.name = r.name`,
    [JSON.stringify(jobNames), first],
  );
  const cursor = formatCursor(counter.instance_id, last);
  const notice: ChangeNotice = { cursor, deskId };
  // Delivered to every listening hub process when (and only if) this transaction commits.
  await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
  return cursor;
}

export async function currentCursor(pool: SqlPool | SqlClient): Promise<string> {
  const { rows } = await pool.query<{ instance_id: string; change_seq: string | number }>('SELECT instance_id, change_seq FROM hub_instance');
  const row = rows[0];
  if (row === undefined) throw new Error('hub_instance has no row');
  return formatCursor(row.instance_id, Number(row.change_seq));
}

/** `limit` as sent (null when absent): a whole number from 1, capped at the protocol's page. */
export function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_CHANGES_PAGE;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw new HttpError(400, `limit: expected a whole number from 1 to ${MAX_CHANGES_PAGE}`);
  return Math.min(Number(raw), MAX_CHANGES_PAGE);
}

async function countAfter(client: SqlClient, changeSeq: number): Promise<number> {
  const { rows } = await client.query<{ count: string | number }>('SELECT count(*) AS count FROM jobs WHERE change_seq > $1', [changeSeq], 'hub-changes-count');
  return Number(rows[0]?.count ?? 0);
}

export async function readChanges(pool: SqlPool, after: string | null, limit: number): Promise<ChangesResponse> {
  // One snapshot for the page, its drives and the count, so the page is consistent in itself.
  return pool.transaction(async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const { rows } = await client.query<{ instance_id: string; change_seq: string | number }>('SELECT instance_id, change_seq FROM hub_instance', [], 'hub-changes-instance');
    const instance = rows[0];
    if (instance === undefined) throw new Error('hub_instance has no row');
    const current = Number(instance.change_seq);
    let from = 0;
    if (after !== null && after !== '') {
      const match = CURSOR_PATTERN.exec(after);
      const seq = match === null ? Number.NaN : Number(match[2]);
      // A cursor this hub never gave out: garbage, another hub's, or ahead of a database restored from backup.
      if (match === null || match[1] !== instance.instance_id || seq > current) {
        return {
          value: [],
          cursor: formatCursor(instance.instance_id, 0),
          hasMore: true,
          remaining: await countAfter(client, 0),
          mustRefetch: true,
        };
      }
      from = seq;
    }
    const page = await client.query<{ name: string; change_seq: string | number }>(
      'SELECT name, change_seq FROM jobs WHERE change_seq > $1 ORDER BY change_seq LIMIT $2',
      [from, limit],
      'hub-changes-page',
    );
    const names = page.rows.map((row) => row.name);
    const last = page.rows.length === 0 ? from : Number(page.rows[page.rows.length - 1]?.change_seq);
    const remaining = await countAfter(client, last);
    return {
      value: await jobDocuments(client, names),
      cursor: formatCursor(instance.instance_id, last),
      hasMore: remaining > 0,
      remaining,
      mustRefetch: false,
    };
  });
}
