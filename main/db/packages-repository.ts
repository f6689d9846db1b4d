import type { Database } from 'better-sqlite3';
import type { PackageRow } from './rows';
import type { CheckInVerdict } from '../../shared/rpc/results';
import { fromFlag, toFlag } from './sql-values';

const PACKAGE_COLUMNS = `p.id AS rowId, p.tracking_number AS trackingNumber, p.carrier_name AS carrierName, p.job_id AS jobRowId,
  j.name AS jobName, p.verdict, p.held, p.status, p.declared_drive_count AS declaredDriveCount,
  p.checked_in_at AS checkedInAt, p.closed_at AS closedAt`;

type RawPackage = Omit<PackageRow, 'held'> & { held: number };
const toPackageRow = (raw: RawPackage): PackageRow => ({ ...raw, held: fromFlag(raw.held) });

export interface PackageInsert {
  readonly trackingNumber: string;
  readonly carrierName: string | null;
  readonly jobRowId: number | null;
  readonly verdict: CheckInVerdict;
  readonly held: boolean;
  readonly declaredDriveCount: number | null;
  readonly at: string;
  readonly operator: string;
  readonly deskId: string;
}

export function createPackagesRepository(db: Database) {
  const byRowId = db.prepare(`SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.id = ?`);
  const byTracking = db.prepare(
    `SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.tracking_number = ?`,
  );
  const forJob = db.prepare(
    `SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.job_id = ? ORDER BY p.id`,
  );
  const heldOpen = db.prepare(
    `SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.held = 1 AND p.status = 'open' ORDER BY p.id`,
  );
  // The open and held packages board: every package not closed, and every held package.
  const board = db.prepare(
    `SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.status = 'open' OR p.held = 1 ORDER BY p.id`,
  );
  const insert = db.prepare(`INSERT INTO packages (tracking_number, carrier_name, job_id, verdict, held, status,
      declared_drive_count, checked_in_at, checked_in_by, desk_id)
    VALUES (@trackingNumber, @carrierName, @jobRowId, @verdict, @held, 'open', @declaredDriveCount, @at, @operator, @deskId)`);
  const close = db.prepare(
    "UPDATE packages SET status = 'closed', closed_at = @at, closed_by = @operator WHERE id = @rowId",
  );
  const release = db.prepare(
    "UPDATE packages SET held = 0, verdict = 'matched', job_id = @jobRowId, declared_drive_count = @declared WHERE id = @rowId",
  );
  const reopen = db.prepare("UPDATE packages SET status = 'open', closed_at = NULL, closed_by = NULL WHERE id = ?");

  return {
    findById(packageId: number): PackageRow | undefined {
      const raw = byRowId.get(packageId) as RawPackage | undefined;
      return raw === undefined ? undefined : toPackageRow(raw);
    },
    findByTrackingNumber(trackingNumber: string): PackageRow | undefined {
      const raw = byTracking.get(trackingNumber) as RawPackage | undefined;
      return raw === undefined ? undefined : toPackageRow(raw);
    },
    listHeldOpen: () => (heldOpen.all() as RawPackage[]).map(toPackageRow),
    listBoard: () => (board.all() as RawPackage[]).map(toPackageRow),
    listForJob: (jobRowId: number) => (forJob.all(jobRowId) as RawPackage[]).map(toPackageRow),
    insert: (pkg: PackageInsert) => Number(insert.run({ ...pkg, held: toFlag(pkg.held) }).lastInsertRowid),
    close: (packageId: number, at: string, operator: string) => void close.run({ rowId: packageId, at, operator }),
    reopen: (packageId: number) => void reopen.run(packageId),
    release: (packageId: number, jobRowId: number, declared: number | null) => void release.run({ rowId: packageId, jobRowId, declared }),
  };
}
export type PackagesRepository = ReturnType<typeof createPackagesRepository>;
