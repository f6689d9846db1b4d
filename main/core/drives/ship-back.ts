import { DeskError } from '../../../shared/rpc/envelope';
import { legalDriveMoves, REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import { normalizeCode } from '../../../shared/domain/serial';
import type { ShipBackResult } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { followJobState } from '../follow-job-state';
import { recordDriveTransition } from '../record-transition';
import { toDriveInfo } from '../to-results';

const SHIPPED_BACK = 'ShippedBack';

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
    const stayed = [];
    for (const drive of store.drives.listForJob(job.rowId)) {
      if (drive.state === REMOVED_DRIVE_STATE || drive.state === SHIPPED_BACK) continue;
      const legal = legalDriveMoves(drive.state, { jobCancelled: job.cancelRequested, faultedFrom: drive.faultedFrom, isExtra: drive.isExtra });
      if (!(legal as readonly string[]).includes(SHIPPED_BACK)) {
        stayed.push(toDriveInfo(drive));
        continue;
      }
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
