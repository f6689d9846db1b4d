/**
 * Releasing a held package: its job is Shipping now, so the drives held in it are received for the
 * job by the normal rules (received, recovered, another job's, extra, registered), each with its
 * transition, linked to the scan that held it.
 */
import { DeskError, type CoreText } from '../../../shared/rpc/envelope';
import { NOT_YET_SHIPPING_JOB_STATES } from '../../../shared/domain/job-states';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { ReleaseResult, ScanVerdict, DriveInfo } from '../../../shared/rpc/results';
import type { JobRow, PackageRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { decideForJob } from '../receiving/record-scan';
import { toDriveInfo, toJobSummary } from '../to-results';
import { heldScans, loadHeldPackage, packageHistory } from './held';

export interface ReleasedDrive {
  readonly serial: string;
  readonly verdict: ScanVerdict;
  readonly drive: DriveInfo | null;
  readonly message: string;
  readonly text: CoreText;
}

/** Runs inside the caller's transaction. */
export function releaseHeldPackage(context: CoreContext, pkg: PackageRow, job: JobRow): ReleasedDrive[] {
  const { store } = context;
  store.packages.release(pkg.rowId, job.rowId, job.declaredDriveCount);
  store.packages.setOutcome(pkg.rowId, 'released', context.clock.now().toISOString());
  store.events.appendPackageEvent({ packageId: pkg.rowId, kind: 'release', note: `job ${job.name} is ${job.state}` }, context.actor());
  const released = store.packages.findById(pkg.rowId) as PackageRow;
  return heldScans(store, pkg.rowId).map((scan) => {
    const decision = decideForJob(context, released, job, scan.serial, scan.serial);
    const drive = decision.verdict === 'invalid' ? undefined : decision.apply?.(scan.rowId);
    if (drive !== undefined) store.scans.setDrive(scan.rowId, drive.rowId);
    return { serial: scan.serial, verdict: decision.verdict, drive: drive === undefined ? null : toDriveInfo(drive), message: decision.said.message, text: decision.said.text };
  });
}

/** The job a held package is for now: the one it was held for, or one imported since with its tracking number. */
function jobFor(context: CoreContext, pkg: PackageRow): JobRow | undefined {
  if (pkg.jobRowId !== null) return context.store.jobs.findByRowId(pkg.jobRowId);
  return context.store.jobs.findByTrackingNumber(pkg.trackingNumber);
}

/** `packages.release`: refused while the job is not Shipping (or still unknown). */
export function releasePackage(context: CoreContext, params: MethodParams<'packages.release'>): ReleaseResult {
  const { store } = context;
  const { received, job } = store.transaction(() => {
    const pkg = loadHeldPackage(context, params.packageId);
    const found = jobFor(context, pkg);
    if (found === undefined || NOT_YET_SHIPPING_JOB_STATES.includes(found.state)) {
      throw new DeskError(
        'conflict',
        found === undefined
          ? `Package ${pkg.trackingNumber}: no job has this tracking number yet. Release it once the customer's job is imported and Shipping.`
          : `Package ${pkg.trackingNumber}: job ${found.name} is ${found.state}, not Shipping yet. Release it once the job is Shipping.`,
        { jobState: found?.state ?? null },
        found === undefined
          ? { key: 'releaseNoJob', params: { trackingNumber: pkg.trackingNumber } }
          : { key: 'releaseNotShipping', params: { trackingNumber: pkg.trackingNumber, job: found.name, state: found.state } },
      );
    }
    return { received: releaseHeldPackage(context, pkg, found), job: found };
  });
  const history = packageHistory(context, params.packageId);
  const now = store.jobs.findByRowId(job.rowId) as JobRow;
  return { package: history.package, history, received, job: toJobSummary(store, now) };
}
