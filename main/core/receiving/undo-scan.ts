import { DeskError } from '../../../shared/rpc/envelope';
import { REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import type { UndoScanResult } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { TransitionRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { followJobState } from '../follow-job-state';
import { recordDriveTransition } from '../record-transition';
import { packageTally, toDriveInfo, toTransitionInfo } from '../to-results';
import { loadOpenPackage } from './load-open-package';
import { said } from '../i18n/core-texts';

/**
 * `scans.undo`: a wrong scan is undone by a compensating transition that moves the drive back to
 * where the scan found it; the scan row is marked undone and history keeps both moves.
 */
export function undoScan(context: CoreContext, params: MethodParams<'scans.undo'>): UndoScanResult {
  const { store } = context;
  return store.transaction(() => {
    const scan = store.scans.findById(params.scanId);
    if (scan === undefined) throw new DeskError('not_found', `scanId: no scan ${params.scanId}`, undefined, { key: 'scanNotFound', params: { scanId: params.scanId } });
    if (scan.undoneAt !== null) {
      throw new DeskError('conflict', `Scan ${scan.rowId} of ${scan.serial} was already undone.`, undefined, { key: 'scanAlreadyUndone', params: { serial: scan.serial } });
    }
    loadOpenPackage(context, scan.packageId);

    const [moved] = store.transitions.listForScan(scan.rowId);
    let compensation: TransitionRow | null = null;
    if (moved !== undefined && moved.driveRowId !== null) {
      const drive = store.drives.findByRowId(moved.driveRowId);
      const latest = store.transitions.latestForDrive(drive.rowId);
      if (latest?.rowId !== moved.rowId || drive.state !== moved.toState) {
        throw new DeskError(
          'conflict',
          `${drive.serial} has moved on since this scan (now ${drive.state}); undo that move first.`,
          { state: drive.state },
          { key: 'driveMovedOn', params: { serial: drive.serial, state: drive.state } },
        );
      }
      const back = moved.fromState ?? REMOVED_DRIVE_STATE;
      compensation = recordDriveTransition(context, drive, back, null, {
        reason: 'undoScan',
        note: `compensates transition ${moved.rowId}`,
        packageId: scan.packageId,
        scanId: scan.rowId,
        compensatesId: moved.rowId,
      });
      followJobState(context, drive.jobRowId);
    }
    const actor = context.actor();
    store.scans.markUndone(scan.rowId, actor.at, actor.operator);
    const driveRowId = compensation?.driveRowId ?? null;
    const drive = driveRowId === null ? null : store.drives.findByRowId(driveRowId);
    const undoneSaid =
      compensation === null
        ? said('undoneNothingMoved', { serial: scan.serial })
        : compensation.toState === REMOVED_DRIVE_STATE
          ? said('undoneRemoved', { serial: scan.serial, job: compensation.jobName })
          : said('undoneMoved', { serial: scan.serial, state: compensation.toState });
    return {
      ...undoneSaid,
      scanId: scan.rowId,
      serial: scan.serial,
      drive: drive === null ? null : toDriveInfo(drive),
      compensation: compensation === null ? null : toTransitionInfo(compensation),
      tally: packageTally(store, scan.packageId),
    };
  });
}
