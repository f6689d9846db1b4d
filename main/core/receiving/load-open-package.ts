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
