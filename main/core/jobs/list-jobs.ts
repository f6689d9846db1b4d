import type { JobsPage } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { toJobSummaries } from '../to-results';

/** `jobs.list`: one page of jobs, newest first, with drive counts; never the whole table. */
export function listJobs(context: CoreContext, params: MethodParams<'jobs.list'>): JobsPage {
  const { rows, total } = context.store.jobs.list(params);
  return { jobs: toJobSummaries(context.store, rows), total, offset: params.offset, limit: params.limit };
}
