import type { Database } from 'better-sqlite3';

/** A drive transition recorded in a period, with what a day's report shows beside it. */
export interface ReportTransitionRow {
  readonly rowId: number;
  readonly driveRowId: number;
  readonly jobName: string;
  readonly serial: string;
  readonly serialAsWritten: string;
  readonly isExtra: number;
  readonly stateNow: string;
  readonly fromState: string | null;
  readonly toState: string;
  readonly reason: string | null;
  readonly operator: string;
  readonly at: string;
  readonly trackingNumber: string | null;
  /** The job of the package the move was made in: another job's when the drive came in its box. */
  readonly packageJobName: string | null;
  /** Set when a later undo reversed this move, or when this move is itself an undo. */
  readonly undone: number;
}

export interface HeldScanRow {
  readonly serial: string;
  readonly jobName: string | null;
  readonly trackingNumber: string;
  readonly operator: string;
  readonly at: string;
}

/** What a day's receipts and discrepancies report reads: by time, using the time indexes. */
export function createReportsRepository(db: Database) {
  const transitions = db.prepare(`
    SELECT t.id AS rowId, t.drive_id AS driveRowId, t.job_name AS jobName, d.serial, d.drive_id_raw AS serialAsWritten, d.is_extra AS isExtra,
           d.state AS stateNow, t.from_state AS fromState, t.to_state AS toState, t.reason, t.operator, t.at,
           p.tracking_number AS trackingNumber, pj.name AS packageJobName,
           (t.compensates_id IS NOT NULL OR EXISTS (SELECT 1 FROM transitions u WHERE u.compensates_id = t.id)) AS undone
      FROM transitions t
      JOIN drives d ON d.id = t.drive_id
      LEFT JOIN packages p ON p.id = t.package_id
      LEFT JOIN jobs pj ON pj.id = p.job_id
     WHERE t.entity = 'drive' AND t.at >= ? AND t.at < ?
     ORDER BY t.id`);
  // A held drive is listed under the job whose list it is on, when one is; else under the package's job.
  const held = db.prepare(`
    SELECT s.serial,
           coalesce((SELECT lj.name FROM drives ld JOIN jobs lj ON lj.id = ld.job_id
                      WHERE ld.serial = s.serial AND ld.is_extra = 0 ORDER BY ld.id LIMIT 1), j.name) AS jobName,
           p.tracking_number AS trackingNumber, s.operator, s.scanned_at AS at
      FROM scans s
      JOIN packages p ON p.id = s.package_id
      LEFT JOIN jobs j ON j.id = p.job_id
     WHERE s.verdict = 'held' AND s.undone_at IS NULL AND s.scanned_at >= ? AND s.scanned_at < ?
     ORDER BY s.id`);
  return {
    driveTransitionsBetween: (from: string, to: string) => transitions.all(from, to) as ReportTransitionRow[],
    heldScansBetween: (from: string, to: string) => held.all(from, to) as HeldScanRow[],
  };
}
