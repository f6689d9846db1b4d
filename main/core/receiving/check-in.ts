import { DeskError } from '../../../shared/rpc/envelope';
import { normalizeCode, checkScanCode, echoCode } from '../../../shared/domain/serial';
import { NOT_YET_SHIPPING_JOB_STATES } from '../../../shared/domain/job-states';
import type { CheckInResult, CheckInVerdict } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { JobRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { expectedDrives, packageTally, toJobSummary, toPackageInfo } from '../to-results';


function verdictFor(job: JobRow | undefined): CheckInVerdict {
  if (job === undefined) return 'unknown';
  return NOT_YET_SHIPPING_JOB_STATES.includes(job.state) ? 'notShipping' : 'matched';
}

const MESSAGES: Readonly<Record<CheckInVerdict, (tracking: string, job: string | null) => string>> = {
  matched: (tracking, job) => `Package ${tracking} belongs to job ${job ?? ''}: scan its drives.`,
  notShipping: (tracking, job) =>
    `Package ${tracking} belongs to job ${job ?? ''}, which is not Shipping yet: hold the package and its drives; the customer is contacted.`,
  unknown: (tracking) => `No job has tracking number ${tracking}: hold the package as Undefined; the customer is contacted.`,
  reopened: (tracking, job) => `Package ${tracking}${job === null ? '' : ` (job ${job})`} was checked in before: reopened.`,
};

/** `packages.checkIn`: records the package's arrival and says what to do with it. */
export function checkInPackage(context: CoreContext, params: MethodParams<'packages.checkIn'>): CheckInResult {
  const { store } = context;
  const trackingNumber = normalizeCode(params.trackingNumber);
  if (!checkScanCode(trackingNumber).ok) {
    throw new DeskError('invalid_params', `trackingNumber: ${echoCode(params.trackingNumber)} is not a tracking number`, undefined, {
      key: 'notATrackingNumber',
      params: { code: echoCode(params.trackingNumber) },
    });
  }
  const { packageId, verdict } = store.transaction(() => {
    const existing = store.packages.findByTrackingNumber(trackingNumber);
    if (existing !== undefined) {
      if (existing.status === 'closed') store.packages.reopen(existing.rowId);
      const nowKnown = existing.held ? store.jobs.findByTrackingNumber(trackingNumber) : undefined;
      if (nowKnown !== undefined && verdictFor(nowKnown) === 'matched') {
        // The job was created or moved to Shipping since: the held package can be processed now.
        store.packages.release(existing.rowId, nowKnown.rowId, nowKnown.declaredDriveCount);
        return { packageId: existing.rowId, verdict: 'matched' as const };
      }
      return { packageId: existing.rowId, verdict: 'reopened' as const };
    }
    const job = store.jobs.findByTrackingNumber(trackingNumber);
    const checkInVerdict = verdictFor(job);
    const actor = context.actor();
    const packageId = store.packages.insert({
      trackingNumber,
      carrierName: params.carrierName ?? job?.carrierName ?? null,
      jobRowId: job?.rowId ?? null,
      verdict: checkInVerdict,
      held: checkInVerdict !== 'matched',
      declaredDriveCount: job?.declaredDriveCount ?? null,
      at: actor.at,
      operator: actor.operator,
      deskId: actor.deskId,
    });
    return { packageId, verdict: checkInVerdict };
  });
  const pkg = store.packages.findById(packageId);
  if (pkg === undefined) throw new DeskError('internal', `package ${packageId} vanished after check-in`, undefined, { key: 'unexpectedFailure', params: { method: 'packages.checkIn' } });
  const job = pkg.jobRowId === null ? undefined : store.jobs.findByRowId(pkg.jobRowId);
  return {
    packageId,
    verdict,
    package: toPackageInfo(pkg),
    job: job === undefined ? null : toJobSummary(store, job),
    expected: expectedDrives(store, pkg.jobRowId),
    tally: packageTally(store, packageId),
    message: MESSAGES[verdict](trackingNumber, pkg.jobName),
  };
}
