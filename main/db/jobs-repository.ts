import type { Database } from 'better-sqlite3';
import { REMOVED_DRIVE_STATE } from '../../shared/domain/drive-states';
import { normalizeCode } from '../../shared/domain/serial';
import type { JobState } from '../../shared/domain/job-states';
import type { JobRow } from './rows';
import { fromFlag, toFlag } from './sql-values';

const JOB_COLUMNS = `id AS rowId, name, arm_id AS armId, job_type AS jobType, state, faulted_from AS faultedFrom,
  cancel_requested AS cancelRequested, location, tracking_number AS trackingNumber,
  carrier_name AS carrierName, declared_drive_count AS declaredDriveCount, ship_date_raw AS shipDateRaw,
  document_json AS documentJson, is_demo AS isDemo, imported_at AS importedAt, updated_at AS updatedAt,
  ops_flag AS opsFlag, return_carrier AS returnCarrier, return_tracking_number AS returnTrackingNumber,
  wait_until AS waitUntil, ops_flag_at AS opsFlagAt`;

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type RawJob = Omit<JobRow, 'cancelRequested' | 'isDemo'> & { cancelRequested: number; isDemo: number };

function toJobRow(raw: RawJob | undefined): JobRow | undefined {
  if (raw === undefined) return undefined;
  return { ...raw, cancelRequested: fromFlag(raw.cancelRequested), isDemo: fromFlag(raw.isDemo) };
}

export interface JobUpsert {
  readonly name: string;
  readonly armId: string | null;
  readonly jobType: string;
  readonly state: JobState;
  readonly cancelRequested: boolean;
  readonly location: string | null;
  readonly trackingNumber: string | null;
  readonly carrierName: string | null;
  readonly declaredDriveCount: number | null;
  readonly shipDateRaw: string | null;
  readonly documentJson: string;
  readonly isDemo: boolean;
  readonly at: string;
}

export interface JobListFilter {
  readonly state?: string | undefined;
  readonly search?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface DriveStateCount {
  readonly jobRowId: number;
  readonly state: string;
  readonly isExtra: boolean;
  readonly count: number;
}

export function createJobsRepository(db: Database) {
  const byName = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE name = ?`);
  const byRowId = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`);
  const byTracking = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE tracking_number = ? AND purged_at IS NULL ORDER BY id LIMIT 1`);
  const insert = db.prepare(`INSERT INTO jobs (name, arm_id, job_type, state, cancel_requested, location,
      tracking_number, carrier_name, declared_drive_count, ship_date_raw, document_json, is_demo, imported_at, updated_at)
    VALUES (@name, @armId, @jobType, @state, @cancelRequested, @location, @trackingNumber, @carrierName,
      @declaredDriveCount, @shipDateRaw, @documentJson, @isDemo, @at, @at)`);
  const update = db.prepare(`UPDATE jobs SET arm_id = @armId, job_type = @jobType, state = @state,
      cancel_requested = @cancelRequested, location = @location, tracking_number = @trackingNumber,
      carrier_name = @carrierName, declared_drive_count = @declaredDriveCount, ship_date_raw = @shipDateRaw,
      document_json = @documentJson, is_demo = @isDemo, updated_at = @at
    WHERE id = @rowId`);
  const setState = db.prepare(
    'UPDATE jobs SET state = @state, faulted_from = @faultedFrom, updated_at = @at WHERE id = @rowId',
  );
  const countAll = db.prepare('SELECT count(*) AS n FROM jobs');
  // The flag's time is kept from when it was first raised: a changed reason does not restart the clock.
  const setOpsFlag = db.prepare(`UPDATE jobs SET ops_flag = @flag,
      ops_flag_at = CASE WHEN @flag IS NULL THEN NULL ELSE coalesce(ops_flag_at, @at) END WHERE id = @rowId`);
  const setWaitUntil = db.prepare('UPDATE jobs SET wait_until = ? WHERE id = ?');
  const demoJobs = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE is_demo = 1 ORDER BY id`);
  // Only a demo job nothing was recorded for: no transition, no package, no print.
  const untouched = db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM transitions WHERE job_id = @rowId)
      AND NOT EXISTS (SELECT 1 FROM packages WHERE job_id = @rowId)
      AND NOT EXISTS (SELECT 1 FROM print_log WHERE job_name = @name)
      AND NOT EXISTS (SELECT 1 FROM job_events WHERE job_id = @rowId) AS untouched`);
  const deleteDrives = db.prepare('DELETE FROM drives WHERE job_id = ?');
  const deleteJob = db.prepare('DELETE FROM jobs WHERE id = ? AND is_demo = 1');
  const byReturnTracking = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE return_tracking_number = ? ORDER BY id`);
  const cancelledOpen = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE cancel_requested = 1 AND state NOT IN ('Completed', 'Closed') AND purged_at IS NULL ORDER BY id`);
  const flagged = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE ops_flag IS NOT NULL AND purged_at IS NULL ORDER BY id`);
  const setReturnShipment = db.prepare('UPDATE jobs SET return_carrier = ?, return_tracking_number = ? WHERE id = ?');
  const shippingWithoutPackage = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE state = 'Shipping' AND purged_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM packages p WHERE p.job_id = jobs.id AND p.held = 0) ORDER BY id`);
  const inStates = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE state = ? AND purged_at IS NULL ORDER BY id`);
  // The document holds the customer's addresses and contacts: a purged job keeps only its name and history.
  const purge = db.prepare("UPDATE jobs SET purged_at = @at, document_json = '{}', updated_at = @at WHERE id = @rowId AND purged_at IS NULL");

  function listWhere(filter: JobListFilter): { clause: string; params: Record<string, unknown> } {
    const conditions: string[] = ['purged_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (filter.state !== undefined && filter.state !== '') {
      conditions.push('state = @state');
      params.state = filter.state;
    }
    if (filter.search !== undefined && filter.search.trim() !== '') {
      // Job names match as typed; serials and tracking numbers the way scans are compared.
      conditions.push(`(name LIKE @namePattern ESCAPE '\\' OR tracking_number LIKE @codePattern ESCAPE '\\'
        OR id IN (SELECT job_id FROM drives WHERE serial LIKE @codePattern ESCAPE '\\'))`);
      params.namePattern = likePattern(filter.search.trim());
      params.codePattern = likePattern(normalizeCode(filter.search));
    }
    return { clause: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
  }

  return {
    findByName: (name: string) => toJobRow(byName.get(name) as RawJob | undefined),
    findByRowId: (rowId: number) => toJobRow(byRowId.get(rowId) as RawJob | undefined),
    findByTrackingNumber: (trackingNumber: string) =>
      toJobRow(byTracking.get(trackingNumber) as RawJob | undefined),
    insert(job: JobUpsert): number {
      const params = { ...job, cancelRequested: toFlag(job.cancelRequested), isDemo: toFlag(job.isDemo) };
      return Number(insert.run(params).lastInsertRowid);
    },
    update(rowId: number, job: JobUpsert): void {
      update.run({ ...job, rowId, cancelRequested: toFlag(job.cancelRequested), isDemo: toFlag(job.isDemo) });
    },
    /** Flags (or clears, with null) a job the operations team must fix, with why. */
    setOpsFlag: (rowId: number, flag: string | null, at: string) => void setOpsFlag.run({ rowId, flag, at }),
    setWaitUntil: (rowId: number, until: string) => void setWaitUntil.run(until, rowId),
    findByReturnTrackingNumber: (trackingNumber: string) => (byReturnTracking.all(trackingNumber) as RawJob[]).map((raw) => toJobRow(raw) as JobRow),
    listDemo: () => (demoJobs.all() as RawJob[]).map((raw) => toJobRow(raw) as JobRow),
    /** Deletes a demo job and its drives when the desk recorded nothing for it; false when it did. */
    removeDemo(job: JobRow): boolean {
      if (!job.isDemo || Number((untouched.get({ rowId: job.rowId, name: job.name }) as { untouched: number }).untouched) !== 1) return false;
      deleteDrives.run(job.rowId);
      return deleteJob.run(job.rowId).changes === 1;
    },
    listCancelledOpen: () => (cancelledOpen.all() as RawJob[]).map((raw) => toJobRow(raw) as JobRow),
    listFlagged: () => (flagged.all() as RawJob[]).map((raw) => toJobRow(raw) as JobRow),
    setReturnShipment: (rowId: number, carrier: string, trackingNumber: string) => void setReturnShipment.run(carrier, trackingNumber, rowId),
    setState(rowId: number, state: JobState, faultedFrom: JobState | null, at: string): void {
      setState.run({ rowId, state, faultedFrom, at });
    },
    /** Shipping jobs no processed package has arrived for: the candidates for "overdue". */
    listShippingWithoutPackage: () => (shippingWithoutPackage.all() as RawJob[]).map((raw) => toJobRow(raw) as JobRow),
    listInState: (state: JobState) => (inStates.all(state) as RawJob[]).map((raw) => toJobRow(raw) as JobRow),
    purge: (rowId: number, at: string) => purge.run({ rowId, at }).changes === 1,
    count: () => Number((countAll.get() as { n: number }).n),
    list(filter: JobListFilter): { rows: JobRow[]; total: number } {
      const { clause, params } = listWhere(filter);
      const total = Number(
        (db.prepare(`SELECT count(*) AS n FROM jobs ${clause}`).get(params) as { n: number }).n,
      );
      const rows = (
        db
          .prepare(`SELECT ${JOB_COLUMNS} FROM jobs ${clause} ORDER BY updated_at DESC, id DESC LIMIT @limit OFFSET @offset`)
          .all({ ...params, limit: filter.limit, offset: filter.offset }) as RawJob[]
      ).map((raw) => toJobRow(raw) as JobRow);
      return { rows, total };
    },
    /** Drive counts by state for a page of jobs, in one query. */
    driveStateCounts(jobRowIds: readonly number[]): DriveStateCount[] {
      if (jobRowIds.length === 0) return [];
      const placeholders = jobRowIds.map(() => '?').join(',');
      return (
        db
          .prepare(`SELECT job_id AS jobRowId, state, is_extra AS isExtra, count(*) AS count FROM drives
            WHERE job_id IN (${placeholders}) AND state <> '${REMOVED_DRIVE_STATE}' GROUP BY job_id, state, is_extra`)
          .all(...jobRowIds) as { jobRowId: number; state: string; isExtra: number; count: number }[]
      ).map((row) => ({ ...row, isExtra: fromFlag(row.isExtra) }));
    },
  };
}
export type JobsRepository = ReturnType<typeof createJobsRepository>;
