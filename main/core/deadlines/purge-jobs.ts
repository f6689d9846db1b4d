import type { PurgeResult } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { endedJobs, resolveAsOf } from './list-deadlines';

/**
 * `jobs.purge`: Completed and Closed jobs 90 days past their end leave the desk. The customer's
 * document (addresses, contacts) is dropped; the job's name, drives and transition history stay,
 * so the chain of custody remains exportable.
 */
export function purgeJobs(context: CoreContext, params: MethodParams<'jobs.purge'>): PurgeResult {
  const { store } = context;
  const asOf = resolveAsOf(context, params.asOf);
  return store.transaction(() => {
    const due = endedJobs(context, asOf).filter((job) => job.due);
    const at = context.clock.now().toISOString();
    const purged = due.filter((job) => {
      const row = store.jobs.findByName(job.jobId);
      return row !== undefined && store.jobs.purge(row.rowId, at);
    });
    return { purged: purged.map((job) => job.jobId) };
  });
}
