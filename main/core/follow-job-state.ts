import { nextJobState } from '../../shared/domain/job-progress';
import { isLegalJobMove } from '../../shared/domain/job-states';
import type { CoreContext } from './context';
import { recordJobTransition } from './record-transition';
import type { JobState } from '../../shared/domain/job-states';

/** Upper bound on steps in one call: Received → Transferring → Packaging → Completed is three. */
const MAX_JOB_STEPS = 4;

/**
 * Moves the job as far as its drives call for, one legal step at a time, each recorded as a job
 * transition. Runs inside the caller's transaction, after a drive moved.
 */
export function followJobState(context: CoreContext, jobRowId: number): JobState {
  const { store } = context;
  for (let step = 0; step < MAX_JOB_STEPS; step += 1) {
    const job = store.jobs.findByRowId(jobRowId);
    if (job === undefined) return 'unknown';
    const drives = store.drives.progressForJob(jobRowId);
    const next = nextJobState({ state: job.state, cancelled: job.cancelRequested, drives });
    if (next === null || !isLegalJobMove(job.state, next, { cancelled: job.cancelRequested, faultedFrom: job.faultedFrom })) {
      return job.state;
    }
    recordJobTransition(context, job, next, null, { reason: 'drivesProgressed' });
  }
  return store.jobs.findByRowId(jobRowId)?.state ?? 'unknown';
}
