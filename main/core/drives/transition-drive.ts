import { DeskError } from '../../../shared/rpc/envelope';
import { isKnownDriveState, legalDriveMoves, REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import { normalizeCode } from '../../../shared/domain/serial';
import type { DriveTransitionResult } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { followJobState } from '../follow-job-state';
import { recordDriveTransition } from '../record-transition';
import { toDriveInfo, toTransitionInfo } from '../to-results';
import { said } from '../i18n/core-texts';

/** `drives.transition`: one checked move of one drive; an illegal move names the legal ones. */
export function transitionDrive(context: CoreContext, params: MethodParams<'drives.transition'>): DriveTransitionResult {
  const { store } = context;
  return store.transaction(() => {
    const job = store.jobs.findByName(params.jobId);
    if (job === undefined) throw new DeskError('not_found', `jobId: no job named ${params.jobId}`, undefined, { key: 'jobNotFound', params: { job: params.jobId } });
    const serial = normalizeCode(params.driveId);
    const drive = store.drives.findInJob(job.rowId, serial);
    if (drive === undefined) {
      throw new DeskError('not_found', `driveId: job ${job.name} has no drive ${serial}`, undefined, { key: 'driveNotInJob', params: { job: job.name, serial } });
    }

    const legal = legalDriveMoves(drive.state, { jobCancelled: job.cancelRequested, faultedFrom: drive.faultedFrom, isExtra: drive.isExtra });
    if (!(legal as readonly string[]).includes(params.to)) {
      throw new DeskError(
        'illegal_transition',
        `Drive ${serial} cannot go from ${drive.state} to ${params.to}. ` +
          (legal.length === 0 ? 'No move is legal from here.' : `Legal: ${legal.join(', ')}.`),
        { from: drive.state, to: params.to, legal },
        legal.length === 0
          ? { key: 'noLegalMove', params: { serial, from: drive.state, to: params.to } }
          : { key: 'illegalMove', params: { serial, from: drive.state, to: params.to, legal: legal.join(', ') } },
      );
    }
    if (params.to === 'Faulted' && params.reason === undefined) {
      throw new DeskError('invalid_params', 'reason: faulting a drive needs a reason code', undefined, { key: 'faultNeedsReason' });
    }
    if (!isKnownDriveState(drive.state) && drive.state !== REMOVED_DRIVE_STATE && (params.note ?? '').trim() === '') {
      // A state the upstream invented: operations may move the drive on, saying why.
      throw new DeskError('invalid_params', `note: ${serial} is in ${drive.state}, a state this desk does not know; moving it needs a note saying why`, undefined, {
        key: 'unknownStateNeedsNote',
        params: { serial, state: drive.state },
      });
    }
    if (drive.state === 'Faulted' && (params.note ?? '').trim() === '') {
      throw new DeskError('invalid_params', 'note: resolving a fault needs a note saying how it was resolved', undefined, { key: 'resolveNeedsNote' });
    }
    const faultedFrom = params.to === 'Faulted' ? drive.state : null;
    const transition = recordDriveTransition(context, drive, params.to, faultedFrom, {
      reason: params.reason ?? null,
      note: params.note ?? null,
    });
    const jobState = followJobState(context, job.rowId);
    const recorded =
      params.to === 'Faulted'
        ? said('driveFaulted', { serial, job: job.name, faultReason: params.reason ?? 'other' })
        : drive.state === 'Faulted'
          ? said('driveResolved', { serial, job: job.name, state: params.to })
          : said('driveMoved', { serial, job: job.name, from: drive.state, to: params.to });
    return {
      ...recorded,
      drive: toDriveInfo(store.drives.findByRowId(drive.rowId)),
      transition: toTransitionInfo(transition),
      jobState,
    };
  });
}
