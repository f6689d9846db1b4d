import { DeskError } from '../../../shared/rpc/envelope';
import type { PackageRow } from '../../db/rows';
import type { CoreContext } from '../context';

export function loadPackage(context: CoreContext, packageId: number): PackageRow {
  const pkg = context.store.packages.findById(packageId);
  if (pkg === undefined) {
    throw new DeskError('not_found', `packageId: no package ${packageId} is checked in at this desk`, undefined, { key: 'packageNotFound', params: { packageId } });
  }
  return pkg;
}

export function loadOpenPackage(context: CoreContext, packageId: number): PackageRow {
  const pkg = loadPackage(context, packageId);
  if (pkg.outcome === 'returned' || pkg.outcome === 'destroyed') {
    // Its drives have left the desk: nothing more is scanned into it.
    throw new DeskError(
      'conflict',
      `Package ${pkg.trackingNumber} was ${pkg.outcome} on ${(pkg.outcomeAt ?? '').slice(0, 10)}: its drives are no longer at the desk.`,
      { outcome: pkg.outcome },
      { key: pkg.outcome === 'returned' ? 'packageAlreadyReturned' : 'packageAlreadyDestroyed', params: { trackingNumber: pkg.trackingNumber, date: (pkg.outcomeAt ?? '').slice(0, 10) } },
    );
  }
  if (pkg.status !== 'open') {
    throw new DeskError(
      'conflict',
      `Package ${pkg.trackingNumber} is closed: check it in again to reopen it before scanning more drives.`,
      undefined,
      { key: 'packageClosed', params: { tracking: pkg.trackingNumber } },
    );
  }
  return pkg;
}
