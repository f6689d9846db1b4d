import { HELD_DESTROY_AFTER_DAYS, HELD_RETURN_AFTER_DAYS, addDays, heldStage } from '../../../shared/domain/deadlines';
import { NOT_YET_SHIPPING_JOB_STATES } from '../../../shared/domain/job-states';
import type { PackageBoard, PackageBoardRow, PackageNextStep } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { PackageRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { resolveAsOf } from '../deadlines/list-deadlines';
import { packageTally, toJobSummary, toPackageInfo } from '../to-results';

/** A held package's step by its age, unless its job is Shipping now and it can be released. */
function heldStep(pkg: PackageRow, jobShipping: boolean, asOf: string): { nextStep: PackageNextStep; dueAt: string } {
  if (jobShipping) return { nextStep: 'release', dueAt: addDays(pkg.checkedInAt, HELD_RETURN_AFTER_DAYS) };
  switch (heldStage(pkg.checkedInAt, asOf)) {
    case 'contact':
      return { nextStep: 'contactCustomer', dueAt: addDays(pkg.checkedInAt, HELD_RETURN_AFTER_DAYS) };
    case 'return':
      return { nextStep: 'returnDrives', dueAt: addDays(pkg.checkedInAt, HELD_DESTROY_AFTER_DAYS) };
    case 'destroy':
      return { nextStep: 'destroyDrives', dueAt: addDays(pkg.checkedInAt, HELD_DESTROY_AFTER_DAYS) };
  }
}

/**
 * `packages.list`: the open and held packages board. Every package not closed (someone left it
 * with Esc, or is still scanning) and every held package, with its age, its job's state, its
 * drives, the next step and when that step is due.
 */
export function listPackages(context: CoreContext, params: MethodParams<'packages.list'>): PackageBoard {
  const { store } = context;
  const asOf = resolveAsOf(context, params.asOf);
  const packages: PackageBoardRow[] = store.packages.listBoard().map((pkg) => {
    const job = pkg.jobRowId === null ? undefined : store.jobs.findByRowId(pkg.jobRowId);
    const listed = job === undefined ? [] : store.drives.listForJob(job.rowId).filter((drive) => !drive.isExtra);
    const tally = packageTally(store, pkg.rowId);
    const received = listed.filter((drive) => drive.packageId === pkg.rowId && drive.state !== 'Specified' && drive.state !== 'NeverReceived').length;
    const missing = pkg.held ? 0 : listed.filter((drive) => drive.state === 'Specified').length;
    const step = pkg.held
      ? heldStep(pkg, job !== undefined && !NOT_YET_SHIPPING_JOB_STATES.includes(job.state), asOf)
      : { nextStep: missing > 0 ? ('scanDrives' as const) : ('close' as const), dueAt: null };
    return {
      package: toPackageInfo(pkg),
      job: job === undefined ? null : toJobSummary(store, job),
      listed: listed.length,
      received,
      missing,
      held: tally.held,
      extra: tally.extra,
      ...step,
    };
  });
  return { asOf, packages };
}
