import { DeskError } from '../../../shared/rpc/envelope';
import { normalizeCode, checkScanCode, echoCode } from '../../../shared/domain/serial';
import { NOT_YET_SHIPPING_JOB_STATES } from '../../../shared/domain/job-states';
import type { CarrierInfo, CheckInResult, CheckInVerdict } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { JobRow, PackageRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { expectedDrives, packageTally, toJobSummary, toPackageInfo, toScanInfo } from '../to-results';
import { said } from '../i18n/core-texts';
import { readCarrier, sameCarrier } from './carriers';
import { releaseHeldPackage } from '../packages/release';

function verdictFor(job: JobRow | undefined): CheckInVerdict {
  if (job === undefined) return 'unknown';
  return NOT_YET_SHIPPING_JOB_STATES.includes(job.state) ? 'notShipping' : 'matched';
}

/** What the check-in did, in the catalogue's words: each case its own text. */
function checkInSaid(verdict: CheckInVerdict, released: boolean, pkg: PackageRow, job: JobRow | undefined): ReturnType<typeof said> {
  const tracking = pkg.trackingNumber;
  switch (verdict) {
    case 'matched':
      return said(released ? 'checkInReleased' : 'checkInMatched', { tracking, job: job?.name ?? '' });
    case 'notShipping':
      return said('checkInNotShipping', { tracking, job: job?.name ?? '', jobState: job?.state ?? '' });
    case 'unknown':
      return said('checkInUnknown', { tracking });
    case 'reopened':
      if (pkg.held) return said('checkInReopenedHeld', { tracking });
      return job === undefined ? said('checkInReopened', { tracking }) : said('checkInReopenedForJob', { tracking, job: job.name });
  }
}

interface CarrierDecision {
  readonly carrier: CarrierInfo | null;
  /** The carrier read from the number, when one was. */
  readonly read: string | null;
  readonly mismatch: { readonly declared: string; readonly read: string } | null;
}

/**
 * Which carrier brought the package: what the operator said, else what the number says, else the
 * job's declared carrier. A number that fits a carrier's format and fails its check digit was
 * misread, unless it is a tracking number the desk already knows (a job's or a package's).
 */
function decideCarrier(trackingNumber: string, operatorSaid: string | undefined, job: JobRow | undefined, known: boolean): CarrierDecision {
  const reading = readCarrier(trackingNumber);
  if (reading.kind === 'misread' && !known) {
    throw new DeskError(
      'misread',
      `trackingNumber: ${trackingNumber} looks like a ${reading.formats.join(' or ')} tracking number but its check digit is wrong: it was misread. Scan it again; nothing was recorded.`,
      { formats: reading.formats },
      { key: 'trackingNumberMisread', params: { trackingNumber, formats: reading.formats.join(', ') } },
    );
  }
  const read = reading.kind === 'carrier' ? reading : null;
  const declared = job?.carrierName ?? null;
  // A number valid for several carriers (a 22-digit FedEx or USPS) is the job's carrier when it is one of them.
  const readName = read === null ? null : declared !== null && read.candidates.some((name) => sameCarrier(name, declared)) ? declared : read.carrier;
  const mismatch = readName !== null && declared !== null && !sameCarrier(readName, declared) ? { declared, read: readName } : null;
  const carrier: CarrierInfo | null =
    operatorSaid !== undefined && operatorSaid.trim() !== ''
      ? { name: operatorSaid.trim(), source: 'operator', format: read?.format ?? null }
      : readName !== null
        ? { name: readName, source: 'trackingNumber', format: read?.format ?? null }
        : declared !== null
          ? { name: declared, source: 'job', format: null }
          : null;
  return { carrier, read: readName, mismatch };
}

function carrierNote(mismatch: CarrierDecision['mismatch']): string | null {
  return mismatch === null ? null : `The job declares ${mismatch.declared}; the tracking number is ${mismatch.read}'s.`;
}

/** `packages.checkIn`: records the package's arrival and says what to do with it. */
export function checkInPackage(context: CoreContext, params: MethodParams<'packages.checkIn'>): CheckInResult {
  const { store } = context;
  const trackingNumber = normalizeCode(params.trackingNumber);
  if (!checkScanCode(trackingNumber).ok) {
    throw new DeskError('invalid_params', `trackingNumber: ${echoCode(params.trackingNumber)} is not a tracking number`, undefined, {
      key: 'notATrackingNumber',
      params: { code: echoCode(params.trackingNumber) },
    });
  }
  const existing = store.packages.findByTrackingNumber(trackingNumber);
  const knownJob = store.jobs.findByTrackingNumber(trackingNumber);
  const decision = decideCarrier(trackingNumber, params.carrierName, knownJob, existing !== undefined || knownJob !== undefined);
  const { packageId, verdict, released } = store.transaction(() => {
    if (existing !== undefined) return checkInAgain(context, existing, trackingNumber, params);
    const job = store.jobs.findByTrackingNumber(trackingNumber);
    const checkInVerdict = verdictFor(job);
    const actor = context.actor();
    const packageId = store.packages.insert({
      trackingNumber,
      carrierName: decision.carrier?.name ?? null,
      jobRowId: job?.rowId ?? null,
      verdict: checkInVerdict,
      held: checkInVerdict !== 'matched',
      declaredDriveCount: job?.declaredDriveCount ?? null,
      at: actor.at,
      operator: actor.operator,
      deskId: actor.deskId,
      damaged: params.damaged,
      damageNote: params.damaged ? (params.damageNote ?? null) : null,
      carrierRead: decision.read,
      carrierNote: carrierNote(decision.mismatch),
    });
    if (params.damaged) store.events.appendPackageEvent({ packageId, kind: 'damage', note: params.damageNote ?? null }, actor);
    return { packageId, verdict: checkInVerdict, released: false };
  });
  const pkg = store.packages.findById(packageId);
  if (pkg === undefined) throw new DeskError('internal', `package ${packageId} vanished after check-in`, undefined, { key: 'unexpectedFailure', params: { method: 'packages.checkIn' } });
  const job = pkg.jobRowId === null ? undefined : store.jobs.findByRowId(pkg.jobRowId);
  return {
    packageId,
    verdict,
    package: toPackageInfo(pkg),
    job: job === undefined ? null : toJobSummary(store, job),
    expected: expectedDrives(store, pkg.jobRowId),
    tally: packageTally(store, packageId),
    scans: store.scans.listForPackage(pkg.rowId).map(toScanInfo),
    ...checkInSaid(verdict, released, pkg, job),
    carrier: pkg.carrierName === null ? null : { name: pkg.carrierName, source: decision.carrier?.source ?? 'job', format: decision.carrier?.format ?? null },
    carrierMismatch: decision.mismatch,
  };
}

/**
 * A package scanned at check-in again: reopened; a held one whose job is Shipping now is released
 * (its held drives received by the normal rules); one that was returned or destroyed is refused.
 */
function checkInAgain(
  context: CoreContext,
  existing: PackageRow,
  trackingNumber: string,
  params: MethodParams<'packages.checkIn'>,
): { packageId: number; verdict: CheckInVerdict; released: boolean } {
  const { store } = context;
  if (existing.outcome === 'returned' || existing.outcome === 'destroyed') {
    throw new DeskError(
      'conflict',
      `Package ${trackingNumber} was ${existing.outcome} on ${(existing.outcomeAt ?? '').slice(0, 10)}: it is no longer at the desk. Nothing was recorded.`,
      { outcome: existing.outcome },
      { key: existing.outcome === 'returned' ? 'packageAlreadyReturned' : 'packageAlreadyDestroyed', params: { trackingNumber, date: (existing.outcomeAt ?? '').slice(0, 10) } },
    );
  }
  if (existing.status === 'closed') store.packages.reopen(existing.rowId);
  if (params.damaged && !existing.damaged) {
    store.packages.markDamaged(existing.rowId, params.damageNote ?? null);
    store.events.appendPackageEvent({ packageId: existing.rowId, kind: 'damage', note: params.damageNote ?? null }, context.actor());
  }
  const nowKnown = existing.held && existing.outcome === null ? store.jobs.findByTrackingNumber(trackingNumber) : undefined;
  if (nowKnown !== undefined && verdictFor(nowKnown) === 'matched') {
    // The job was created or moved to Shipping since: the held package is released now.
    releaseHeldPackage(context, existing, nowKnown);
    return { packageId: existing.rowId, verdict: 'matched', released: true };
  }
  return { packageId: existing.rowId, verdict: 'reopened', released: false };
}
