import type { Database } from 'better-sqlite3';
import type { PackageOutcome, PackageRow } from './rows';
import type { CheckInVerdict } from '../../shared/rpc/results';
import { fromFlag, toFlag } from './sql-values';

const PACKAGE_COLUMNS = `p.id AS rowId, p.tracking_number AS trackingNumber, p.carrier_name AS carrierName, p.job_id AS jobRowId,
  j.name AS jobName, p.verdict, p.held, p.status, p.declared_drive_count AS declaredDriveCount,
  p.checked_in_at AS checkedInAt, p.closed_at AS closedAt, p.outcome, p.outcome_at AS outcomeAt,
  p.return_carrier AS returnCarrier, p.return_tracking_number AS returnTrackingNumber, p.damaged,
  p.damage_note AS damageNote, p.carrier_read AS carrierRead, p.carrier_note AS carrierNote, p.checked_in_by AS checkedInBy`;

type RawPackage = Omit<PackageRow, 'held' | 'damaged'> & { held: number; damaged: number };
const toPackageRow = (raw: RawPackage): PackageRow => ({ ...raw, held: fromFlag(raw.held), damaged: fromFlag(raw.damaged) });

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
  readonly damaged: boolean;
  readonly damageNote: string | null;
  readonly carrierRead: string | null;
  readonly carrierNote: string | null;
}

export function createPackagesRepository(db: Database) {
  const byRowId = db.prepare(`SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.id = ?`);
  const byTracking = db.prepare(
    `SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.tracking_number = ?`,
  );
  const forJob = db.prepare(
    `SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.job_id = ? ORDER BY p.id`,
  );
  // A held package stays held, open or closed, until it is released, returned or destroyed.
  const heldUnresolved = db.prepare(
    `SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.held = 1 AND p.outcome IS NULL ORDER BY p.id`,
  );
  const open = db.prepare(`SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.status = 'open' ORDER BY p.id`);
  const checkedInBetween = db.prepare(
    `SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.checked_in_at >= ? AND p.checked_in_at < ? ORDER BY p.id`,
  );
  const damagedBetween = db.prepare(
    `SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id
      WHERE p.damaged = 1 AND EXISTS (SELECT 1 FROM package_events e WHERE e.package_id = p.id AND e.kind = 'damage' AND e.at >= ? AND e.at < ?)
      ORDER BY p.id`,
  );
  // The open and held packages board: every package not closed, and every held package.
  const board = db.prepare(
    `SELECT ${PACKAGE_COLUMNS} FROM packages p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.status = 'open' OR p.held = 1 ORDER BY p.id`,
  );
  const insert = db.prepare(`INSERT INTO packages (tracking_number, carrier_name, job_id, verdict, held, status,
      declared_drive_count, checked_in_at, checked_in_by, desk_id, damaged, damage_note, carrier_read, carrier_note)
    VALUES (@trackingNumber, @carrierName, @jobRowId, @verdict, @held, 'open', @declaredDriveCount, @at, @operator, @deskId,
      @damaged, @damageNote, @carrierRead, @carrierNote)`);
  const setOutcome = db.prepare('UPDATE packages SET outcome = @outcome, outcome_at = @at WHERE id = @rowId AND outcome IS NULL');
  const setReturn = db.prepare('UPDATE packages SET return_carrier = @carrier, return_tracking_number = @trackingNumber WHERE id = @rowId');
  const markDamaged = db.prepare('UPDATE packages SET damaged = 1, damage_note = @note WHERE id = @rowId');
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
    listBoard: () => (board.all() as RawPackage[]).map(toPackageRow),
    listHeldUnresolved: () => (heldUnresolved.all() as RawPackage[]).map(toPackageRow),
    listOpen: () => (open.all() as RawPackage[]).map(toPackageRow),
    listCheckedInBetween: (from: string, to: string) => (checkedInBetween.all(from, to) as RawPackage[]).map(toPackageRow),
    listDamagedBetween: (from: string, to: string) => (damagedBetween.all(from, to) as RawPackage[]).map(toPackageRow),
    /** Records how a held package ended; false when it had already ended. */
    setOutcome: (packageId: number, outcome: PackageOutcome, at: string) => setOutcome.run({ rowId: packageId, outcome, at }).changes === 1,
    setReturn: (packageId: number, carrier: string, trackingNumber: string) => void setReturn.run({ rowId: packageId, carrier, trackingNumber }),
    markDamaged: (packageId: number, note: string | null) => void markDamaged.run({ rowId: packageId, note }),
    listForJob: (jobRowId: number) => (forJob.all(jobRowId) as RawPackage[]).map(toPackageRow),
    insert: (pkg: PackageInsert) => Number(insert.run({ ...pkg, held: toFlag(pkg.held), damaged: toFlag(pkg.damaged) }).lastInsertRowid),
    close: (packageId: number, at: string, operator: string) => void close.run({ rowId: packageId, at, operator }),
    reopen: (packageId: number) => void reopen.run(packageId),
    release: (packageId: number, jobRowId: number, declared: number | null) => void release.run({ rowId: packageId, jobRowId, declared }),
  };
}
export type PackagesRepository = ReturnType<typeof createPackagesRepository>;
