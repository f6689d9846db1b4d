/**
 * Jobs at the hub: intake of the public API's job documents (as the customer creating a job, or
 * moving it to Shipping with its tracking number), moves by operations, and the documents the
 * feed sends. The hub is the site's record of every job; the feed rebuilds each document from the
 * stored one plus the state columns and the drive rows.
 */
import { z } from 'zod';
import { checkScanCode, normalizeCode } from '../../shared/domain/serial';
import { checkProjectedDocument, jobDocumentSchema, projectJobDocument, type ProjectedJobDocument } from '../../shared/domain/job-document';
import { describeIssues } from '../../shared/rpc/describe-issues';
import { MAX_TEXT_FIELD_LENGTH } from '../../shared/rpc/limits';
import { bumpChangeCursor } from './changes';
import { HttpError } from './http-io';
import { DRIVE_COLUMNS, driveFromRecord, type DriveRecord } from './push';
import type { SqlClient, SqlPool } from './storage/sql';

const DEFAULT_JOB_STATE = 'Creating';
const DEFAULT_DRIVE_STATE = 'Specified';
const FAULTED = 'Faulted';
/** Properties the columns own: dropped from the stored document and set on the way out. */
const COLUMN_OWNED_PROPERTIES = ['state', 'cancelRequested', 'driveList'] as const;
/** A list body is taken in this many jobs per transaction, so a large intake never holds the feed for long. */
export const INTAKE_CHUNK = 200;
/** The most jobs one list body may carry. */
export const MAX_JOBS_PER_INTAKE = 20_000;

export const stateBodySchema = z.strictObject({ state: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH) });

type JsonObject = Record<string, unknown>;

interface Placed {
  readonly state: string;
  readonly faultedFrom: string | null;
  readonly lastClientId: string | null;
}

/**
 * A state set from outside the protocol (the customer's document, operations). Faulted remembers
 * what it left, so a desk can still resolve it; any change ends the undo window of the last desk move.
 */
function placeState(current: Placed | undefined, to: string): Placed {
  if (current !== undefined && current.state === to) return current;
  const faultedFrom = to === FAULTED ? (current === undefined || current.state === FAULTED ? null : current.state) : null;
  return { state: to, faultedFrom, lastClientId: null };
}

export interface CheckedJob {
  readonly name: string;
  /** The allow-listed projection: the only thing the hub keeps and sends (no BitLocker key, ever). */
  readonly document: ProjectedJobDocument;
}

/** Validates one job document for intake; the error names the field. */
export function checkJobDocument(raw: unknown, name: string | undefined, path: string): CheckedJob {
  const prefix = path === '' ? '' : `${path}.`;
  const parsed = jobDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error, path));
  const jobName = name ?? parsed.data.name;
  if (jobName === undefined || jobName === '') throw new HttpError(400, `${prefix}name: the job has no name`);
  if (jobName.length > MAX_TEXT_FIELD_LENGTH) throw new HttpError(400, `${prefix}name: at most ${MAX_TEXT_FIELD_LENGTH} characters`);
  const serials = new Set<string>();
  for (const [index, drive] of (parsed.data.properties.driveList ?? []).entries()) {
    const check = checkScanCode(drive.driveId);
    const field = `${prefix}properties.driveList[${index}].driveId`;
    if (!check.ok) throw new HttpError(400, `${field}: "${drive.driveId.slice(0, 60)}" is not a drive serial (${check.reason})`);
    if (serials.has(check.serial)) throw new HttpError(400, `${field}: serial ${check.serial} is listed twice`);
    serials.add(check.serial);
  }
  const projected = projectJobDocument(parsed.data);
  const problem = checkProjectedDocument(projected);
  if (problem !== null) throw new HttpError(400, `${prefix}${problem.field}: ${problem.message}`);
  return { name: jobName, document: projected };
}

function storedDocument(job: CheckedJob): JsonObject {
  const properties: JsonObject = { ...job.document.properties };
  for (const key of COLUMN_OWNED_PROPERTIES) delete properties[key];
  return { ...job.document, name: job.name, properties };
}

interface JobRecord {
  name: string;
  state: string;
  faulted_from: string | null;
  cancel_requested: boolean;
  last_client_id: string | null;
}

const placedOf = (row: { state: string; faulted_from: string | null; last_client_id: string | null }): Placed => ({
  state: row.state,
  faultedFrom: row.faulted_from,
  lastClientId: row.last_client_id,
});

/** Creates or replaces one job in an open transaction; returns whether it was new. */
async function writeJob(client: SqlClient, job: CheckedJob): Promise<'created' | 'replaced'> {
  const existing = (await client.query<JobRecord>('SELECT name, state, faulted_from, cancel_requested, last_client_id FROM jobs WHERE name = $1 FOR UPDATE', [job.name])).rows[0];
  const { properties } = job.document;
  const givenState = properties.state === undefined || properties.state === '' ? null : properties.state;
  // A replacement without a state keeps the hub's: the customer's update does not move the job.
  const placed = placeState(existing === undefined ? undefined : placedOf(existing), givenState ?? existing?.state ?? DEFAULT_JOB_STATE);
  const cancelRequested = properties.cancelRequested ?? existing?.cancel_requested ?? false;
  await client.query(
    `INSERT INTO jobs (name, document, state, faulted_from, cancel_requested, change_seq, last_client_id)
       VALUES ($1, $2::json, $3, $4, $5, -1, $6)
     ON CONFLICT (name) DO UPDATE SET document = excluded.document, state = excluded.state, faulted_from = excluded.faulted_from,
       cancel_requested = excluded.cancel_requested, last_client_id = excluded.last_client_id, updated_at = now()`,
    [job.name, JSON.stringify(storedDocument(job)), placed.state, placed.faultedFrom, cancelRequested, placed.lastClientId],
  );
  const listed = properties.driveList ?? [];
  if (listed.length > 0) {
    const current = new Map(
      (await client.query<DriveRecord>(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE job_name = $1 FOR UPDATE`, [job.name])).rows.map((row) => [row.serial, row]),
    );
    const rows = listed.map((drive, position) => {
      const serial = normalizeCode(drive.driveId);
      const before = current.get(serial);
      const givenDriveState = drive.state === undefined || drive.state === '' ? null : drive.state;
      const driveState = placeState(before === undefined ? undefined : placedOf(before), givenDriveState ?? before?.state ?? DEFAULT_DRIVE_STATE);
      const fields: JsonObject = { ...drive };
      delete fields.driveId;
      delete fields.state;
      return {
        serial,
        driveIdRaw: drive.driveId,
        state: driveState.state,
        faultedFrom: driveState.faultedFrom,
        lastClientId: driveState.lastClientId,
        position,
        fields,
      };
    });
    // Listed by the customer: no longer an extra drive, whoever found it first.
    await client.query(
      `INSERT INTO drives (${DRIVE_COLUMNS})
         SELECT $1, r.serial, r."driveIdRaw", r.state, r."faultedFrom", false, r.position, r.fields, r."lastClientId"
         FROM jsonb_to_recordset($2::jsonb) AS r (serial text, "driveIdRaw" text, state text, "faultedFrom" text, position integer,
           fields jsonb, "lastClientId" text)
       ON CONFLICT (job_name, serial) DO UPDATE SET drive_id_raw = excluded.drive_id_raw, state = excluded.state,
         faulted_from = excluded.faulted_from, extra = false, position = excluded.position, fields = excluded.fields,
         last_client_id = excluded.last_client_id`,
      [job.name, JSON.stringify(rows)],
    );
  }
  return existing === undefined ? 'created' : 'replaced';
}

/** Takes jobs in, in bounded transactions; every job changed is sent again by the feed. */
export async function intakeJobs(pool: SqlPool, jobs: readonly CheckedJob[]): Promise<{ created: number; replaced: number }> {
  let created = 0;
  let replaced = 0;
  for (let start = 0; start < jobs.length; start += INTAKE_CHUNK) {
    const chunk = jobs.slice(start, start + INTAKE_CHUNK);
    const outcomes = await pool.transaction(async (client) => {
      const done: ('created' | 'replaced')[] = [];
      for (const job of chunk) done.push(await writeJob(client, job));
      await bumpChangeCursor(client, chunk.map((job) => job.name), null);
      return done;
    });
    created += outcomes.filter((outcome) => outcome === 'created').length;
    replaced += outcomes.filter((outcome) => outcome === 'replaced').length;
  }
  return { created, replaced };
}

/** Moves a job as the customer would: no state machine, the upstream is the authority. */
export async function setJobState(pool: SqlPool, name: string, state: string): Promise<boolean> {
  return pool.transaction(async (client) => {
    const row = (await client.query<JobRecord>('SELECT name, state, faulted_from, cancel_requested, last_client_id FROM jobs WHERE name = $1 FOR UPDATE', [name])).rows[0];
    if (row === undefined) return false;
    const placed = placeState(placedOf(row), state);
    await client.query('UPDATE jobs SET state = $2, faulted_from = $3, last_client_id = $4, updated_at = now() WHERE name = $1', [
      name,
      placed.state,
      placed.faultedFrom,
      placed.lastClientId,
    ]);
    await bumpChangeCursor(client, [name], null);
    return true;
  });
}

/** Moves a drive as operations would (e.g. a drive shipped back from the copy room). */
export async function setDriveState(pool: SqlPool, name: string, rawSerial: string, state: string): Promise<DriveView | null> {
  const serial = normalizeCode(rawSerial);
  return pool.transaction(async (client) => {
    // The job first, as every writer locks it, so this never waits in a circle with a push.
    const job = (await client.query('SELECT name FROM jobs WHERE name = $1 FOR UPDATE', [name])).rows[0];
    if (job === undefined) return null;
    const row = (await client.query<DriveRecord>(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE job_name = $1 AND serial = $2 FOR UPDATE`, [name, serial])).rows[0];
    if (row === undefined) return null;
    const placed = placeState(placedOf(row), state);
    await client.query('UPDATE drives SET state = $3, faulted_from = $4, last_client_id = $5 WHERE job_name = $1 AND serial = $2', [
      name,
      serial,
      placed.state,
      placed.faultedFrom,
      placed.lastClientId,
    ]);
    await bumpChangeCursor(client, [name], null);
    return driveView(driveFromRecord({ ...row, state: placed.state, faulted_from: placed.faultedFrom, last_client_id: placed.lastClientId }));
  });
}

export interface DriveView {
  readonly jobName: string;
  readonly serial: string;
  readonly driveId: string;
  readonly state: string;
  readonly faultedFrom: string | null;
  readonly extra: boolean;
}

const driveView = (drive: ReturnType<typeof driveFromRecord>): DriveView => ({
  jobName: drive.jobName,
  serial: drive.serial,
  driveId: drive.driveIdRaw,
  state: drive.state,
  faultedFrom: drive.faultedFrom,
  extra: drive.extra,
});

export async function listDrives(pool: SqlPool, name: string): Promise<DriveView[] | null> {
  const job = (await pool.query('SELECT name FROM jobs WHERE name = $1', [name])).rows[0];
  if (job === undefined) return null;
  const { rows } = await pool.query<DriveRecord>(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE job_name = $1 ORDER BY position, serial`, [name]);
  return rows.map((row) => driveView(driveFromRecord(row)));
}

/**
 * The public API's shape (a Get Job response body) of each named job, in the order given: the
 * stored document plus state, cancelRequested and driveList with each drive's state. Extra drives
 * were found in a box, not listed by the customer: the public list never shows them.
 */
export async function jobDocuments(client: SqlClient | SqlPool, names: readonly string[]): Promise<JsonObject[]> {
  if (names.length === 0) return [];
  const list = JSON.stringify(names);
  const jobs = await client.query<{ name: string; document: JsonObject; state: string; cancel_requested: boolean }>(
    'SELECT name, document, state, cancel_requested FROM jobs WHERE name IN (SELECT jsonb_array_elements_text($1::jsonb))',
    [list],
    'hub-job-documents',
  );
  const drives = await client.query<{ job_name: string; drive_id_raw: string; state: string; fields: JsonObject }>(
    `SELECT job_name, drive_id_raw, state, fields FROM drives
      WHERE job_name IN (SELECT jsonb_array_elements_text($1::jsonb)) AND NOT extra ORDER BY job_name, position, serial`,
    [list],
    'hub-job-drives',
  );
  const driveLists = new Map<string, JsonObject[]>();
  for (const drive of drives.rows) {
    const entries = driveLists.get(drive.job_name) ?? [];
    entries.push({ ...drive.fields, driveId: drive.drive_id_raw, state: drive.state });
    driveLists.set(drive.job_name, entries);
  }
  const byName = new Map(jobs.rows.map((row) => [row.name, row]));
  return names.flatMap((name) => {
    const row = byName.get(name);
    if (row === undefined) return [];
    const stored = row.document;
    const listed = driveLists.get(name) ?? [];
    const properties: JsonObject = {
      ...((stored.properties ?? {}) as JsonObject),
      state: row.state,
      cancelRequested: row.cancel_requested,
      ...(listed.length > 0 ? { driveList: listed } : {}),
    };
    return [{ ...stored, name, properties }];
  });
}
