/**
 * The board's picture of the site (docs/site-board.md), read from PostgreSQL: the desks
 * and their last status reports, and the hub's own jobs for the overdue list. Nothing is kept in a
 * process between requests, so every hub process shows the same board.
 */
import {
  addDays,
  heldStage,
  type HeldStage,
  parseShipDate,
  SHIPPING_CLOSE_AFTER_DAYS,
  SHIPPING_OVERDUE_AFTER_DAYS,
  shippingStage,
} from '../../../shared/domain/deadlines';
import type { BoardAttention, BoardDesk, BoardOverdueJob, BoardPackage, BoardReceipts, BoardUnreadable, DeskHealth, SiteView } from '../../../shared/board/site-view';
import type { DeskStatusReport } from '../../../shared/sync/status-report';
import type { SqlPool } from '../storage/sql';

/** A desk syncs at least once a minute while it runs; not heard from for this long, it is flagged. */
export const DESK_SILENT_AFTER_MS = 5 * 60_000;
/** Rows of each list the board shows; the counts cover the rest. */
export const MAX_BOARD_ROWS = 2_000;

interface DeskRecord {
  desk_id: string;
  name: string;
  enrolled_at: Date | string | null;
  last_seen_at: Date | string | null;
  client_version: string | null;
  report: DeskStatusReport | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

function healthOf(desk: DeskRecord, report: DeskStatusReport | null, now: Date): DeskHealth {
  if (desk.enrolled_at === null) return 'notEnrolled';
  const seen = desk.last_seen_at === null ? null : new Date(desk.last_seen_at).getTime();
  if (seen === null || now.getTime() - seen > DESK_SILENT_AFTER_MS) return 'silent';
  if (report === null) return 'ok';
  if (report.sync.pausedReason !== null || report.sync.failures > 0) return 'failing';
  if (report.attentionTotal > 0) return 'attention';
  return 'ok';
}

/** The desk's own deadlines when it sent them (its rules may have moved them), else the standard ones. */
function stageOf(returnBy: string | null, destroyBy: string | null, checkedInAt: string, asOf: string): HeldStage {
  if (returnBy === null || destroyBy === null) return heldStage(checkedInAt, asOf);
  return asOf >= destroyBy ? 'destroy' : asOf >= returnBy ? 'return' : 'contact';
}

/** Today's receipts count only while the desk's day is still today. */
function isToday(report: DeskStatusReport, now: Date): boolean {
  const at = now.getTime();
  return Date.parse(report.today.from) <= at && at < Date.parse(report.today.to);
}

function deskOf(desk: DeskRecord, now: Date): BoardDesk {
  const report = desk.report;
  const receipts = report !== null && isToday(report, now) ? report.today.receipts : [];
  return {
    deskId: desk.desk_id,
    name: desk.name,
    health: healthOf(desk, report, now),
    version: desk.client_version,
    lastSeenAt: iso(desk.last_seen_at),
    reportedAt: report?.generatedAt ?? null,
    pending: report?.sync.pending ?? null,
    rejected: report?.sync.rejected ?? null,
    failures: report?.sync.failures ?? null,
    lastError: report?.sync.lastError ?? null,
    pausedReason: report?.sync.pausedReason ?? null,
    lastSuccessAt: report?.sync.lastSuccessAt ?? null,
    openPackages: report === null ? null : report.packages.filter((pkg) => !pkg.held).length,
    heldPackages: report === null ? null : report.packages.filter((pkg) => pkg.held).length,
    attention: report?.attentionTotal ?? null,
    receivedToday: report === null ? null : receipts.reduce((sum, row) => sum + row.received + row.recovered + row.registered, 0),
  };
}

async function overdueJobs(pool: SqlPool, openJobs: ReadonlySet<string>, asOf: string): Promise<BoardOverdueJob[]> {
  const { rows } = await pool.query<{ name: string; ship_date: string | null; tracking: string | null; updated_at: Date | string }>(
    `SELECT name, document->'properties'->'deliveryPackage'->>'shipDate' AS ship_date,
            document->'properties'->'deliveryPackage'->>'trackingNumber' AS tracking, updated_at
       FROM jobs WHERE state = 'Shipping' ORDER BY name`,
  );
  const jobs: BoardOverdueJob[] = [];
  for (const row of rows) {
    // A package checked in at some desk and not yet closed: the job is being received, not overdue.
    if (openJobs.has(row.name)) continue;
    const shippingSince = parseShipDate(row.ship_date) ?? new Date(row.updated_at).toISOString();
    const stage = shippingStage(shippingSince, asOf);
    if (stage === 'onTime') continue;
    jobs.push({
      jobName: row.name,
      trackingNumber: row.tracking,
      shippingSince,
      overdueAt: addDays(shippingSince, SHIPPING_OVERDUE_AFTER_DAYS),
      closeAt: addDays(shippingSince, SHIPPING_CLOSE_AFTER_DAYS),
      stage,
    });
  }
  return jobs.sort((a, b) => (a.shippingSince < b.shippingSince ? -1 : a.shippingSince > b.shippingSince ? 1 : 0)).slice(0, MAX_BOARD_ROWS);
}

export async function readSiteView(pool: SqlPool, now: Date): Promise<SiteView> {
  const asOf = now.toISOString();
  const { rows } = await pool.query<DeskRecord>(
    `SELECT d.desk_id, d.name, d.enrolled_at, d.last_seen_at, d.client_version, r.report
       FROM desks d LEFT JOIN desk_reports r USING (desk_id)
      WHERE d.revoked_at IS NULL ORDER BY lower(d.name), d.desk_id`,
  );
  const desks = rows.map((row) => deskOf(row, now));
  const packages: BoardPackage[] = [];
  const attention: BoardAttention[] = [];
  const receipts: BoardReceipts[] = [];
  // The same document reaches every desk: one row per document and reason, naming the desks.
  const unreadable = new Map<string, { jobName: string | null; reason: string; deskNames: string[]; since: string }>();
  let attentionTotal = 0;
  let packagesTruncated = false;
  const openJobs = new Set<string>();
  for (const row of rows) {
    const report = row.report;
    if (report === null) continue;
    if (report.packagesTotal > report.packages.length) packagesTruncated = true;
    for (const pkg of report.packages) {
      if (!pkg.held && pkg.jobName !== null) openJobs.add(pkg.jobName);
      packages.push({
        deskId: row.desk_id,
        deskName: row.name,
        packageId: pkg.packageId,
        trackingNumber: pkg.trackingNumber,
        carrierName: pkg.carrierName,
        jobName: pkg.jobName,
        held: pkg.held,
        checkedInAt: pkg.checkedInAt,
        scanned: pkg.scanned,
        declaredDriveCount: pkg.declaredDriveCount,
        returnBy: pkg.returnBy,
        destroyBy: pkg.destroyBy,
        stage: pkg.held ? stageOf(pkg.returnBy, pkg.destroyBy, pkg.checkedInAt, asOf) : null,
        serials: pkg.serials,
      });
    }
    attentionTotal += report.attentionTotal;
    for (const item of report.attention) attention.push({ ...item, deskId: row.desk_id, deskName: row.name });
    for (const item of report.unreadable ?? []) {
      const key = JSON.stringify([item.jobName, item.reason]);
      const known = unreadable.get(key);
      if (known === undefined) unreadable.set(key, { jobName: item.jobName, reason: item.reason, deskNames: [row.name], since: item.at });
      else {
        known.deskNames.push(row.name);
        if (item.at < known.since) known.since = item.at;
      }
    }
    if (isToday(report, now)) {
      for (const item of report.today.receipts) receipts.push({ deskId: row.desk_id, deskName: row.name, day: report.today.day, ...item });
    }
  }
  // Held packages first (they have deadlines), each group oldest first.
  packages.sort((a, b) => (a.held !== b.held ? (a.held ? -1 : 1) : a.checkedInAt < b.checkedInAt ? -1 : a.checkedInAt > b.checkedInAt ? 1 : 0));
  attention.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    asOf,
    desks,
    packages: packages.slice(0, MAX_BOARD_ROWS),
    packagesTruncated: packagesTruncated || packages.length > MAX_BOARD_ROWS,
    overdueJobs: await overdueJobs(pool, openJobs, asOf),
    attention: attention.slice(0, MAX_BOARD_ROWS),
    attentionTotal,
    unreadable: [...unreadable.values()].sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0)).slice(0, MAX_BOARD_ROWS) satisfies BoardUnreadable[],
    receipts,
  };
}
