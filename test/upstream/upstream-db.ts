/**
 * The reference upstream's own database (docs/sync-protocol.md). It is a separate service from the
 * desk, so it owns its schema here rather than in main/db/ (see the eslint override).
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';

/** How long a writer waits for another connection's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;
/** Bumped when the schema below changes; an older file is refused rather than misread. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
  -- One row per job. document_json is the public-API job document without state, cancelRequested
  -- and driveList: those live in columns and in drives, and the feed rebuilds the document.
  CREATE TABLE jobs (
    name             TEXT PRIMARY KEY,
    document_json    TEXT NOT NULL,
    state            TEXT NOT NULL,
    faulted_from     TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    -- The global change counter's value when the job last changed: the feed's order and cursor.
    change_seq       INTEGER NOT NULL UNIQUE,
    -- The desk transition that set the current state; null after an admin move (undo needs it).
    last_client_id   TEXT
  ) STRICT;

  CREATE TABLE drives (
    job_name       TEXT NOT NULL REFERENCES jobs (name) ON DELETE CASCADE,
    serial         TEXT NOT NULL,
    drive_id_raw   TEXT NOT NULL,
    state          TEXT NOT NULL,
    faulted_from   TEXT,
    -- Found in the box by a desk, not on the customer's list: kept, but not sent in driveList.
    extra          INTEGER NOT NULL DEFAULT 0,
    -- Order in driveList, so the rebuilt document lists drives as the customer did.
    position       INTEGER NOT NULL,
    -- The driveList entry's other fields (manifestFile, bitLockerKey …): this is the upstream.
    fields_json    TEXT NOT NULL DEFAULT '{}',
    last_client_id TEXT,
    UNIQUE (job_name, serial)
  ) STRICT;

  -- Every transition the upstream applied, in order: duplicates are found by client_id.
  CREATE TABLE applied_transitions (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    desk_id               TEXT NOT NULL,
    seq                   INTEGER NOT NULL,
    client_id             TEXT NOT NULL UNIQUE,
    entity                TEXT NOT NULL CHECK (entity IN ('drive', 'job')),
    job_name              TEXT NOT NULL,
    serial                TEXT,
    from_state            TEXT,
    to_state              TEXT NOT NULL,
    reason                TEXT,
    note                  TEXT,
    operator              TEXT NOT NULL,
    at                    TEXT NOT NULL,
    compensates           TEXT,
    -- What the upstream had before and set after: differs from the desk's from/to when desks raced.
    upstream_from_state   TEXT,
    upstream_to_state     TEXT NOT NULL,
    -- faulted_from before the move, so an undo of a move out of (or into) Faulted restores it.
    upstream_faulted_from TEXT,
    applied_at            TEXT NOT NULL
  ) STRICT;
  CREATE INDEX applied_by_desk ON applied_transitions (desk_id, seq);

  -- Rejected items: kept so that a resent batch (same seq) gets the same answer.
  CREATE TABLE rejected_items (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    desk_id   TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    client_id TEXT NOT NULL,
    reason    TEXT NOT NULL,
    at        TEXT NOT NULL
  ) STRICT;
  CREATE INDEX rejected_by_desk ON rejected_items (desk_id, seq);

  CREATE TABLE desk_progress (
    desk_id   TEXT PRIMARY KEY,
    desk_name TEXT NOT NULL,
    last_seq  INTEGER NOT NULL
  ) STRICT;

  -- One row: the global change counter every job change takes its change_seq from.
  CREATE TABLE change_counter (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
  ) STRICT;
  INSERT INTO change_counter (id, value) VALUES (1, 0);
`;

export interface JobRow {
  readonly name: string;
  readonly documentJson: string;
  readonly state: string;
  readonly faultedFrom: string | null;
  readonly cancelRequested: boolean;
  readonly changeSeq: number;
  readonly lastClientId: string | null;
}

export interface DriveRow {
  readonly jobName: string;
  readonly serial: string;
  readonly driveIdRaw: string;
  readonly state: string;
  readonly faultedFrom: string | null;
  readonly extra: boolean;
  readonly position: number;
  readonly fieldsJson: string;
  readonly lastClientId: string | null;
}

export interface AppliedTransition {
  readonly id: number;
  readonly deskId: string;
  readonly seq: number;
  readonly clientId: string;
  readonly entity: 'drive' | 'job';
  readonly jobName: string;
  readonly serial: string | null;
  readonly from: string | null;
  readonly to: string;
  readonly reason: string | null;
  readonly note: string | null;
  readonly operator: string;
  readonly at: string;
  readonly compensates: string | null;
  readonly upstreamFrom: string | null;
  readonly upstreamTo: string;
  readonly upstreamFaultedFrom: string | null;
  readonly appliedAt: string;
}

export type AppliedTransitionInsert = Omit<AppliedTransition, 'id'>;

export interface RejectedItem {
  readonly id: number;
  readonly deskId: string;
  readonly seq: number;
  readonly clientId: string;
  readonly reason: string;
  readonly at: string;
}

/** A job as PUT by the admin API: the stored document and its columns. */
export interface JobWrite {
  readonly name: string;
  readonly documentJson: string;
  readonly state: string;
  readonly faultedFrom: string | null;
  readonly cancelRequested: boolean;
  readonly lastClientId: string | null;
}

export interface DriveWrite {
  readonly jobName: string;
  readonly serial: string;
  readonly driveIdRaw: string;
  readonly state: string;
  readonly faultedFrom: string | null;
  readonly extra: boolean;
  readonly position: number;
  readonly fieldsJson: string;
  readonly lastClientId: string | null;
}

const JOB_COLUMNS = `name, document_json AS documentJson, state, faulted_from AS faultedFrom,
  cancel_requested AS cancelRequested, change_seq AS changeSeq, last_client_id AS lastClientId`;
const DRIVE_COLUMNS = `job_name AS jobName, serial, drive_id_raw AS driveIdRaw, state, faulted_from AS faultedFrom,
  extra, position, fields_json AS fieldsJson, last_client_id AS lastClientId`;
const APPLIED_COLUMNS = `id, desk_id AS deskId, seq, client_id AS clientId, entity, job_name AS jobName, serial,
  from_state AS "from", to_state AS "to", reason, note, operator, at, compensates,
  upstream_from_state AS upstreamFrom, upstream_to_state AS upstreamTo,
  upstream_faulted_from AS upstreamFaultedFrom, applied_at AS appliedAt`;
const REJECTED_COLUMNS = 'id, desk_id AS deskId, seq, client_id AS clientId, reason, at';

type Raw<T> = { [K in keyof T]: T[K] extends boolean ? number : T[K] };
const jobFromRaw = (raw: Raw<JobRow> | undefined): JobRow | undefined =>
  raw === undefined ? undefined : { ...raw, cancelRequested: raw.cancelRequested === 1 };
const driveFromRaw = (raw: Raw<DriveRow>): DriveRow => ({ ...raw, extra: raw.extra === 1 });

function openFile(file: string): Database {
  const db = new BetterSqlite3(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // WAL + FULL: an answered push survives a power cut, as the protocol's "applied" promises.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) {
      db.transaction(() => {
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
    } else if (version !== SCHEMA_VERSION) {
      throw new Error(`${file}: upstream schema version ${version}, expected ${SCHEMA_VERSION}`);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens (creating if needed) the upstream database and prepares every statement it uses. */
export function openUpstreamStore(file: string) {
  const db = openFile(file);

  const jobByName = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE name = ?`);
  const insertJob = db.prepare(`INSERT INTO jobs (name, document_json, state, faulted_from, cancel_requested, change_seq, last_client_id)
    VALUES (@name, @documentJson, @state, @faultedFrom, @cancelRequested, @changeSeq, @lastClientId)`);
  const updateJob = db.prepare(`UPDATE jobs SET document_json = @documentJson, state = @state, faulted_from = @faultedFrom,
    cancel_requested = @cancelRequested, last_client_id = @lastClientId WHERE name = @name`);
  const setJobStateStatement = db.prepare(
    'UPDATE jobs SET state = ?, faulted_from = ?, last_client_id = ? WHERE name = ?',
  );
  const bumpCounter = db.prepare('UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value');
  const readCounter = db.prepare('SELECT value FROM change_counter WHERE id = 1');
  const setChangeSeq = db.prepare('UPDATE jobs SET change_seq = ? WHERE name = ?');

  const drivesOfJob = db.prepare(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE job_name = ? ORDER BY position, rowid`);
  const driveBySerial = db.prepare(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE job_name = ? AND serial = ?`);
  const upsertDriveStatement = db.prepare(`INSERT INTO drives (job_name, serial, drive_id_raw, state, faulted_from, extra,
      position, fields_json, last_client_id)
    VALUES (@jobName, @serial, @driveIdRaw, @state, @faultedFrom, @extra, @position, @fieldsJson, @lastClientId)
    ON CONFLICT (job_name, serial) DO UPDATE SET drive_id_raw = excluded.drive_id_raw, state = excluded.state,
      faulted_from = excluded.faulted_from, extra = excluded.extra, position = excluded.position,
      fields_json = excluded.fields_json, last_client_id = excluded.last_client_id`);
  const deleteDriveStatement = db.prepare('DELETE FROM drives WHERE job_name = ? AND serial = ?');
  const setDriveStateStatement = db.prepare(
    'UPDATE drives SET state = ?, faulted_from = ?, last_client_id = ? WHERE job_name = ? AND serial = ?',
  );
  const nextPosition = db.prepare('SELECT COALESCE(MAX(position), -1) + 1 AS position FROM drives WHERE job_name = ?');

  const appliedByClientId = db.prepare(`SELECT ${APPLIED_COLUMNS} FROM applied_transitions WHERE client_id = ?`);
  const insertApplied = db.prepare(`INSERT INTO applied_transitions (desk_id, seq, client_id, entity, job_name, serial,
      from_state, to_state, reason, note, operator, at, compensates, upstream_from_state, upstream_to_state,
      upstream_faulted_from, applied_at)
    VALUES (@deskId, @seq, @clientId, @entity, @jobName, @serial, @from, @to, @reason, @note, @operator, @at,
      @compensates, @upstreamFrom, @upstreamTo, @upstreamFaultedFrom, @appliedAt)`);
  const appliedForDesk = db.prepare(`SELECT ${APPLIED_COLUMNS} FROM applied_transitions WHERE desk_id = ? ORDER BY id`);
  const appliedAll = db.prepare(`SELECT ${APPLIED_COLUMNS} FROM applied_transitions ORDER BY id`);

  const insertRejected = db.prepare(
    'INSERT INTO rejected_items (desk_id, seq, client_id, reason, at) VALUES (@deskId, @seq, @clientId, @reason, @at)',
  );
  const rejectedAt = db.prepare(
    `SELECT ${REJECTED_COLUMNS} FROM rejected_items WHERE desk_id = ? AND seq = ? AND client_id = ? ORDER BY id DESC LIMIT 1`,
  );
  const rejectedForDesk = db.prepare(`SELECT ${REJECTED_COLUMNS} FROM rejected_items WHERE desk_id = ? ORDER BY id`);
  const rejectedAll = db.prepare(`SELECT ${REJECTED_COLUMNS} FROM rejected_items ORDER BY id`);

  const lastSeqOf = db.prepare('SELECT last_seq AS lastSeq FROM desk_progress WHERE desk_id = ?');
  const upsertProgress = db.prepare(`INSERT INTO desk_progress (desk_id, desk_name, last_seq) VALUES (?, ?, ?)
    ON CONFLICT (desk_id) DO UPDATE SET desk_name = excluded.desk_name, last_seq = excluded.last_seq`);

  const jobsChangedAfter = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE change_seq > ? ORDER BY change_seq LIMIT ?`);
  const countChangedAfter = db.prepare('SELECT COUNT(*) AS count FROM jobs WHERE change_seq > ?');

  const nextChangeSeq = () => (bumpCounter.get() as { value: number }).value;

  const store = {
    /** Runs `work` in one transaction (IMMEDIATE: the write lock is taken up front). */
    transaction<T>(work: () => T): T {
      return db.transaction(work).immediate();
    },

    findJob: (name: string) => jobFromRaw(jobByName.get(name) as Raw<JobRow> | undefined),
    /** Inserts or replaces a job's row; either way it is a change the feed sends again. */
    writeJob(job: JobWrite): 'created' | 'replaced' {
      const row = { ...job, cancelRequested: job.cancelRequested ? 1 : 0 };
      const exists = jobByName.get(job.name) !== undefined;
      if (exists) {
        updateJob.run(row);
        store.markJobChanged(job.name);
      } else {
        insertJob.run({ ...row, changeSeq: nextChangeSeq() });
      }
      return exists ? 'replaced' : 'created';
    },
    setJobState(name: string, state: string, faultedFrom: string | null, lastClientId: string | null): void {
      setJobStateStatement.run(state, faultedFrom, lastClientId, name);
    },
    /** Takes the next value of the global change counter for the job: the feed sends it again. */
    markJobChanged(name: string): number {
      const value = nextChangeSeq();
      setChangeSeq.run(value, name);
      return value;
    },
    currentChangeSeq: () => (readCounter.get() as { value: number }).value,

    listDrives: (jobName: string) => (drivesOfJob.all(jobName) as Raw<DriveRow>[]).map(driveFromRaw),
    findDrive(jobName: string, serial: string): DriveRow | undefined {
      const raw = driveBySerial.get(jobName, serial) as Raw<DriveRow> | undefined;
      return raw === undefined ? undefined : driveFromRaw(raw);
    },
    writeDrive(drive: DriveWrite): void {
      upsertDriveStatement.run({ ...drive, extra: drive.extra ? 1 : 0 });
    },
    deleteDrive(jobName: string, serial: string): void {
      deleteDriveStatement.run(jobName, serial);
    },
    setDriveState(jobName: string, serial: string, state: string, faultedFrom: string | null, lastClientId: string | null): void {
      setDriveStateStatement.run(state, faultedFrom, lastClientId, jobName, serial);
    },
    nextDrivePosition: (jobName: string) => (nextPosition.get(jobName) as { position: number }).position,

    findApplied: (clientId: string) => appliedByClientId.get(clientId) as AppliedTransition | undefined,
    appendApplied(transition: AppliedTransitionInsert): void {
      insertApplied.run(transition);
    },
    listApplied: (deskId: string | null) =>
      (deskId === null ? appliedAll.all() : appliedForDesk.all(deskId)) as AppliedTransition[],

    appendRejected(item: Omit<RejectedItem, 'id'>): void {
      insertRejected.run(item);
    },
    findRejected: (deskId: string, seq: number, clientId: string) =>
      rejectedAt.get(deskId, seq, clientId) as RejectedItem | undefined,
    listRejected: (deskId: string | null) =>
      (deskId === null ? rejectedAll.all() : rejectedForDesk.all(deskId)) as RejectedItem[],

    /** The last seq processed for the desk; 0 before its first push. */
    lastSeq: (deskId: string) => (lastSeqOf.get(deskId) as { lastSeq: number } | undefined)?.lastSeq ?? 0,
    setLastSeq(deskId: string, deskName: string, seq: number): void {
      upsertProgress.run(deskId, deskName, seq);
    },

    jobsChangedAfter: (changeSeq: number, limit: number) =>
      (jobsChangedAfter.all(changeSeq, limit) as Raw<JobRow>[]).map((raw) => jobFromRaw(raw) as JobRow),
    countJobsChangedAfter: (changeSeq: number) => (countChangedAfter.get(changeSeq) as { count: number }).count,

    close(): void {
      db.close();
    },
  };
  return store;
}

export type UpstreamStore = ReturnType<typeof openUpstreamStore>;
