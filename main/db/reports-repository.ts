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

/** Rows examined per window of a report's read: a scan waits behind one window at most. */
export const REPORT_WINDOW_ROWS = 5_000;

/** What a day's receipts and discrepancies report reads: by time, in windows of row ids. */
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
     WHERE t.entity = 'drive' AND t.at >= @from AND t.at < @to AND t.id > @low AND t.id <= @high
     ORDER BY t.id`);
  const lastTransition = db.prepare('SELECT coalesce(max(id), 0) AS id FROM transitions');
  const lastScan = db.prepare('SELECT coalesce(max(id), 0) AS id FROM scans');
  const scanVerdicts = db.prepare(`
    SELECT operator, verdict, count(*) AS n FROM scans
     WHERE undone_at IS NULL AND scanned_at >= @from AND scanned_at < @to AND id > @low AND id <= @high
     GROUP BY operator, verdict`);
  const rejectedByOperator = db.prepare(`
    SELECT t.operator, count(*) AS n FROM outbox o JOIN transitions t ON t.id = o.seq WHERE o.status = 'rejected' GROUP BY t.operator`);
  const printedByOperator = db.prepare(`
    SELECT operator, count(*) AS n FROM print_log
     WHERE outcome IN ('printed', 'sentToDialog') AND at >= ? AND at < ? GROUP BY operator`);
  // A held drive is listed under the job whose list it is on, when one is; else under the package's job.
  const held = db.prepare(`
    SELECT s.serial,
           coalesce((SELECT lj.name FROM drives ld JOIN jobs lj ON lj.id = ld.job_id
                      WHERE ld.serial = s.serial AND ld.is_extra = 0 ORDER BY ld.id LIMIT 1), j.name) AS jobName,
           p.tracking_number AS trackingNumber, s.operator, s.scanned_at AS at
      FROM scans s
      JOIN packages p ON p.id = s.package_id
      LEFT JOIN jobs j ON j.id = p.job_id
     WHERE s.verdict = 'held' AND s.undone_at IS NULL AND s.scanned_at >= @from AND s.scanned_at < @to AND s.id > @low AND s.id <= @high
     ORDER BY s.id`);
  return {
    /**
     * Read in windows of row ids (REPORT_WINDOW_ROWS rows examined at most per call), so a report over
     * a large log is read a bounded piece at a time with scans in between.
     */
    driveTransitionsBetween: (from: string, to: string, low: number, high: number) => transitions.all({ from, to, low, high }) as ReportTransitionRow[],
    heldScansBetween: (from: string, to: string, low: number, high: number) => held.all({ from, to, low, high }) as HeldScanRow[],
    scanVerdictsBetween: (from: string, to: string, low: number, high: number) =>
      scanVerdicts.all({ from, to, low, high }) as { operator: string; verdict: string; n: number }[],
    lastTransitionId: () => Number((lastTransition.get() as { id: number }).id),
    lastScanId: () => Number((lastScan.get() as { id: number }).id),
    rejectedByOperator: () => rejectedByOperator.all() as { operator: string; n: number }[],
    printedByOperator: (from: string, to: string) => printedByOperator.all(from, to) as { operator: string; n: number }[],
  };
}
