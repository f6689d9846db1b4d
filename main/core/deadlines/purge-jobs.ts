import type { PurgeResult } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { requireSupervisor } from '../operators/authorize';
import { chunksOf, yieldToScans } from '../yield';
import { endedJobs, purgeDeadline, resolveAsOf } from './list-deadlines';

/** Jobs purged per transaction: a scan waits behind one chunk at most. */
export const PURGE_CHUNK_JOBS = 200;

/**
 * `jobs.purge`: Completed and Closed jobs 90 days past their end, by the desk's own clock, leave the
 * desk: never earlier. `asOf` previews what another moment would purge and purges nothing. The
 * customer's document (addresses, contacts) is dropped; the job's name, drives and transition
 * history stay, so the chain of custody remains exportable. A supervisor action.
 */
export async function purgeJobs(context: CoreContext, params: MethodParams<'jobs.purge'>): Promise<PurgeResult> {
  const { store } = context;
  if (params.asOf !== undefined) {
    const asOf = resolveAsOf(context, params.asOf);
    return { purged: [], preview: true, wouldPurge: endedJobs(context, asOf).filter((job) => job.due).map((job) => job.jobId), asOf };
  }
  await requireSupervisor(context, params.supervisorBadge, { kind: 'irreversible', name: 'jobs.purge' });
  const now = context.clock.now().toISOString();
  const due = endedJobs(context, now).filter((job) => job.due);
  const purged: string[] = [];
  for (const chunk of chunksOf(due, PURGE_CHUNK_JOBS)) {
    store.transaction(() => {
      for (const job of chunk) {
        // Checked again in the chunk's transaction: a job imported again since may no longer be due.
        const row = store.jobs.findByName(job.jobId);
        const at = context.clock.now().toISOString();
        if (row !== undefined && purgeDeadline(context, row, at).due && store.jobs.purge(row.rowId, at)) purged.push(job.jobId);
      }
    });
    await yieldToScans();
  }
  return { purged, preview: false, wouldPurge: [], asOf: now };
}
