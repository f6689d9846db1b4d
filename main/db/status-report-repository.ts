import type { Database } from 'better-sqlite3';

/** An open package as the desk's status report lists it (docs/sync-protocol.md, "Status report"). */
export interface OpenPackageRow {
  readonly packageId: number;
  readonly trackingNumber: string;
  readonly carrierName: string | null;
  readonly jobName: string | null;
  readonly held: number;
  readonly checkedInAt: string;
  readonly declaredDriveCount: number | null;
  readonly scanned: number;
}

export interface OperatorReceiptsRow {
  readonly operator: string;
  readonly received: number;
  readonly recovered: number;
  readonly registered: number;
  readonly extra: number;
}

/** Scans that took a drive in (undone ones not counted): what the site board calls a receipt. */
const COUNTED_VERDICTS = "('received', 'recovered', 'registered', 'extra', 'otherJob', 'held')";

/**
 * What the desk's status report reads: the open packages and a day's receipts per operator, by
 * the indexes a scan already maintains (packages by held and status, scans by package and time),
 * so a report costs milliseconds at any desk size.
 */
export function createStatusReportRepository(db: Database) {
  const openCount = db.prepare("SELECT count(*) AS n FROM packages WHERE held IN (0, 1) AND status = 'open'");
  const open = db.prepare(`
    SELECT p.id AS packageId, p.tracking_number AS trackingNumber, p.carrier_name AS carrierName, j.name AS jobName, p.held,
           p.checked_in_at AS checkedInAt, p.declared_drive_count AS declaredDriveCount,
           (SELECT count(*) FROM scans s WHERE s.package_id = p.id AND s.undone_at IS NULL AND s.verdict IN ${COUNTED_VERDICTS}) AS scanned
      FROM packages p LEFT JOIN jobs j ON j.id = p.job_id
     WHERE p.held IN (0, 1) AND p.status = 'open'
     ORDER BY p.held DESC, p.checked_in_at, p.id
     LIMIT ?`);
  const serials = db.prepare(`
    SELECT DISTINCT serial FROM scans WHERE package_id = ? AND undone_at IS NULL AND verdict IN ${COUNTED_VERDICTS} ORDER BY serial LIMIT ?`);
  // otherJob: a drive listed in another job is received for its own job; held: kept with its package.
  const receipts = db.prepare(`
    SELECT operator,
           sum(verdict IN ('received', 'otherJob')) AS received,
           sum(verdict = 'recovered') AS recovered,
           sum(verdict = 'registered') AS registered,
           sum(verdict = 'extra') AS extra
      FROM scans
     WHERE scanned_at >= ? AND scanned_at < ? AND undone_at IS NULL AND verdict IN ('received', 'otherJob', 'recovered', 'registered', 'extra')
     GROUP BY operator ORDER BY operator LIMIT ?`);
  return {
    openPackageCount: () => Number((openCount.get() as { n: number }).n),
    /** Open packages, held ones first, each group oldest first. */
    openPackages: (limit: number) => open.all(limit) as OpenPackageRow[],
    serialsOf: (packageId: number, limit: number) => (serials.all(packageId, limit) as { serial: string }[]).map((row) => row.serial),
    receiptsBetween: (from: string, to: string, limit: number) => receipts.all(from, to, limit) as OperatorReceiptsRow[],
  };
}
