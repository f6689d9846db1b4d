/**
 * Overdue and blocked jobs to their end (docs/receiving-rules.md, "Overdue jobs"): a Shipping job
 * with no package for 14 days is chased (contacts logged), its wait extended when the customer
 * answers, and closed unanswered (Shipping → Closed) from 30 days, never earlier. A cancelled job
 * none of whose drives arrived is closed by a supervisor with a reason.
 */
import { DeskError } from '../../../shared/rpc/envelope';
import { isLegalJobMove, type JobState } from '../../../shared/domain/job-states';
import { legalDriveMoves } from '../../../shared/domain/drive-states';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { JobEventInfo, JobFollowUpResult } from '../../../shared/rpc/results';
import type { JobRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { cancelledJobs, resolveAsOf, shippingDeadline } from '../deadlines/list-deadlines';
import { requireSupervisor } from '../operators/authorize';
import { recordDriveTransition, recordJobTransition } from '../record-transition';
import { toJobSummary } from '../to-results';

function loadJob(context: CoreContext, jobId: string): JobRow {
  const job = context.store.jobs.findByName(jobId);
  if (job === undefined) throw new DeskError('not_found', `jobId: no job named ${jobId}`, undefined, { key: 'jobNotFound', params: { job: jobId } });
  return job;
}

function isWaitingForPackage(context: CoreContext, job: JobRow): boolean {
  return job.state === 'Shipping' && context.store.jobs.listShippingWithoutPackage().some((row) => row.rowId === job.rowId);
}

function followUp(context: CoreContext, jobId: string): JobFollowUpResult {
  const { store } = context;
  const job = loadJob(context, jobId);
  const events: JobEventInfo[] = store.events.listForJob(job.rowId).map((event) => ({
    kind: event.kind,
    note: event.note,
    waitUntil: event.waitUntil,
    operator: event.operator,
    confirmedBy: event.confirmedBy,
    at: event.at,
  }));
  const now = context.clock.now().toISOString();
  return {
    job: toJobSummary(store, job),
    events,
    deadline: isWaitingForPackage(context, job) ? shippingDeadline(context, job, now) : null,
  };
}

/** `jobs.recordContact`: a call or mail to the customer about an overdue or blocked job. */
export function recordJobContact(context: CoreContext, params: MethodParams<'jobs.recordContact'>): JobFollowUpResult {
  context.store.transaction(() => {
    const job = loadJob(context, params.jobId);
    context.store.events.appendJobEvent({ jobRowId: job.rowId, kind: 'contact', note: params.note.trim() }, context.actor());
  });
  return followUp(context, params.jobId);
}

/** `jobs.extendWait`: the customer answered; the desk waits for the package until `until` (in the future). */
export function extendWait(context: CoreContext, params: MethodParams<'jobs.extendWait'>): JobFollowUpResult {
  context.store.transaction(() => {
    const job = loadJob(context, params.jobId);
    if (!isWaitingForPackage(context, job)) {
      throw new DeskError('conflict', `Job ${job.name} is ${job.state} and not waiting for a package: there is no wait to extend.`, { state: job.state }, {
        key: 'extendWaitNotWaiting',
        params: { job: job.name, state: job.state },
      });
    }
    const until = resolveAsOf(context, params.until);
    const now = context.clock.now().toISOString();
    if (until <= now) {
      throw new DeskError('invalid_params', `until: ${params.until} is not in the future: the wait is extended to a later date.`, undefined, {
        key: 'extendWaitInPast',
        params: { until: params.until },
      });
    }
    context.store.jobs.setWaitUntil(job.rowId, until);
    context.store.events.appendJobEvent({ jobRowId: job.rowId, kind: 'extendWait', note: params.note.trim(), waitUntil: until }, context.actor());
  });
  return followUp(context, params.jobId);
}

/** Every listed drive still Specified never came: NeverReceived, as when a package is closed without it. */
function markUnarrived(context: CoreContext, job: JobRow, reason: string, confirmedBy: string): void {
  for (const drive of context.store.drives.listForJob(job.rowId)) {
    if (drive.isExtra || drive.state !== 'Specified') continue;
    if (!(legalDriveMoves(drive.state, { jobCancelled: job.cancelRequested, faultedFrom: drive.faultedFrom }) as readonly string[]).includes('NeverReceived')) continue;
    recordDriveTransition(context, drive, 'NeverReceived', null, { reason, confirmedBy });
  }
}

/** Walks a job to Closed one legal move at a time (a cancelled Received job passes Packaging). */
function closeJob(context: CoreContext, job: JobRow, reason: string, note: string | null, confirmedBy: string): void {
  const path: JobState[] = job.state === 'Received' || job.state === 'Transferring' ? ['Packaging', 'Closed'] : ['Closed'];
  let current = job;
  for (const to of path) {
    if (!isLegalJobMove(current.state, to, { cancelled: current.cancelRequested, faultedFrom: current.faultedFrom })) {
      throw new DeskError('illegal_transition', `Job ${job.name} cannot go from ${current.state} to ${to}.`, { from: current.state, to }, {
        key: 'illegalJobMove',
        params: { job: job.name, from: current.state, to },
      });
    }
    recordJobTransition(context, current, to, null, { reason, note, confirmedBy });
    current = context.store.jobs.findByRowId(job.rowId) as JobRow;
  }
}

/**
 * `jobs.closeUnanswered`: 30 days (and past any extended wait) without a package or an answer, a
 * supervisor closes the job: Shipping → Closed, its unarrived drives NeverReceived. Refused earlier.
 */
export async function closeUnanswered(context: CoreContext, params: MethodParams<'jobs.closeUnanswered'>): Promise<JobFollowUpResult> {
  const check = (): JobRow => {
    const job = loadJob(context, params.jobId);
    if (!isWaitingForPackage(context, job)) {
      throw new DeskError('conflict', `Job ${job.name} is ${job.state}${job.state === 'Shipping' ? ' and its package arrived' : ''}: only a Shipping job with no package is closed unanswered.`, { state: job.state }, {
        key: 'closeUnansweredNotWaiting',
        params: { job: job.name, state: job.state },
      });
    }
    const deadline = shippingDeadline(context, job, context.clock.now().toISOString());
    if (!deadline.canClose) {
      throw new DeskError(
        'conflict',
        `Job ${job.name} has waited since ${deadline.shippingSince.slice(0, 10)}: it may be closed unanswered from ${deadline.closeAt.slice(0, 10)}, not before.`,
        { closeAt: deadline.closeAt },
        { key: 'closeUnansweredTooEarly', params: { job: job.name, date: deadline.closeAt.slice(0, 10) } },
      );
    }
    return job;
  };
  check();
  const { confirmedBy } = await requireSupervisor(context, params.supervisorBadge, { kind: 'irreversible', name: 'jobs.closeUnanswered' });
  const confirmer = confirmedBy as string;
  context.store.transaction(() => {
    const job = check();
    const note = params.note?.trim() || null;
    markUnarrived(context, job, 'noPackageUnanswered', confirmer);
    closeJob(context, job, 'closedUnanswered', note, confirmer);
    context.store.events.appendJobEvent({ jobRowId: job.rowId, kind: 'closeUnanswered', note, confirmedBy: confirmer }, context.actor());
  });
  return followUp(context, params.jobId);
}

/** `jobs.closeCancelled`: a cancelled job none of whose drives arrived is closed by a supervisor with a reason. */
export async function closeCancelled(context: CoreContext, params: MethodParams<'jobs.closeCancelled'>): Promise<JobFollowUpResult> {
  const check = (): JobRow => {
    const job = loadJob(context, params.jobId);
    if (!cancelledJobs(context).some((candidate) => candidate.jobId === job.name)) {
      throw new DeskError(
        'conflict',
        `Job ${job.name} is not a cancelled job whose drives all never arrived: it ends by the usual steps.`,
        { state: job.state, cancelRequested: job.cancelRequested },
        { key: 'closeCancelledNotApplicable', params: { job: job.name } },
      );
    }
    return job;
  };
  check();
  const { confirmedBy } = await requireSupervisor(context, params.supervisorBadge, { kind: 'irreversible', name: 'jobs.closeCancelled' });
  const confirmer = confirmedBy as string;
  context.store.transaction(() => {
    const job = check();
    closeJob(context, job, 'cancelledNothingToReturn', params.reason.trim(), confirmer);
    context.store.events.appendJobEvent({ jobRowId: job.rowId, kind: 'closeCancelled', note: params.reason.trim(), confirmedBy: confirmer }, context.actor());
  });
  return followUp(context, params.jobId);
}
