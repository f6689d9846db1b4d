import { DeskError } from '../../../shared/rpc/envelope';
import { legalDriveMoves, REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import { normalizeCode } from '../../../shared/domain/serial';
import type { ShipBackPlan, ShipBackResult } from '../../../shared/rpc/results';
import type { CoreText } from '../../../shared/rpc/envelope';
import type { DriveRow } from '../../db/rows';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { followJobState } from '../follow-job-state';
import { recordDriveTransition } from '../record-transition';
import { toDriveInfo } from '../to-results';

const SHIPPED_BACK = 'ShippedBack';

/** Why a drive cannot go back now, in the catalogue's words. */
function whyItStays(drive: DriveRow, jobCancelled: boolean): CoreText {
  const params = { serial: drive.serial };
  switch (drive.state) {
    case 'Specified':
      return { key: 'shipStaysNotArrived', params };
    case 'NeverReceived':
      return { key: 'shipStaysNeverReceived', params };
    case 'Received':
      return jobCancelled ? { key: 'shipStaysOther', params: { ...params, state: drive.state } } : { key: 'shipStaysNotCopied', params };
    case 'Transferring':
      return { key: 'shipStaysCopying', params };
    case 'Faulted':
      return { key: 'shipStaysFaulted', params };
    default:
      return { key: 'shipStaysOther', params: { ...params, state: drive.state } };
  }
}

/** Which drives of a job go back now, and which stay and why: the same rule for the plan and the act. */
function sortForShipBack(drives: readonly DriveRow[], jobCancelled: boolean): { goes: DriveRow[]; stays: { drive: DriveRow; why: CoreText }[] } {
  const goes: DriveRow[] = [];
  const stays: { drive: DriveRow; why: CoreText }[] = [];
  for (const drive of drives) {
    if (drive.state === REMOVED_DRIVE_STATE || drive.state === SHIPPED_BACK) continue;
    const legal = legalDriveMoves(drive.state, { jobCancelled, faultedFrom: drive.faultedFrom, isExtra: drive.isExtra });
    if ((legal as readonly string[]).includes(SHIPPED_BACK)) goes.push(drive);
    else stays.push({ drive, why: whyItStays(drive, jobCancelled) });
  }
  return { goes, stays };
}

/** `jobs.shipBackPlan`: what shipping back would do now, so the operator can read it before it is done. */
export function shipBackPlan(context: CoreContext, params: MethodParams<'jobs.shipBackPlan'>): ShipBackPlan {
  const job = context.store.jobs.findByName(params.jobId);
  if (job === undefined) throw new DeskError('not_found', `jobId: no job named ${params.jobId}`, undefined, { key: 'jobNotFound', params: { job: params.jobId } });
  const { goes, stays } = sortForShipBack(context.store.drives.listForJob(job.rowId), job.cancelRequested);
  return { goes: goes.map(toDriveInfo), stays: stays.map(({ drive, why }) => ({ drive: toDriveInfo(drive), why })) };
}

/**
 * `jobs.shipBack`: every drive of the job that may go back now (copied, a cancelled job's received
 * drives, extra drives) moves to ShippedBack in one transaction, each transition carrying the return
 * carrier and tracking number; the job keeps the return shipment for its label.
 */
export function shipBack(context: CoreContext, params: MethodParams<'jobs.shipBack'>): ShipBackResult {
  const { store } = context;
  return store.transaction(() => {
    const job = store.jobs.findByName(params.jobId);
    if (job === undefined) throw new DeskError('not_found', `jobId: no job named ${params.jobId}`, undefined, { key: 'jobNotFound', params: { job: params.jobId } });
    const trackingNumber = normalizeCode(params.trackingNumber);
    const shipped = [];
    const { goes, stays } = sortForShipBack(store.drives.listForJob(job.rowId), job.cancelRequested);
    const stayed = stays.map(({ drive }) => toDriveInfo(drive));
    for (const drive of goes) {
      recordDriveTransition(context, drive, SHIPPED_BACK, null, {
        reason: 'returnShipment',
        note: `${params.carrierName} ${trackingNumber}`,
      });
      shipped.push(toDriveInfo(store.drives.findByRowId(drive.rowId)));
    }
    if (shipped.length === 0) {
      const states = stayed.map((drive) => `${drive.serial} ${drive.state}`).join(', ');
      throw new DeskError('conflict', `No drive of job ${job.name} can go back now${states === '' ? '' : ` (${states})`}.`, { stayed }, {
        key: 'nothingToShipBack',
        params: { job: job.name, states: states === '' ? '—' : states },
      });
    }
    store.jobs.setReturnShipment(job.rowId, params.carrierName, trackingNumber);
    return {
      shipped,
      stayed,
      jobState: followJobState(context, job.rowId),
      returnCarrier: params.carrierName,
      returnTrackingNumber: trackingNumber,
    };
  });
}
