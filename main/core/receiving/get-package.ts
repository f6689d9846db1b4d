import type { PackageDetail } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { expectedDrives, packageTally, toJobSummary, toPackageInfo, toScanInfo } from '../to-results';
import { loadPackage } from './load-open-package';

export function getPackage(context: CoreContext, params: MethodParams<'packages.get'>): PackageDetail {
  const pkg = loadPackage(context, params.packageId);
  const job = pkg.jobRowId === null ? undefined : context.store.jobs.findByRowId(pkg.jobRowId);
  return {
    package: toPackageInfo(pkg),
    job: job === undefined ? null : toJobSummary(context.store, job),
    expected: expectedDrives(context.store, pkg.jobRowId),
    tally: packageTally(context.store, pkg.rowId),
    scans: context.store.scans.listForPackage(pkg.rowId).map(toScanInfo),
  };
}
