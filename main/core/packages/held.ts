/**
 * Held packages to their end (docs/receiving-rules.md, "Held packages"): a package whose job is not
 * Shipping, or unknown, is held with its drives until it is released (the job reached Shipping),
 * returned to the sender (from 14 days, or earlier at the customer's request) or destroyed (from 90
 * days unclaimed). Each end is a recorded step; contacts with the customer are logged on the package.
 */
import { DeskError } from '../../../shared/rpc/envelope';
import { HELD_DESTROY_AFTER_DAYS, HELD_RETURN_AFTER_DAYS, addDays } from '../../../shared/domain/deadlines';
import { normalizeCode } from '../../../shared/domain/serial';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CertificateInfo, HeldDriveInfo, HeldPackageResult, PackageEventInfo, PackageHistory, PhotoInfo } from '../../../shared/rpc/results';
import type { CertificateRow } from '../../db/certificates-repository';
import type { PhotoRow } from '../../db/photos-repository';
import type { PackageRow } from '../../db/rows';
import type { ScanRow } from '../../db/scans-repository';
import type { DeskStore } from '../../db/desk-store';
import type { CoreContext } from '../context';
import { loadPackage } from '../receiving/load-open-package';
import { toDriveInfo, toPackageInfo } from '../to-results';

/** The first scan of each serial held in a package (undone scans left out): the held drives. */
export function heldScans(store: DeskStore, packageId: number): ScanRow[] {
  const seen = new Set<string>();
  return store.scans.listForPackage(packageId).filter((scan) => {
    if (scan.verdict !== 'held' || scan.undoneAt !== null || seen.has(scan.serial)) return false;
    seen.add(scan.serial);
    return true;
  });
}

export function heldDrivesOf(store: DeskStore, pkg: PackageRow): HeldDriveInfo[] {
  return heldScans(store, pkg.rowId).map((scan) => {
    const drive = scan.driveRowId === null ? null : toDriveInfo(store.drives.findByRowId(scan.driveRowId));
    return { serial: scan.serial, state: pkg.outcome ?? 'held', drive };
  });
}

/** A package that is held and has not ended yet; anything else is refused with why. */
export function loadHeldPackage(context: CoreContext, packageId: number): PackageRow {
  const pkg = loadPackage(context, packageId);
  if (pkg.outcome !== null) {
    throw new DeskError(
      'conflict',
      `Package ${pkg.trackingNumber} was already ${pkg.outcome} on ${(pkg.outcomeAt ?? '').slice(0, 10)}.`,
      { outcome: pkg.outcome },
      { key: 'heldPackageEnded', params: { trackingNumber: pkg.trackingNumber, outcome: pkg.outcome, date: (pkg.outcomeAt ?? '').slice(0, 10) } },
    );
  }
  if (!pkg.held) {
    throw new DeskError('conflict', `Package ${pkg.trackingNumber} is not held: its job is Shipping and its drives are received as usual.`, undefined, {
      key: 'packageNotHeld',
      params: { trackingNumber: pkg.trackingNumber },
    });
  }
  return pkg;
}

export function toPhotoInfo(row: PhotoRow): PhotoInfo {
  return { id: row.photoId, packageId: row.packageId, sha256: row.sha256, bytes: row.bytes, contentType: row.contentType, operator: row.operator, takenAt: row.takenAt };
}

export function toCertificateInfo(row: CertificateRow): CertificateInfo {
  const content = JSON.parse(row.contentJson) as CertificateInfo['content'];
  return {
    id: row.rowId,
    kind: row.kind,
    packageId: row.packageId,
    jobId: row.jobName,
    contentSha256: row.contentSha256,
    performedBy: row.performedBy,
    validatedBy: row.validatedBy,
    createdAt: row.createdAt,
    serials: content.media.map((medium) => medium.serial),
    content,
  };
}

/** `packages.history`: one package's custody: held drives, contacts, how it ended, damage, photos, certificates. */
export function packageHistory(context: CoreContext, packageId: number): PackageHistory {
  const { store } = context;
  const pkg = loadPackage(context, packageId);
  const events: PackageEventInfo[] = store.events.listForPackage(pkg.rowId).map((event) => ({
    kind: event.kind,
    note: event.note,
    operator: event.operator,
    confirmedBy: event.confirmedBy,
    at: event.at,
    certificateId: event.certificateId,
  }));
  return {
    package: toPackageInfo(pkg),
    heldDrives: heldDrivesOf(store, pkg),
    events,
    photos: store.photos.listForPackage(pkg.rowId).map(toPhotoInfo),
    certificates: store.certificates.listForPackage(pkg.rowId).map(toCertificateInfo),
    returnCarrier: pkg.returnCarrier,
    returnTrackingNumber: pkg.returnTrackingNumber,
  };
}

function heldResult(context: CoreContext, packageId: number): HeldPackageResult {
  const history = packageHistory(context, packageId);
  return { package: history.package, history };
}

/** `packages.recordContact`: a call or mail to the customer about a held package. */
export function recordPackageContact(context: CoreContext, params: MethodParams<'packages.recordContact'>): HeldPackageResult {
  context.store.transaction(() => {
    const pkg = loadHeldPackage(context, params.packageId);
    context.store.events.appendPackageEvent({ packageId: pkg.rowId, kind: 'contact', note: params.note.trim() }, context.actor());
  });
  return heldResult(context, params.packageId);
}

/**
 * `packages.returnHeld`: the held drives go back to the sender. From 14 days held by the desk's
 * clock; earlier only when the customer asked, which is recorded with the return.
 */
export function returnHeldPackage(context: CoreContext, params: MethodParams<'packages.returnHeld'>): HeldPackageResult {
  const { store } = context;
  store.transaction(() => {
    const pkg = loadHeldPackage(context, params.packageId);
    const now = context.clock.now().toISOString();
    const returnFrom = addDays(pkg.checkedInAt, HELD_RETURN_AFTER_DAYS);
    const customerRequest = params.customerRequest?.trim() ?? '';
    if (now < returnFrom && customerRequest === '') {
      throw new DeskError(
        'conflict',
        `Package ${pkg.trackingNumber} has been held since ${pkg.checkedInAt.slice(0, 10)}: it goes back from ${returnFrom.slice(0, 10)} (14 days), or earlier when the customer asks: say so in customerRequest.`,
        { returnFrom },
        { key: 'returnTooEarly', params: { trackingNumber: pkg.trackingNumber, date: returnFrom.slice(0, 10) } },
      );
    }
    const trackingNumber = normalizeCode(params.trackingNumber);
    store.packages.setReturn(pkg.rowId, params.carrierName.trim(), trackingNumber);
    store.packages.setOutcome(pkg.rowId, 'returned', now);
    const note = `${params.carrierName.trim()} ${trackingNumber}${customerRequest === '' ? '' : ` (customer's request: ${customerRequest})`}`;
    store.events.appendPackageEvent({ packageId: pkg.rowId, kind: 'return', note }, context.actor());
  });
  return heldResult(context, params.packageId);
}

/** When a held package may be destroyed: 90 days after it was checked in, by the desk's clock. */
export function destroyFrom(pkg: PackageRow): string {
  return addDays(pkg.checkedInAt, HELD_DESTROY_AFTER_DAYS);
}
