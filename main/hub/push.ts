/**
 * `POST /v1/transitions` on PostgreSQL (docs/sync-protocol.md, "Push"). One transaction per batch:
 * the desk's row is locked first (so one desk's batches are judged one after another, whichever
 * hub process took them), then the batch's jobs and drives in name order (so two desks' batches
 * never wait on each other in a circle), then the change counter last (so commits reach the feed
 * in cursor order). Exactly once is the UNIQUE client id; each desk's order is its locked last_seq
 * and the UNIQUE (desk_id, seq). Nothing here is remembered between requests.
 */
import type { PushRequest, PushResponse } from '../../shared/sync/wire';
import { CHANGES_CHANNEL, formatCursor } from './changes';
import { driveKey, itemSerial, judgeBatch, rejectionKey, type AppliedRow, type BatchRows, type DriveRow, type JobRow } from './judge';
import { HttpError } from './http-io';
import { sqlState, UNIQUE_VIOLATION, type SqlClient, type SqlPool } from './storage/sql';

/** Another hub process committed the same client id in the same instant: judge the batch again. */
const MAX_UNIQUE_RETRIES = 3;

export interface PushOutcome {
  readonly response: PushResponse;
  /** The cursor after the batch when it changed any job (other desks are told), else null. */
  readonly cursor: string | null;
}

const json = (value: unknown): string => JSON.stringify(value);

async function lockDesk(client: SqlClient, deskId: string): Promise<number> {
  const { rows } = await client.query<{ last_seq: string | number; revoked_at: Date | null }>(
    'SELECT last_seq, revoked_at FROM desks WHERE desk_id = $1 FOR UPDATE',
    [deskId],
    'hub-push-lock-desk',
  );
  const desk = rows[0];
  // Revoked between authentication and here: the same answer as a revoked token.
  if (desk === undefined || desk.revoked_at !== null) throw new HttpError(401, 'Authorization: this desk was revoked', { 'WWW-Authenticate': 'Bearer' });
  return Number(desk.last_seq);
}

export const DRIVE_COLUMNS = 'job_name, serial, drive_id_raw, state, faulted_from, extra, position, fields, last_client_id';

export interface DriveRecord {
  job_name: string;
  serial: string;
  drive_id_raw: string;
  state: string;
  faulted_from: string | null;
  extra: boolean;
  position: number;
  fields: Record<string, unknown>;
  last_client_id: string | null;
}

export const driveFromRecord = (row: DriveRecord): DriveRow => ({
  jobName: row.job_name,
  serial: row.serial,
  driveIdRaw: row.drive_id_raw,
  state: row.state,
  faultedFrom: row.faulted_from,
  extra: row.extra,
  position: Number(row.position),
  fields: row.fields,
  lastClientId: row.last_client_id,
});

/**
 * Everything a batch may read, in one statement (a round trip costs more than the reading on a
 * busy machine). It runs after the desk's row is locked, so its snapshot holds every batch this
 * desk committed before. Jobs and drives are locked in name order; rows another desk changes
 * meanwhile are re-read by the lock (READ COMMITTED), so the batch is judged on current states.
 */
const LOAD_BATCH = `
  WITH applied AS (
    SELECT client_id, entity, job_name, serial, upstream_from_state, upstream_faulted_from
      FROM applied_transitions WHERE client_id IN (SELECT jsonb_array_elements_text($1::jsonb))
  ), job_names AS (
    SELECT jsonb_array_elements_text($2::jsonb) AS name UNION SELECT job_name FROM applied
  ), locked_jobs AS (
    SELECT name, state, faulted_from, cancel_requested, last_client_id FROM jobs
     WHERE name IN (SELECT name FROM job_names) ORDER BY name FOR UPDATE
  ), drive_keys AS (
    SELECT k.job_name, k.serial FROM jsonb_to_recordset($3::jsonb) AS k (job_name text, serial text)
    UNION SELECT job_name, serial FROM applied WHERE entity = 'drive' AND serial IS NOT NULL
  ), locked_drives AS (
    SELECT ${DRIVE_COLUMNS} FROM drives
     WHERE (job_name, serial) IN (SELECT job_name, serial FROM drive_keys) ORDER BY job_name, serial FOR UPDATE
  ), positions AS (
    SELECT job_name, max(position) + 1 AS next FROM drives
     WHERE job_name IN (SELECT jsonb_array_elements_text($2::jsonb)) GROUP BY job_name
  ), rejections AS (
    SELECT seq, client_id, reason FROM rejected_items
     WHERE desk_id = $4 AND seq IN (SELECT jsonb_array_elements_text($5::jsonb)::bigint)
  )
  SELECT (SELECT coalesce(json_agg(applied), '[]') FROM applied) AS applied,
         (SELECT coalesce(json_agg(locked_jobs), '[]') FROM locked_jobs) AS jobs,
         (SELECT coalesce(json_agg(locked_drives), '[]') FROM locked_drives) AS drives,
         (SELECT coalesce(json_agg(positions), '[]') FROM positions) AS positions,
         (SELECT coalesce(json_agg(rejections), '[]') FROM rejections) AS rejections`;

interface LoadedBatch {
  applied: { client_id: string; entity: 'drive' | 'job'; job_name: string; serial: string | null; upstream_from_state: string | null; upstream_faulted_from: string | null }[];
  jobs: { name: string; state: string; faulted_from: string | null; cancel_requested: boolean; last_client_id: string | null }[];
  drives: DriveRecord[];
  positions: { job_name: string; next: number }[];
  rejections: { seq: number; client_id: string; reason: string }[];
}

async function loadBatchRows(client: SqlClient, deskId: string, request: PushRequest): Promise<BatchRows> {
  const lastSeq = await lockDesk(client, deskId);
  const clientIds = new Set<string>();
  const jobNames = new Set<string>();
  const driveKeys = new Map<string, { job_name: string; serial: string }>();
  for (const item of request.items) {
    clientIds.add(item.clientId);
    if (item.compensates !== null) clientIds.add(item.compensates);
    jobNames.add(item.jobName);
    const serial = item.entity === 'drive' ? itemSerial(item) : '';
    if (serial !== '') driveKeys.set(driveKey(item.jobName, serial), { job_name: item.jobName, serial });
  }
  const { rows } = await client.query<LoadedBatch>(
    LOAD_BATCH,
    [json([...clientIds]), json([...jobNames]), json([...driveKeys.values()]), deskId, json(request.items.map((item) => item.seq))],
    'hub-push-load',
  );
  const loaded = rows[0];
  if (loaded === undefined) throw new Error('the batch load returned no row');
  return {
    lastSeq,
    applied: new Map(
      loaded.applied.map((row) => [
        row.client_id,
        {
          clientId: row.client_id,
          entity: row.entity,
          jobName: row.job_name,
          serial: row.serial,
          upstreamFrom: row.upstream_from_state,
          upstreamFaultedFrom: row.upstream_faulted_from,
        } satisfies AppliedRow,
      ]),
    ),
    jobs: new Map(
      loaded.jobs.map((row) => [
        row.name,
        { name: row.name, state: row.state, faultedFrom: row.faulted_from, cancelRequested: row.cancel_requested, lastClientId: row.last_client_id } satisfies JobRow,
      ]),
    ),
    drives: new Map(loaded.drives.map((row) => [driveKey(row.job_name, row.serial), driveFromRecord(row)])),
    rejections: new Map(loaded.rejections.map((row) => [rejectionKey(Number(row.seq), row.client_id), row.reason])),
    nextPosition: new Map(loaded.positions.map((row) => [row.job_name, Number(row.next)])),
  };
}

/**
 * Everything a batch writes, in one statement: the logs, the drives, the desk's last seq, and
 * last the change counter (whose row every change waits for, so it is held for the commit only),
 * the jobs' states and change seqs, and the NOTIFY that tells every hub process. A job's row is
 * updated once (PostgreSQL refuses two updates of one row in one statement).
 */
const WRITE_BATCH = `
  WITH logged AS (
    INSERT INTO applied_transitions (desk_id, seq, client_id, entity, job_name, serial, from_state, to_state, reason, note,
        operator, at, compensates, upstream_from_state, upstream_to_state, upstream_faulted_from)
      SELECT $1, r.seq, r."clientId", r.entity, r."jobName", r.serial, r."from", r."to", r.reason, r.note, r.operator, r.at,
        r.compensates, r."upstreamFrom", r."upstreamTo", r."upstreamFaultedFrom"
      FROM jsonb_to_recordset($2::jsonb) AS r (seq bigint, "clientId" text, entity text, "jobName" text, serial text, "from" text,
        "to" text, reason text, note text, operator text, at text, compensates text, "upstreamFrom" text, "upstreamTo" text,
        "upstreamFaultedFrom" text)
      ORDER BY r.seq
    RETURNING 1
  ), refused AS (
    INSERT INTO rejected_items (desk_id, seq, client_id, reason)
      SELECT $1, r.seq, r."clientId", r.reason FROM jsonb_to_recordset($3::jsonb) AS r (seq bigint, "clientId" text, reason text)
    RETURNING 1
  ), moved_drives AS (
    INSERT INTO drives (${DRIVE_COLUMNS})
      SELECT r."jobName", r.serial, r."driveIdRaw", r.state, r."faultedFrom", r.extra, r.position, r.fields, r."lastClientId"
      FROM jsonb_to_recordset($4::jsonb) AS r ("jobName" text, serial text, "driveIdRaw" text, state text, "faultedFrom" text,
        extra boolean, position integer, fields jsonb, "lastClientId" text)
    ON CONFLICT (job_name, serial) DO UPDATE SET drive_id_raw = excluded.drive_id_raw, state = excluded.state,
      faulted_from = excluded.faulted_from, extra = excluded.extra, position = excluded.position, fields = excluded.fields,
      last_client_id = excluded.last_client_id
    RETURNING 1
  ), desk AS (
    UPDATE desks SET last_seq = $5, last_seen_at = now(), client_desk_name = $6 WHERE desk_id = $1 AND last_seq = $7 RETURNING 1
  ), counter AS (
    UPDATE hub_instance SET change_seq = change_seq + $8 WHERE $8 > 0 RETURNING instance_id, change_seq
  ), moved_jobs AS (
    UPDATE jobs AS j SET
        state = CASE WHEN r."setState" THEN r.state ELSE j.state END,
        faulted_from = CASE WHEN r."setState" THEN r."faultedFrom" ELSE j.faulted_from END,
        last_client_id = CASE WHEN r."setState" THEN r."lastClientId" ELSE j.last_client_id END,
        change_seq = CASE WHEN r.ord IS NULL THEN j.change_seq ELSE (SELECT change_seq FROM counter) - $8 + r.ord END,
        updated_at = now()
      FROM jsonb_to_recordset($9::jsonb) AS r (name text, "setState" boolean, state text, "faultedFrom" text, "lastClientId" text, ord integer)
      WHERE j.name = r.name
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM desk) AS desk_moved,
         (SELECT count(*) FROM logged) + (SELECT count(*) FROM refused) + (SELECT count(*) FROM moved_drives) + (SELECT count(*) FROM moved_jobs) AS written,
         (SELECT instance_id FROM counter) AS instance_id,
         (SELECT change_seq FROM counter) AS change_seq,
         (SELECT pg_notify($10, json_build_object('cursor', instance_id || '.' || change_seq, 'deskId', $1::text)::text) FROM counter) AS notified`;

async function writeOutcome(client: SqlClient, deskId: string, deskName: string, previousSeq: number, outcome: ReturnType<typeof judgeBatch>): Promise<string | null> {
  // One row per job touched: its new state when a job move was applied, its next change seq when anything of it changed.
  const changed = [...new Set(outcome.changedJobs)];
  const rows = new Map<string, { name: string; setState: boolean; state: string | null; faultedFrom: string | null; lastClientId: string | null; ord: number | null }>();
  for (const job of outcome.jobs) rows.set(job.name, { name: job.name, setState: true, state: job.state, faultedFrom: job.faultedFrom, lastClientId: job.lastClientId, ord: null });
  changed.forEach((name, index) => {
    const row = rows.get(name) ?? { name, setState: false, state: null, faultedFrom: null, lastClientId: null, ord: null };
    rows.set(name, { ...row, ord: index + 1 });
  });
  const { rows: result } = await client.query<{ desk_moved: string | number; instance_id: string | null; change_seq: string | number | null }>(WRITE_BATCH, [
    deskId,
    json(outcome.applied),
    json(outcome.rejected),
    json(outcome.drives),
    outcome.lastSeq,
    deskName,
    previousSeq,
    changed.length,
    json([...rows.values()]),
    CHANGES_CHANNEL,
  ], 'hub-push-write');
  const written = result[0];
  // Impossible while the row is locked; if it ever happens, nothing of this batch may commit.
  if (written === undefined || Number(written.desk_moved) !== 1) throw new Error(`desk ${deskId}: last_seq moved under a locked row`);
  return written.instance_id === null || written.change_seq === null ? null : formatCursor(written.instance_id, Number(written.change_seq));
}

/** Judges and applies one batch for an authenticated desk; the answer is sent only after commit. */
export async function processPush(pool: SqlPool, deskId: string, request: PushRequest): Promise<PushOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await pool.transaction(async (client) => {
        const rows = await loadBatchRows(client, deskId, request);
        const outcome = judgeBatch(rows, request.items);
        const cursor = await writeOutcome(client, deskId, request.deskName, rows.lastSeq, outcome);
        return { response: { results: outcome.results, expectedSeq: outcome.lastSeq + 1 }, cursor };
      });
    } catch (error) {
      // Another desk committed one of these client ids first: judged again, it is a duplicate.
      if (sqlState(error) !== UNIQUE_VIOLATION || attempt >= MAX_UNIQUE_RETRIES) throw error;
    }
  }
}

export { CHANGES_CHANNEL };
