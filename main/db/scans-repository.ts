import type { Database } from 'better-sqlite3';
import type { Actor } from './rows';
import type { ScanVerdict } from '../../shared/rpc/results';
import { fromFlag, toFlag } from './sql-values';

export interface ScanInsert {
  readonly packageId: number;
  readonly serial: string;
  readonly verdict: ScanVerdict;
  readonly driveRowId: number | null;
  readonly keyed: boolean;
}

const SCAN_COLUMNS = `id AS rowId, package_id AS packageId, serial, verdict, drive_id AS driveRowId, keyed, scanned_at AS scannedAt,
  operator, undone_at AS undoneAt`;

export interface HeldScanOfSerialRow {
  readonly scanId: number;
  readonly packageId: number;
  readonly trackingNumber: string;
  readonly jobName: string | null;
  readonly scannedAt: string;
  readonly operator: string;
}

export interface ScanRow {
  readonly rowId: number;
  readonly packageId: number;
  readonly serial: string;
  readonly verdict: ScanVerdict;
  readonly driveRowId: number | null;
  readonly keyed: boolean;
  readonly scannedAt: string;
  readonly operator: string;
  readonly undoneAt: string | null;
}

type RawScan = Omit<ScanRow, 'keyed'> & { keyed: number };
const toScanRow = (raw: RawScan): ScanRow => ({ ...raw, keyed: fromFlag(raw.keyed) });

export function createScansRepository(db: Database) {
  const insert = db.prepare(`INSERT INTO scans (package_id, serial, verdict, drive_id, keyed, scanned_at, operator, desk_id)
    VALUES (@packageId, @serial, @verdict, @driveRowId, @keyed, @at, @operator, @deskId)`);
  const setDrive = db.prepare('UPDATE scans SET drive_id = ? WHERE id = ?');
  const tally = db.prepare(
    'SELECT verdict, count(*) AS n FROM scans WHERE package_id = ? AND undone_at IS NULL GROUP BY verdict',
  );
  const byId = db.prepare(`SELECT ${SCAN_COLUMNS} FROM scans WHERE id = ?`);
  const forPackage = db.prepare(`SELECT ${SCAN_COLUMNS} FROM scans WHERE package_id = ? ORDER BY id`);
  // Scans of a serial into held packages that are still held: a drive may sit there with no job row.
  const heldForSerial = db.prepare(`SELECT s.id AS scanId, s.package_id AS packageId, p.tracking_number AS trackingNumber, j.name AS jobName,
      s.scanned_at AS scannedAt, s.operator
    FROM scans s JOIN packages p ON p.id = s.package_id LEFT JOIN jobs j ON j.id = p.job_id
    WHERE s.serial = ? AND s.verdict = 'held' AND s.undone_at IS NULL AND p.held = 1 ORDER BY s.id`);
  const markUndone = db.prepare('UPDATE scans SET undone_at = @at, undone_by = @operator WHERE id = @scanId AND undone_at IS NULL');
  return {
    insert: (scan: ScanInsert, actor: Actor) =>
      Number(insert.run({ ...scan, keyed: toFlag(scan.keyed), ...actor }).lastInsertRowid),
    setDrive: (scanId: number, driveRowId: number) => void setDrive.run(driveRowId, scanId),
    findById(scanId: number): ScanRow | undefined {
      const raw = byId.get(scanId) as RawScan | undefined;
      return raw === undefined ? undefined : toScanRow(raw);
    },
    listForPackage: (packageId: number) => (forPackage.all(packageId) as RawScan[]).map(toScanRow),
    markUndone: (scanId: number, at: string, operator: string) => markUndone.run({ scanId, at, operator }).changes === 1,
    listHeldForSerial: (serial: string) => heldForSerial.all(serial) as HeldScanOfSerialRow[],
    tallyForPackage: (packageId: number) => tally.all(packageId) as { verdict: string; n: number }[],
  };
}
export type ScansRepository = ReturnType<typeof createScansRepository>;
