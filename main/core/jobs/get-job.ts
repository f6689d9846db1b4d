import { DeskError } from '../../../shared/rpc/envelope';
import type { JobDetail } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { toDriveInfo, toJobSummary, toPackageInfo } from '../to-results';
import { jobHeader } from './job-header';

export function getJob(context: CoreContext, params: MethodParams<'jobs.get'>): JobDetail {
  const { store } = context;
  const job = store.jobs.findByName(params.jobId);
  if (job === undefined) throw new DeskError('not_found', `jobId: no job named ${params.jobId}`, undefined, { key: 'jobNotFound', params: { job: params.jobId } });
  return {
    ...toJobSummary(store, job),
    drives: store.drives.listForJob(job.rowId).map(toDriveInfo),
    packages: store.packages.listForJob(job.rowId).map(toPackageInfo),
    header: jobHeader(context, job),
  };
}
