import { checkScanCode, echoCode, type InvalidScanReason } from '../../../shared/domain/serial';
import type { CodeLookup } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { said } from '../i18n/core-texts';

const INVALID_KEYS: Readonly<Record<InvalidScanReason, string>> = {
  empty: 'scanInvalidEmpty',
  controlCharacters: 'scanInvalidControlCharacters',
  tooLong: 'scanInvalidTooLong',
  badCharacters: 'scanInvalidBadCharacters',
  trackingNumber: 'scanInvalidOwnTrackingNumber',
};

/**
 * `codes.lookup`: what a code scanned or typed on any screen is at this desk, so no scan is dropped
 * (docs/receiving-rules.md, "A scan anywhere"): a package's tracking number (known, or a job's),
 * a drive's serial (on a job's list, or held in a package), or nothing known here, said why.
 * Nothing is recorded.
 */
export function lookupCode(context: CoreContext, params: MethodParams<'codes.lookup'>): CodeLookup {
  const { store } = context;
  const check = checkScanCode(params.code);
  if (!check.ok) return { kind: 'unknown', code: echoCode(params.code), ...said(INVALID_KEYS[check.reason], { code: echoCode(params.code) }) };
  const code = check.serial;
  const pkg = store.packages.findByTrackingNumber(code);
  const job = store.jobs.findByTrackingNumber(code);
  if (pkg !== undefined || job !== undefined) {
    return { kind: 'package', trackingNumber: code, packageId: pkg?.rowId ?? null, jobId: pkg?.jobName ?? job?.name ?? null };
  }
  const drives = store.drives.findBySerial(code);
  if (drives.length > 0 || store.scans.listHeldForSerial(code).length > 0) {
    return { kind: 'drive', serial: code, jobIds: [...new Set(drives.map((drive) => drive.jobName))] };
  }
  return { kind: 'unknown', code, ...said('lookupUnknown', { code }) };
}
