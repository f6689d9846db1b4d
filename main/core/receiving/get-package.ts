import type { PackageDetail, ScanVerdict } from '../../../shared/rpc/views';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { expectedDrives, packageTally, toJobSummary, toPackageView } from '../views';
import { loadPackage } from './load-open-package';

export function getPackage(context: CoreContext, params: MethodParams<'packages.get'>): PackageDetail {
  const pkg = loadPackage(context, params.packageId);
  const job = pkg.jobId === null ? undefined : context.store.jobs.findById(pkg.jobId);
  return {
    package: toPackageView(pkg),
    job: job === undefined ? null : toJobSummary(context.store, job),
    expected: expectedDrives(context.store, pkg.jobId),
    tally: packageTally(context.store, pkg.id),
    scans: context.store.scans.listForPackage(pkg.id).map((scan) => ({
      id: scan.id,
      serial: scan.serial,
      verdict: scan.verdict as ScanVerdict,
      keyed: scan.keyed,
      scannedAt: scan.scannedAt,
      operator: scan.operator,
      undone: scan.undoneAt !== null,
    })),
  };
}
