import type { DriveStateCount } from '../db/jobs-repository';
import type { DriveRow, JobRow, PackageRow, TransitionRow } from '../db/rows';
import type { DriveCounts, DriveInfo, JobSummary, PackageTally, PackageInfo, ScanInfo, ScanVerdict, TransitionInfo } from '../../shared/rpc/results';
import type { ScanRow } from '../db/scans-repository';
import { SCAN_VERDICTS } from '../../shared/rpc/results';
import type { DeskStore } from '../db/desk-store';
import { opsFlagText } from './jobs/job-header';

export function toDriveInfo(row: DriveRow): DriveInfo {
  return {
    jobId: row.jobName,
    serial: row.serial,
    driveId: row.serialAsWritten,
    state: row.state,
    faultedFrom: row.faultedFrom,
    isExtra: row.isExtra,
    packageId: row.packageId,
  };
}

export function toScanInfo(scan: ScanRow): ScanInfo {
  return {
    id: scan.rowId,
    serial: scan.serial,
    verdict: isScanVerdict(scan.verdict) ? scan.verdict : 'invalid',
    keyed: scan.keyed,
    scannedAt: scan.scannedAt,
    operator: scan.operator,
    undone: scan.undoneAt !== null,
  };
}

const isScanVerdict = (value: string): value is ScanVerdict => (SCAN_VERDICTS as readonly string[]).includes(value);

export function toPackageInfo(row: PackageRow): PackageInfo {
  return {
    id: row.rowId,
    trackingNumber: row.trackingNumber,
    carrierName: row.carrierName,
    jobId: row.jobName,
    verdict: row.verdict,
    held: row.held,
    status: row.status,
    declaredDriveCount: row.declaredDriveCount,
    checkedInAt: row.checkedInAt,
    closedAt: row.closedAt,
    outcome: row.outcome,
    outcomeAt: row.outcomeAt,
    damaged: row.damaged,
    damageNote: row.damageNote,
    carrierRead: row.carrierRead,
    carrierNote: row.carrierNote,
  };
}

export function toTransitionInfo(row: TransitionRow): TransitionInfo {
  return {
    id: row.rowId,
    entity: row.entity,
    jobId: row.jobName,
    serial: row.serial,
    from: row.fromState,
    to: row.toState,
    reason: row.reason,
    note: row.note,
    operator: row.operator,
    deskId: row.deskId,
    at: row.at,
    packageId: row.packageId,
  };
}

function countsFor(jobRowId: number, counts: readonly DriveStateCount[]): DriveCounts {
  const byState: Record<string, number> = {};
  let listed = 0;
  let extra = 0;
  for (const count of counts) {
    if (count.jobRowId !== jobRowId) continue;
    if (count.isExtra) {
      extra += count.count;
      continue;
    }
    listed += count.count;
    byState[count.state] = (byState[count.state] ?? 0) + count.count;
  }
  return { listed, extra, byState };
}

export function toJobSummaries(store: DeskStore, rows: readonly JobRow[]): JobSummary[] {
  const counts = store.jobs.driveStateCounts(rows.map((row) => row.rowId));
  return rows.map((row) => ({
    id: row.name,
    type: row.jobType,
    state: row.state,
    cancelRequested: row.cancelRequested,
    trackingNumber: row.trackingNumber,
    carrierName: row.carrierName,
    declaredDriveCount: row.declaredDriveCount,
    isDemo: row.isDemo,
    updatedAt: row.updatedAt,
    opsFlag: row.opsFlag,
    opsFlagText: row.opsFlag === null ? null : opsFlagText(row.opsFlag),
    returnCarrier: row.returnCarrier,
    returnTrackingNumber: row.returnTrackingNumber,
    driveCounts: countsFor(row.rowId, counts),
  }));
}

export function toJobSummary(store: DeskStore, row: JobRow): JobSummary {
  return toJobSummaries(store, [row])[0] as JobSummary;
}

export function packageTally(store: DeskStore, packageId: number): PackageTally {
  const tally = Object.fromEntries(SCAN_VERDICTS.map((verdict) => [verdict, 0])) as Record<ScanVerdict, number>;
  for (const { verdict, n } of store.scans.tallyForPackage(packageId)) {
    if ((SCAN_VERDICTS as readonly string[]).includes(verdict)) tally[verdict as ScanVerdict] = n;
  }
  return tally;
}

/** The job's own listed drives: what the operator expects to find in the box. */
export function expectedDrives(store: DeskStore, jobRowId: number | null): DriveInfo[] {
  if (jobRowId === null) return [];
  return store.drives.listForJob(jobRowId).map(toDriveInfo);
}
