import { normalizeCode } from '../../../shared/domain/serial';
import type { DriveHistory } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { toDriveInfo, toTransitionInfo } from '../to-results';

/**
 * `drives.history`: the chain of custody of one serial, across every job and package.
 * A drive's imported state is its first entry, so the history starts where the document did.
 */
export function driveHistory(context: CoreContext, params: MethodParams<'drives.history'>): DriveHistory {
  const serial = normalizeCode(params.driveId);
  return {
    serial,
    drives: context.store.drives.findBySerial(serial).map(toDriveInfo),
    transitions: context.store.transitions.listForSerial(serial).map(toTransitionInfo),
  };
}
