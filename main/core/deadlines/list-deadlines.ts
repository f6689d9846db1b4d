import {
  ENDED_PURGE_AFTER_DAYS,
  HELD_DESTROY_AFTER_DAYS,
  HELD_RETURN_AFTER_DAYS,
  SHIPPING_CLOSE_AFTER_DAYS,
  SHIPPING_OVERDUE_AFTER_DAYS,
  addDays,
  heldStage,
  parseShipDate,
  shippingStage,
} from '../../../shared/domain/deadlines';
import type { Deadlines, PurgeDeadline } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';

const ENDED_STATES = ['Completed', 'Closed'] as const;

/** `asOf` as an instant: a bare date means its midnight UTC; no date means the clock's now. */
export function resolveAsOf(context: CoreContext, asOf: string | undefined): string {
  return asOf === undefined ? context.clock.now().toISOString() : new Date(asOf).toISOString();
}

/** When an ended job ended: its move to Completed/Closed at this desk, else when the desk last saw it change. */
export function endedJobs(context: CoreContext, asOf: string): PurgeDeadline[] {
  const { store } = context;
  return ENDED_STATES.flatMap((state) =>
    store.jobs.listInState(state).map((job) => {
      const endedAt = store.transitions.lastJobMoveTo(job.rowId, state) ?? job.updatedAt;
      const purgeAt = addDays(endedAt, ENDED_PURGE_AFTER_DAYS);
      return { jobId: job.name, state, endedAt, purgeAt, due: asOf >= purgeAt };
    }),
  );
}

/** `deadlines.list`: what the operations team must act on, and by when, as of a given moment. */
export function listDeadlines(context: CoreContext, params: MethodParams<'deadlines.list'>): Deadlines {
  const { store } = context;
  const asOf = resolveAsOf(context, params.asOf);

  const heldPackages = store.packages.listHeldOpen().map((pkg) => ({
    packageId: pkg.rowId,
    trackingNumber: pkg.trackingNumber,
    jobId: pkg.jobName,
    heldSince: pkg.checkedInAt,
    returnBy: addDays(pkg.checkedInAt, HELD_RETURN_AFTER_DAYS),
    destroyBy: addDays(pkg.checkedInAt, HELD_DESTROY_AFTER_DAYS),
    stage: heldStage(pkg.checkedInAt, asOf),
    serials: [...new Set(store.scans.listForPackage(pkg.rowId).filter((scan) => scan.undoneAt === null).map((scan) => scan.serial))],
  }));

  const overdueJobs = store.jobs
    .listShippingWithoutPackage()
    .map((job) => {
      const shippingSince = parseShipDate(job.shipDateRaw) ?? job.importedAt;
      return {
        jobId: job.name,
        trackingNumber: job.trackingNumber,
        shippingSince,
        overdueAt: addDays(shippingSince, SHIPPING_OVERDUE_AFTER_DAYS),
        closeAt: addDays(shippingSince, SHIPPING_CLOSE_AFTER_DAYS),
        stage: shippingStage(shippingSince, asOf),
      };
    })
    .filter((job) => job.stage !== 'onTime');

  return { asOf, heldPackages, overdueJobs, endedJobs: endedJobs(context, asOf) };
}
