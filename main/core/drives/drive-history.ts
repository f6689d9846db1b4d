import { normalizeCode } from '../../../shared/domain/serial';
import { REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import type { CoreText } from '../../../shared/rpc/envelope';
import type { DriveCard, DriveHistory, PackageInfo } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { DriveRow, JobRow, PackageRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { toDriveInfo, toJobSummary, toPackageInfo, toTransitionInfo } from '../to-results';
import { toPhotoInfo } from '../packages/held';

/** Where a drive is now, in words: what an operator looking for it needs. */
function whereabouts(drive: DriveRow, job: JobRow, pkg: PackageRow | undefined): CoreText {
  const tracking = pkg?.trackingNumber ?? '';
  switch (drive.state) {
    case 'Specified':
      return { key: 'whereExpected', params: { job: job.name } };
    case 'NeverReceived':
      return { key: 'whereNeverReceived', params: { job: job.name } };
    case 'ShippedBack':
      return { key: 'whereShippedBack', params: { carrier: job.returnCarrier ?? '', tracking: job.returnTrackingNumber ?? '' } };
    case 'Faulted':
      return { key: 'whereFaulted', params: { job: job.name } };
    case REMOVED_DRIVE_STATE:
      return { key: 'whereRemoved', params: { job: job.name } };
    default:
      if (drive.isExtra) return { key: 'whereExtra', params: { job: job.name, tracking } };
      return pkg === undefined ? { key: 'whereAtSite', params: { job: job.name } } : { key: 'whereAtSiteFromPackage', params: { job: job.name, tracking } };
  }
}

/**
 * `drives.history`: the chain of custody of one serial, across every job and package, and its card:
 * job, state, package and where it is now. A drive's imported state is its first entry, so the
 * history starts where the document did.
 */
export function driveHistory(context: CoreContext, params: MethodParams<'drives.history'>): DriveHistory {
  const { store } = context;
  const serial = normalizeCode(params.driveId);
  const drives = store.drives.findBySerial(serial);
  const transitions = store.transitions.listForSerial(serial);
  const held = store.scans.listHeldForSerial(serial);
  const packages = new Map<number, PackageInfo>();
  const packageRow = (id: number | null): PackageRow | undefined => {
    if (id === null) return undefined;
    const row = store.packages.findById(id);
    if (row !== undefined) packages.set(row.rowId, toPackageInfo(row));
    return row;
  };
  const cards: DriveCard[] = drives.flatMap((drive) => {
    const job = store.jobs.findByRowId(drive.jobRowId);
    if (job === undefined) return [];
    const pkg = packageRow(drive.packageId);
    return [{ drive: toDriveInfo(drive), job: toJobSummary(store, job), package: pkg === undefined ? null : toPackageInfo(pkg), whereabouts: whereabouts(drive, job, pkg) }];
  });
  for (const transition of transitions) packageRow(transition.packageId);
  for (const scan of held) packageRow(scan.packageId);
  return {
    serial,
    drives: drives.map(toDriveInfo),
    transitions: transitions.map(toTransitionInfo),
    cards,
    held: held.map((scan) => ({ scanId: scan.scanId, packageId: scan.packageId, trackingNumber: scan.trackingNumber, jobId: scan.jobName, scannedAt: scan.scannedAt, operator: scan.operator })),
    packages: [...packages.values()],
    // A box damaged at the dock: its photos travel with the drive card.
    photos: [...packages.keys()].flatMap((packageId) => store.photos.listForPackage(packageId).map(toPhotoInfo)),
  };
}
