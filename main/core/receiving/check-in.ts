import { DeskError } from '../../../shared/rpc/envelope';
import { normalizeCode, checkScanCode, echoCode } from '../../../shared/domain/serial';
import { NOT_YET_SHIPPING_JOB_STATES } from '../../../shared/domain/job-states';
import type { CheckInResult, CheckInVerdict } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { JobRow, PackageRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { expectedDrives, packageTally, toJobSummary, toPackageInfo, toScanInfo } from '../to-results';
import { said } from '../i18n/core-texts';


function verdictFor(job: JobRow | undefined): CheckInVerdict {
  if (job === undefined) return 'unknown';
  return NOT_YET_SHIPPING_JOB_STATES.includes(job.state) ? 'notShipping' : 'matched';
}

/** What the check-in did, in the catalogue's words: each case its own text. */
function checkInSaid(verdict: CheckInVerdict, released: boolean, pkg: PackageRow, job: JobRow | undefined): ReturnType<typeof said> {
  const tracking = pkg.trackingNumber;
  switch (verdict) {
    case 'matched':
      return said(released ? 'checkInReleased' : 'checkInMatched', { tracking, job: job?.name ?? '' });
    case 'notShipping':
      return said('checkInNotShipping', { tracking, job: job?.name ?? '', jobState: job?.state ?? '' });
    case 'unknown':
      return said('checkInUnknown', { tracking });
    case 'reopened':
      if (pkg.held) return said('checkInReopenedHeld', { tracking });
      return job === undefined ? said('checkInReopened', { tracking }) : said('checkInReopenedForJob', { tracking, job: job.name });
  }
}

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
  const { packageId, verdict, released } = store.transaction(() => {
    const existing = store.packages.findByTrackingNumber(trackingNumber);
    if (existing !== undefined) {
      if (existing.status === 'closed') store.packages.reopen(existing.rowId);
      const nowKnown = existing.held ? store.jobs.findByTrackingNumber(trackingNumber) : undefined;
      if (nowKnown !== undefined && verdictFor(nowKnown) === 'matched') {
        // The job was created or moved to Shipping since: the held package can be processed now.
        store.packages.release(existing.rowId, nowKnown.rowId, nowKnown.declaredDriveCount);
        return { packageId: existing.rowId, verdict: 'matched' as const, released: true };
      }
      return { packageId: existing.rowId, verdict: 'reopened' as const, released: false };
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
    return { packageId, verdict: checkInVerdict, released: false };
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
    scans: store.scans.listForPackage(pkg.rowId).map(toScanInfo),
    ...checkInSaid(verdict, released, pkg, job),
  };
}
