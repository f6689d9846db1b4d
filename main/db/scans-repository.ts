import type { Database } from 'better-sqlite3';
import type { Actor } from './rows';
import { toFlag } from './sql-values';

export interface ScanInsert {
  readonly packageId: number;
  readonly serial: string;
  readonly verdict: string;
  readonly driveId: number | null;
  readonly keyed: boolean;
}

export function createScansRepository(db: Database) {
  const insert = db.prepare(`INSERT INTO scans (package_id, serial, verdict, drive_id, keyed, scanned_at, operator, desk_id)
    VALUES (@packageId, @serial, @verdict, @driveId, @keyed, @at, @operator, @deskId)`);
  const setDrive = db.prepare('UPDATE scans SET drive_id = ? WHERE id = ?');
  const tally = db.prepare('SELECT verdict, count(*) AS n FROM scans WHERE package_id = ? GROUP BY verdict');
  return {
    insert: (scan: ScanInsert, actor: Actor) =>
      Number(insert.run({ ...scan, keyed: toFlag(scan.keyed), ...actor }).lastInsertRowid),
    setDrive: (scanId: number, driveId: number) => void setDrive.run(driveId, scanId),
    tallyForPackage: (packageId: number) => tally.all(packageId) as { verdict: string; n: number }[],
  };
}
export type ScansRepository = ReturnType<typeof createScansRepository>;
