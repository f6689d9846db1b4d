import type { CoreText } from '../../../shared/rpc/envelope';
import type { JobHeader } from '../../../shared/rpc/results';
import type { JobRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { addressLines, type PostalAddress } from '../labels/addresses';

interface HeaderParts {
  readonly returnAddress?: PostalAddress;
  readonly returnShipping?: { readonly carrierName?: string; readonly carrierAccountNumber?: string };
}

function parts(job: JobRow): HeaderParts {
  try {
    return (JSON.parse(job.documentJson) as { properties?: HeaderParts }).properties ?? {};
  } catch {
    return {};
  }
}

/** The fields an operations flag names (`…: returnShipping.carrierName, returnAddress.phone`). */
export function flaggedFields(opsFlag: string): string[] {
  const colon = opsFlag.indexOf(': ');
  return (colon === -1 ? '' : opsFlag.slice(colon + 2)).split(',').map((field) => field.trim()).filter((field) => field !== '');
}

/**
 * An operations flag in words: a carrier or account missing is not an address problem, and the
 * other way round (docs/receiving-rules.md, "Labels").
 */
export function opsFlagText(opsFlag: string): CoreText {
  const fields = flaggedFields(opsFlag);
  if (fields.length === 0) return { key: 'opsFlagOther', params: { flag: opsFlag } };
  const list = fields.join(', ');
  if (fields.every((field) => field.startsWith('returnShipping.'))) return { key: 'opsFlagCarrierMissing', params: { fields: list } };
  if (fields.every((field) => field.startsWith('returnAddress.'))) return { key: 'opsFlagReturnAddressMissing', params: { fields: list } };
  return { key: 'opsFlagLabelFieldsMissing', params: { fields: list } };
}

/** What keeps the job from its next step, each in words; empty when it waits for nothing at the desk. */
function blocking(context: CoreContext, job: JobRow): CoreText[] {
  const { store } = context;
  const reasons: CoreText[] = [];
  if (job.cancelRequested) reasons.push({ key: 'jobCancelRequested', params: { job: job.name } });
  if (job.state === 'Creating') reasons.push({ key: 'jobBlockedCreating', params: { job: job.name } });
  if (job.state === 'Shipping') {
    const packages = store.packages.listForJob(job.rowId);
    const open = packages.find((pkg) => pkg.status === 'open');
    if (open !== undefined) reasons.push({ key: 'jobPackageOpen', params: { tracking: open.trackingNumber } });
    else if (packages.length === 0) reasons.push({ key: 'jobAwaitingPackage', params: { tracking: job.trackingNumber ?? '' } });
  }
  if (job.opsFlag !== null) reasons.push(opsFlagText(job.opsFlag));
  const faulted = store.drives.listForJob(job.rowId).filter((drive) => drive.state === 'Faulted').length;
  if (faulted > 0) reasons.push({ key: 'jobDrivesFaulted', params: { count: faulted } });
  return reasons;
}

/** The job panel's header (`jobs.get`): addresses, carrier and account, the delivery, and what blocks the job. */
export function jobHeader(context: CoreContext, job: JobRow): JobHeader {
  const { returnAddress, returnShipping } = parts(job);
  return {
    returnAddress: returnAddress === undefined ? [] : [...addressLines(returnAddress), ...[returnAddress.phone, returnAddress.email].filter((line): line is string => typeof line === 'string' && line.trim() !== '')],
    returnCarrier: job.returnCarrier ?? returnShipping?.carrierName ?? null,
    returnAccount: returnShipping?.carrierAccountNumber ?? null,
    deliveryCarrier: job.carrierName,
    deliveryTracking: job.trackingNumber,
    shipDate: job.shipDateRaw,
    blocking: blocking(context, job),
  };
}
