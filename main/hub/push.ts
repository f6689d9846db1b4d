/**
 * `POST /v1/transitions` on PostgreSQL (docs/sync-protocol.md, "Push"). One transaction per batch:
 * the desk's row is locked first (so one desk's batches are judged one after another, whichever
 * hub process took them), then the batch's jobs and drives in name order (so two desks' batches
 * never wait on each other in a circle), then the change counter last (so commits reach the feed
 * in cursor order). Exactly once is the UNIQUE client id; each desk's order is its locked last_seq
 * and the UNIQUE (desk_id, seq). Nothing here is remembered between requests.
 */
import type { PushRequest, PushResponse } from '../../shared/sync/wire';
import { bumpChangeCursor, CHANGES_CHANNEL } from './changes';
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
  );
  const desk = rows[0];
  // Revoked between authentication and here: the same answer as a revoked token.
  if (desk === undefined || desk.revoked_at !== null) throw new HttpError(401, 'Authorization: this desk was revoked', { 'WWW-Authenticate': 'Bearer' });
  return Number(desk.last_seq);
}

async function loadApplied(client: SqlClient, clientIds: readonly string[]): Promise<Map<string, AppliedRow>> {
  const { rows } = await client.query<{
    client_id: string;
    entity: 'drive' | 'job';
    job_name: string;
    serial: string | null;
    upstream_from_state: string | null;
    upstream_faulted_from: string | null;
  }>(
    `SELECT client_id, entity, job_name, serial, upstream_from_state, upstream_faulted_from
       FROM applied_transitions WHERE client_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [json(clientIds)],
  );
  return new Map(
    rows.map((row) => [
      row.client_id,
      {
        clientId: row.client_id,
        entity: row.entity,
        jobName: row.job_name,
        serial: row.serial,
        upstreamFrom: row.upstream_from_state,
        upstreamFaultedFrom: row.upstream_faulted_from,
      },
    ]),
  );
}

async function lockJobs(client: SqlClient, names: readonly string[]): Promise<Map<string, JobRow>> {
  const { rows } = await client.query<{ name: string; state: string; faulted_from: string | null; cancel_requested: boolean; last_client_id: string | null }>(
    `SELECT name, state, faulted_from, cancel_requested, last_client_id FROM jobs
      WHERE name IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY name FOR UPDATE`,
    [json(names)],
  );
  return new Map(
    rows.map((row) => [
      row.name,
      { name: row.name, state: row.state, faultedFrom: row.faulted_from, cancelRequested: row.cancel_requested, lastClientId: row.last_client_id },
    ]),
  );
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

async function lockDrives(client: SqlClient, keys: readonly { job_name: string; serial: string }[]): Promise<Map<string, DriveRow>> {
  if (keys.length === 0) return new Map();
  const { rows } = await client.query<DriveRecord>(
    `SELECT ${DRIVE_COLUMNS} FROM drives
      WHERE (job_name, serial) IN (SELECT k.job_name, k.serial FROM jsonb_to_recordset($1::jsonb) AS k (job_name text, serial text))
      ORDER BY job_name, serial FOR UPDATE`,
    [json(keys)],
  );
  return new Map(rows.map((row) => [driveKey(row.job_name, row.serial), driveFromRecord(row)]));
}

async function nextPositions(client: SqlClient, jobNames: readonly string[]): Promise<Map<string, number>> {
  if (jobNames.length === 0) return new Map();
  const { rows } = await client.query<{ job_name: string; next: string | number }>(
    `SELECT job_name, max(position) + 1 AS next FROM drives
      WHERE job_name IN (SELECT jsonb_array_elements_text($1::jsonb)) GROUP BY job_name`,
    [json(jobNames)],
  );
  return new Map(rows.map((row) => [row.job_name, Number(row.next)]));
}

async function earlierRejections(client: SqlClient, deskId: string, request: PushRequest, lastSeq: number): Promise<Map<string, string>> {
  const seqs = request.items.filter((item) => item.seq <= lastSeq).map((item) => item.seq);
  if (seqs.length === 0) return new Map();
  const { rows } = await client.query<{ seq: string | number; client_id: string; reason: string }>(
    `SELECT seq, client_id, reason FROM rejected_items
      WHERE desk_id = $1 AND seq IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)`,
    [deskId, json(seqs)],
  );
  return new Map(rows.map((row) => [rejectionKey(Number(row.seq), row.client_id), row.reason]));
}

async function loadBatchRows(client: SqlClient, deskId: string, request: PushRequest): Promise<BatchRows> {
  const lastSeq = await lockDesk(client, deskId);
  const clientIds = new Set<string>();
  for (const item of request.items) {
    clientIds.add(item.clientId);
    if (item.compensates !== null) clientIds.add(item.compensates);
  }
  const applied = await loadApplied(client, [...clientIds]);
  // Everything the batch may read: its own items' jobs and drives, and those its duplicates moved.
  const jobNames = new Set<string>();
  const driveKeys = new Map<string, { job_name: string; serial: string }>();
  const addDrive = (jobName: string, serial: string | null) => {
    if (serial !== null && serial !== '') driveKeys.set(driveKey(jobName, serial), { job_name: jobName, serial });
  };
  for (const item of request.items) {
    jobNames.add(item.jobName);
    if (item.entity === 'drive') addDrive(item.jobName, itemSerial(item));
  }
  for (const row of applied.values()) {
    jobNames.add(row.jobName);
    if (row.entity === 'drive') addDrive(row.jobName, row.serial);
  }
  const jobs = await lockJobs(client, [...jobNames].sort());
  const sortedKeys = [...driveKeys.values()].sort((a, b) => (a.job_name === b.job_name ? (a.serial < b.serial ? -1 : 1) : a.job_name < b.job_name ? -1 : 1));
  const drives = await lockDrives(client, sortedKeys);
  // A drive the hub lacks may be created by the batch: it needs the next place in its job's list.
  const creating = new Set(
    request.items
      .filter((item) => item.entity === 'drive' && jobs.has(item.jobName) && !drives.has(driveKey(item.jobName, itemSerial(item))))
      .map((item) => item.jobName),
  );
  return {
    lastSeq,
    jobs,
    drives,
    applied,
    rejections: await earlierRejections(client, deskId, request, lastSeq),
    nextPosition: await nextPositions(client, [...creating]),
  };
}

async function writeOutcome(client: SqlClient, deskId: string, deskName: string, previousSeq: number, outcome: ReturnType<typeof judgeBatch>): Promise<string | null> {
  if (outcome.applied.length > 0) {
    await client.query(
      `INSERT INTO applied_transitions (desk_id, seq, client_id, entity, job_name, serial, from_state, to_state, reason, note,
          operator, at, compensates, upstream_from_state, upstream_to_state, upstream_faulted_from)
        SELECT $1, r.seq, r."clientId", r.entity, r."jobName", r.serial, r."from", r."to", r.reason, r.note, r.operator, r.at,
          r.compensates, r."upstreamFrom", r."upstreamTo", r."upstreamFaultedFrom"
        FROM jsonb_to_recordset($2::jsonb) AS r (seq bigint, "clientId" text, entity text, "jobName" text, serial text, "from" text,
          "to" text, reason text, note text, operator text, at text, compensates text, "upstreamFrom" text, "upstreamTo" text,
          "upstreamFaultedFrom" text)
        ORDER BY r.seq`,
      [deskId, json(outcome.applied)],
    );
  }
  if (outcome.rejected.length > 0) {
    await client.query(
      `INSERT INTO rejected_items (desk_id, seq, client_id, reason)
        SELECT $1, r.seq, r."clientId", r.reason FROM jsonb_to_recordset($2::jsonb) AS r (seq bigint, "clientId" text, reason text)`,
      [deskId, json(outcome.rejected)],
    );
  }
  if (outcome.drives.length > 0) {
    await client.query(
      `INSERT INTO drives (${DRIVE_COLUMNS})
        SELECT r."jobName", r.serial, r."driveIdRaw", r.state, r."faultedFrom", r.extra, r.position, r.fields, r."lastClientId"
        FROM jsonb_to_recordset($1::jsonb) AS r ("jobName" text, serial text, "driveIdRaw" text, state text, "faultedFrom" text,
          extra boolean, position integer, fields jsonb, "lastClientId" text)
        ON CONFLICT (job_name, serial) DO UPDATE SET drive_id_raw = excluded.drive_id_raw, state = excluded.state,
          faulted_from = excluded.faulted_from, extra = excluded.extra, position = excluded.position, fields = excluded.fields,
          last_client_id = excluded.last_client_id`,
      [json(outcome.drives)],
    );
  }
  if (outcome.jobs.length > 0) {
    await client.query(
      `UPDATE jobs AS j SET state = r.state, faulted_from = r."faultedFrom", last_client_id = r."lastClientId", updated_at = now()
        FROM jsonb_to_recordset($1::jsonb) AS r (name text, state text, "faultedFrom" text, "lastClientId" text) WHERE j.name = r.name`,
      [json(outcome.jobs)],
    );
  }
  const moved = await client.query(
    'UPDATE desks SET last_seq = $2, last_seen_at = now(), client_desk_name = $4 WHERE desk_id = $1 AND last_seq = $3',
    [deskId, outcome.lastSeq, previousSeq, deskName],
  );
  // Impossible while the row is locked; if it ever happens, nothing of this batch may commit.
  if (moved.rowCount !== 1) throw new Error(`desk ${deskId}: last_seq moved under a locked row`);
  // Last, so the counter row is held only for the commit itself.
  return bumpChangeCursor(client, outcome.changedJobs, deskId);
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
