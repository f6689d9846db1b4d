import type { Database } from 'better-sqlite3';
import { REMOVED_DRIVE_STATE, type DriveState, type StoredDriveState } from '../../shared/domain/drive-states';
import type { DriveRow } from './rows';
import { fromFlag, toFlag } from './sql-values';

const DRIVE_COLUMNS = `d.id AS rowId, d.job_id AS jobRowId, j.name AS jobName, d.serial, d.drive_id_raw AS serialAsWritten, d.state,
  d.faulted_from AS faultedFrom, d.is_extra AS isExtra, d.package_id AS packageId`;

type RawDrive = Omit<DriveRow, 'isExtra'> & { isExtra: number };
const toDriveRow = (raw: RawDrive): DriveRow => ({ ...raw, isExtra: fromFlag(raw.isExtra) });

export interface DriveDocumentFields {
  readonly manifestFile: string | null;
  readonly manifestHash: string | null;
  readonly driveHeaderHash: string | null;
  readonly copyStatus: string | null;
  readonly percentComplete: number | null;
}

export interface DriveInsert extends DriveDocumentFields {
  readonly jobRowId: number;
  readonly serial: string;
  readonly serialAsWritten: string;
  readonly state: StoredDriveState;
  readonly isExtra: boolean;
  readonly packageId: number | null;
}

export function createDrivesRepository(db: Database) {
  const inJob = db.prepare(
    `SELECT ${DRIVE_COLUMNS} FROM drives d JOIN jobs j ON j.id = d.job_id WHERE d.job_id = ? AND d.state <> '${REMOVED_DRIVE_STATE}' ORDER BY d.is_extra, d.id`,
  );
  const inJobBySerial = db.prepare(
    `SELECT ${DRIVE_COLUMNS} FROM drives d JOIN jobs j ON j.id = d.job_id WHERE d.job_id = ? AND d.serial = ?`,
  );
  const listedElsewhere = db.prepare(
    `SELECT ${DRIVE_COLUMNS} FROM drives d JOIN jobs j ON j.id = d.job_id
     WHERE d.serial = ? AND d.job_id <> ? AND d.is_extra = 0 ORDER BY d.id`,
  );
  const bySerial = db.prepare(
    `SELECT ${DRIVE_COLUMNS} FROM drives d JOIN jobs j ON j.id = d.job_id WHERE d.serial = ? ORDER BY d.id`,
  );
  const byRowId = db.prepare(`SELECT ${DRIVE_COLUMNS} FROM drives d JOIN jobs j ON j.id = d.job_id WHERE d.id = ?`);
  const insert = db.prepare(`INSERT INTO drives (job_id, serial, drive_id_raw, state, is_extra, package_id,
      manifest_file, manifest_hash, drive_header_hash, copy_status, percent_complete)
    VALUES (@jobRowId, @serial, @serialAsWritten, @state, @isExtra, @packageId,
      @manifestFile, @manifestHash, @driveHeaderHash, @copyStatus, @percentComplete)`);
  const updateDocumentFields = db.prepare(`UPDATE drives SET drive_id_raw = @serialAsWritten, manifest_file = @manifestFile,
      manifest_hash = @manifestHash, drive_header_hash = @driveHeaderHash, copy_status = @copyStatus,
      percent_complete = @percentComplete WHERE id = @rowId`);
  const setState = db.prepare(
    'UPDATE drives SET state = @state, faulted_from = @faultedFrom, package_id = coalesce(@packageId, package_id) WHERE id = @rowId',
  );
  const progress = db.prepare(`SELECT d.state, d.is_extra AS isExtra,
      EXISTS (SELECT 1 FROM transitions t WHERE t.drive_id = d.id
        AND t.to_state IN ('Faulted', 'CompletedMoreInfo', 'NeverReceived')) AS hadError
    FROM drives d WHERE d.job_id = ? AND d.state <> '${REMOVED_DRIVE_STATE}'`);
  const countRegistered = db.prepare(
    `SELECT count(*) AS n FROM drives WHERE job_id = ? AND package_id = ? AND is_extra = 0 AND state <> '${REMOVED_DRIVE_STATE}'`,
  );

  return {
    listForJob: (jobRowId: number) => (inJob.all(jobRowId) as RawDrive[]).map(toDriveRow),
    findInJob(jobRowId: number, serial: string): DriveRow | undefined {
      const raw = inJobBySerial.get(jobRowId, serial) as RawDrive | undefined;
      return raw === undefined ? undefined : toDriveRow(raw);
    },
    /** The same serial on another job's drive list (extra drives elsewhere do not count). */
    findListedElsewhere: (serial: string, exceptJobRowId: number) =>
      (listedElsewhere.all(serial, exceptJobRowId) as RawDrive[]).map(toDriveRow),
    findBySerial: (serial: string) => (bySerial.all(serial) as RawDrive[]).map(toDriveRow),
    findByRowId(rowId: number): DriveRow {
      return toDriveRow(byRowId.get(rowId) as RawDrive);
    },
    insert(drive: DriveInsert): number {
      return Number(insert.run({ ...drive, isExtra: toFlag(drive.isExtra) }).lastInsertRowid);
    },
    updateDocumentFields(rowId: number, serialAsWritten: string, fields: DriveDocumentFields): void {
      updateDocumentFields.run({ rowId, serialAsWritten, ...fields });
    },
    setState(rowId: number, state: StoredDriveState, faultedFrom: DriveState | null, packageId: number | null): void {
      setState.run({ rowId, state, faultedFrom, packageId });
    },
    progressForJob: (jobRowId: number) =>
      (progress.all(jobRowId) as { state: string; isExtra: number; hadError: number }[]).map((row) => ({
        state: row.state,
        isExtra: fromFlag(row.isExtra),
        hadError: fromFlag(row.hadError),
      })),
    countRegisteredInPackage: (jobRowId: number, packageId: number) =>
      Number((countRegistered.get(jobRowId, packageId) as { n: number }).n),
  };
}
export type DrivesRepository = ReturnType<typeof createDrivesRepository>;
