import { DeskError } from '../../../shared/rpc/envelope';
import type { CloseResult, CountMismatch } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { followJobState } from '../follow-job-state';
import { recordDriveTransition, recordJobTransition } from '../record-transition';
import { expectedDrives, packageTally, toDriveInfo, toPackageInfo } from '../to-results';
import { loadOpenPackage } from './load-open-package';
import { said } from '../i18n/core-texts';

/** Scan verdicts that put a physical drive in the box, for the declared-count check. */
const DRIVE_IN_BOX_VERDICTS = ['received', 'recovered', 'otherJob', 'registered', 'extra', 'held'] as const;

/**
 * `packages.close`: every listed drive still Specified becomes NeverReceived, a drive count other than
 * the declared one is flagged, and a Shipping job becomes Received — all in one transaction.
 */
export function closePackage(context: CoreContext, params: MethodParams<'packages.close'>): CloseResult {
  const { store } = context;
  return store.transaction(() => {
    const pkg = loadOpenPackage(context, params.packageId);
    const job = pkg.jobRowId === null ? undefined : store.jobs.findByRowId(pkg.jobRowId);
    const neverReceived = [];
    let jobState = job?.state ?? null;

    if (!pkg.held && job !== undefined) {
      for (const drive of store.drives.listForJob(job.rowId)) {
        if (drive.isExtra || drive.state !== 'Specified') continue;
        recordDriveTransition(context, drive, 'NeverReceived', null, { reason: 'notInPackage', packageId: pkg.rowId });
        neverReceived.push(toDriveInfo(store.drives.findByRowId(drive.rowId)));
      }
      if (job.state === 'Shipping') {
        recordJobTransition(context, job, 'Received', null, { reason: 'packageProcessed', packageId: pkg.rowId });
      }
      jobState = followJobState(context, job.rowId);
    }

    const tally = packageTally(store, pkg.rowId);
    const counted = DRIVE_IN_BOX_VERDICTS.reduce((sum, verdict) => sum + tally[verdict], 0);
    const countMismatch: CountMismatch | null =
      pkg.declaredDriveCount !== null && pkg.declaredDriveCount !== counted
        ? { declared: pkg.declaredDriveCount, counted }
        : null;

    const actor = context.actor();
    store.packages.close(pkg.rowId, actor.at, actor.operator);
    const closed = store.packages.findById(pkg.rowId);
    if (closed === undefined) throw new DeskError('internal', `package ${pkg.rowId} vanished while closing`, undefined, { key: 'unexpectedFailure', params: { method: 'packages.close' } });
    const expected = expectedDrives(store, pkg.jobRowId);
    const closeSaid = closed.held
      ? said('closedHeld', { tracking: closed.trackingNumber, held: tally.held })
      : said('closedCounted', {
          tracking: closed.trackingNumber,
          received: expected.filter((drive) => !drive.isExtra && drive.packageId === pkg.rowId && drive.state === 'Received').length,
          neverReceived: neverReceived.length,
        });
    return {
      ...closeSaid,
      package: toPackageInfo(closed),
      neverReceived,
      extraDrives: expected.filter((drive) => drive.isExtra && drive.packageId === pkg.rowId),
      countMismatch,
      jobState,
      expected,
      tally,
    };
  });
}
