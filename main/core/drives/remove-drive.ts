import { DeskError } from '../../../shared/rpc/envelope';
import { REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import { EXPORT_JOB } from '../../../shared/domain/job-states';
import { normalizeCode } from '../../../shared/domain/serial';
import type { RemoveDriveResult } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { followJobState } from '../follow-job-state';
import { said } from '../i18n/core-texts';
import { recordDriveTransition } from '../record-transition';
import { toDriveInfo, toTransitionInfo } from '../to-results';

/** A drive that left the site cannot be taken off its job any more. */
const GONE_STATES: readonly string[] = ['ShippedBack', REMOVED_DRIVE_STATE];

/**
 * `drives.remove`: a drive added to a job by mistake at the desk (an extra drive, a drive registered
 * for an export job, a look-alike of a listed serial) is taken off the job, with the reason, by a
 * transition to Removed: never a deletion, and only until it ships. A drive of the job's own list
 * cannot be removed: it is the customer's, and stays on the list.
 */
export function removeDrive(context: CoreContext, params: MethodParams<'drives.remove'>): RemoveDriveResult {
  const { store } = context;
  return store.transaction(() => {
    const job = store.jobs.findByName(params.jobId);
    if (job === undefined) throw new DeskError('not_found', `jobId: no job named ${params.jobId}`, undefined, { key: 'jobNotFound', params: { job: params.jobId } });
    const serial = normalizeCode(params.driveId);
    const drive = store.drives.findInJob(job.rowId, serial);
    if (drive === undefined || drive.state === REMOVED_DRIVE_STATE) {
      throw new DeskError('not_found', `driveId: job ${job.name} has no drive ${serial}`, undefined, { key: 'driveNotInJob', params: { job: job.name, serial } });
    }
    if (!drive.isExtra && job.jobType !== EXPORT_JOB) {
      throw new DeskError('conflict', `${serial} is on the drive list of job ${job.name}: only a drive added at the desk can be removed.`, undefined, {
        key: 'removeListedDrive',
        params: { serial, job: job.name },
      });
    }
    if (GONE_STATES.includes(drive.state)) {
      throw new DeskError('illegal_transition', `${serial} is ${drive.state}: it can no longer be taken off job ${job.name}.`, { state: drive.state }, {
        key: 'removeShippedDrive',
        params: { serial, job: job.name, state: drive.state },
      });
    }
    const transition = recordDriveTransition(context, drive, REMOVED_DRIVE_STATE, null, { reason: 'removedByOperator', note: params.reason });
    followJobState(context, job.rowId);
    return {
      drive: toDriveInfo(store.drives.findByRowId(drive.rowId)),
      transition: toTransitionInfo(transition),
      ...said('driveRemoved', { serial, job: job.name }),
    };
  });
}
