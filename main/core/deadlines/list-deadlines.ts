import {
  ENDED_PURGE_AFTER_DAYS,
  HELD_DESTROY_AFTER_DAYS,
  HELD_RETURN_AFTER_DAYS,
  SHIPPING_CLOSE_AFTER_DAYS,
  SHIPPING_OVERDUE_AFTER_DAYS,
  addDays,
  heldStage,
} from '../../../shared/domain/deadlines';
import { NOT_YET_SHIPPING_JOB_STATES } from '../../../shared/domain/job-states';
import { REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import { readDocumentDate, siteMidnight } from '../../../shared/domain/site-time';
import type {
  BlockedJobDeadline,
  CancelledJobDeadline,
  Deadlines,
  HeldNextStep,
  HeldPackageDeadline,
  PurgeDeadline,
  ShippingJobDeadline,
} from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { JobRow, PackageRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { ADDRESS_FLAG_PREFIX } from '../labels/addresses';
import { heldScans } from '../packages/held';

const ENDED_STATES = ['Completed', 'Closed'] as const;
/** A job blocked on its return address is destroyed this long after it was flagged. */
export const BLOCKED_DESTROY_AFTER_DAYS = 90;

/**
 * `asOf` as an instant: no date means the desk's clock now; a bare date is its midnight at the site
 * (a date without a zone is the site's, docs/receiving-rules.md "Dates").
 */
export function resolveAsOf(context: CoreContext, asOf: string | undefined): string {
  if (asOf === undefined) return context.clock.now().toISOString();
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return siteMidnight(asOf, context.settings().siteTimeZone) ?? new Date(asOf).toISOString();
  return new Date(asOf).toISOString();
}

/** When an ended job ended: its move to Completed/Closed at this desk, else when the desk last saw it change. */
export function endedJobs(context: CoreContext, asOf: string): PurgeDeadline[] {
  return ENDED_STATES.flatMap((state) => context.store.jobs.listInState(state).map((job) => purgeDeadline(context, job, asOf)));
}

/** One job's purge date; `due` only for a job still ended and unpurged. */
export function purgeDeadline(context: CoreContext, job: JobRow, asOf: string): PurgeDeadline {
  const endedAt = context.store.transitions.lastJobMoveTo(job.rowId, job.state) ?? job.updatedAt;
  const purgeAt = addDays(endedAt, ENDED_PURGE_AFTER_DAYS);
  const ended = (ENDED_STATES as readonly string[]).includes(job.state);
  return { jobId: job.name, state: job.state, endedAt, purgeAt, due: ended && asOf >= purgeAt };
}

function contactsOf(events: readonly { kind: string; at: string }[]): { contacts: number; lastContactAt: string | null } {
  const contacts = events.filter((event) => event.kind === 'contact');
  return { contacts: contacts.length, lastContactAt: contacts[contacts.length - 1]?.at ?? null };
}

function heldDeadline(context: CoreContext, pkg: PackageRow, asOf: string): HeldPackageDeadline {
  const { store } = context;
  const job = pkg.jobRowId !== null ? store.jobs.findByRowId(pkg.jobRowId) : store.jobs.findByTrackingNumber(pkg.trackingNumber);
  const stage = heldStage(pkg.checkedInAt, asOf);
  const canRelease = job !== undefined && !NOT_YET_SHIPPING_JOB_STATES.includes(job.state);
  const nextStep: HeldNextStep = canRelease ? 'release' : stage === 'contact' ? 'contact' : stage;
  return {
    packageId: pkg.rowId,
    trackingNumber: pkg.trackingNumber,
    jobId: job?.name ?? null,
    jobState: job?.state ?? null,
    status: pkg.status,
    heldSince: pkg.checkedInAt,
    returnBy: addDays(pkg.checkedInAt, HELD_RETURN_AFTER_DAYS),
    destroyBy: addDays(pkg.checkedInAt, HELD_DESTROY_AFTER_DAYS),
    stage,
    nextStep,
    canRelease,
    // Earlier than 14 days a return needs the customer's request; the method says so.
    canReturn: stage !== 'contact',
    canDestroy: stage === 'destroy',
    serials: heldScans(store, pkg.rowId).map((scan) => scan.serial),
    ...contactsOf(store.events.listForPackage(pkg.rowId)),
    damaged: pkg.damaged,
  };
}

/** Since when a Shipping job waits for its package: its shipDate read in the site's zone, else when the desk got it. */
export function shippingSince(context: CoreContext, job: JobRow): string {
  if (job.shipDateRaw === null || job.shipDateRaw.trim() === '') return job.importedAt;
  const reading = readDocumentDate(job.shipDateRaw, context.settings().siteTimeZone);
  return reading.ok ? reading.iso : job.importedAt;
}

const later = (a: string, b: string | null): string => (b !== null && b > a ? b : a);

/** A Shipping job without a package: overdue at 14 days, closable unanswered at 30, both pushed out by an extended wait. */
export function shippingDeadline(context: CoreContext, job: JobRow, asOf: string): ShippingJobDeadline {
  const since = shippingSince(context, job);
  const overdueAt = later(addDays(since, SHIPPING_OVERDUE_AFTER_DAYS), job.waitUntil);
  const closeAt = later(addDays(since, SHIPPING_CLOSE_AFTER_DAYS), job.waitUntil);
  const stage = asOf >= closeAt ? 'dueForClosed' : asOf >= overdueAt ? 'overdue' : 'onTime';
  return {
    jobId: job.name,
    trackingNumber: job.trackingNumber,
    shippingSince: since,
    overdueAt,
    closeAt,
    stage,
    waitUntil: job.waitUntil,
    ...contactsOf(context.store.events.listForJob(job.rowId)),
    canClose: stage === 'dueForClosed',
  };
}

/** States in which a drive is not at the desk: gone back, never arrived, removed. */
const NOT_AT_DESK_STATES: readonly string[] = ['ShippedBack', 'NeverReceived', 'Specified', REMOVED_DRIVE_STATE];

/** A blocked job's drives that are still at the desk (a Faulted one, destroyed or not, is not counted): what jobs.destroyDrives destroys. */
export function drivesToDestroy(context: CoreContext, jobRowId: number) {
  return context.store.drives.listForJob(jobRowId).filter((drive) => !NOT_AT_DESK_STATES.includes(drive.state) && drive.state !== 'Faulted');
}

/** Jobs blocked on their return address with drives still at the desk: once those are destroyed, the case has ended. */
function blockedJobs(context: CoreContext, asOf: string): BlockedJobDeadline[] {
  return context.store.jobs
    .listFlagged()
    .filter((job) => job.opsFlag?.startsWith(ADDRESS_FLAG_PREFIX) === true && (job.state === 'Transferring' || job.state === 'Packaging'))
    .filter((job) => drivesToDestroy(context, job.rowId).length > 0)
    .map((job) => {
      const flaggedAt = job.opsFlagAt ?? job.updatedAt;
      const destroyBy = addDays(flaggedAt, BLOCKED_DESTROY_AFTER_DAYS);
      return {
        jobId: job.name,
        state: job.state,
        reason: job.opsFlag ?? '',
        flaggedAt,
        destroyBy,
        ...contactsOf(context.store.events.listForJob(job.rowId)),
        canDestroy: asOf >= destroyBy,
      };
    });
}

/** Cancelled jobs whose every listed drive is NeverReceived: nothing can go back, so a supervisor closes them. */
export function cancelledJobs(context: CoreContext): CancelledJobDeadline[] {
  const { store } = context;
  return store.jobs.listCancelledOpen().flatMap((job) => {
    const listed = store.drives.listForJob(job.rowId).filter((drive) => !drive.isExtra);
    if (listed.length === 0 || !listed.every((drive) => drive.state === 'NeverReceived')) return [];
    return [{ jobId: job.name, state: job.state, drives: listed.length }];
  });
}

/** `deadlines.list`: what the operations team must act on, and by when, as of a given moment. */
export function listDeadlines(context: CoreContext, params: MethodParams<'deadlines.list'>): Deadlines {
  const { store } = context;
  const asOf = resolveAsOf(context, params.asOf);
  return {
    asOf,
    heldPackages: store.packages.listHeldUnresolved().map((pkg) => heldDeadline(context, pkg, asOf)),
    overdueJobs: store.jobs
      .listShippingWithoutPackage()
      .map((job) => shippingDeadline(context, job, asOf))
      .filter((job) => job.stage !== 'onTime'),
    endedJobs: endedJobs(context, asOf),
    blockedJobs: blockedJobs(context, asOf),
    cancelledJobs: cancelledJobs(context),
  };
}
