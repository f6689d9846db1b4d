import { checkScanCode, echoCode, normalizeCode, type InvalidScanReason } from '../../../shared/domain/serial';
import { EXPORT_JOB, NOT_YET_SHIPPING_JOB_STATES } from '../../../shared/domain/job-states';
import type { ScanResult, ScanVerdict } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { DriveRow, JobRow, PackageRow } from '../../db/rows';
import { isKnownDriveState, REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import { nearMissesOf } from '../../../shared/domain/near-miss';
import type { CoreContext } from '../context';
import { recordDriveCreation, recordDriveTransition } from '../record-transition';
import { packageTally, toDriveInfo } from '../to-results';
import { loadOpenPackage } from './load-open-package';
import { said } from '../i18n/core-texts';

/** Why a code is not a drive serial, in the catalogue's words. */
const INVALID_KEYS: Readonly<Record<InvalidScanReason, string>> = {
  empty: 'scanInvalidEmpty',
  controlCharacters: 'scanInvalidControlCharacters',
  tooLong: 'scanInvalidTooLong',
  badCharacters: 'scanInvalidBadCharacters',
  trackingNumber: 'scanInvalidOwnTrackingNumber',
};

/** What a scan decided before anything is written. */
export interface Decision {
  readonly verdict: ScanVerdict;
  readonly serial: string;
  /** What happened, exactly, for the verdict's message (docs/receiving-rules.md). */
  readonly said: ReturnType<typeof said>;
  readonly belongsToJobId?: string;
  /** For an invalid scan found only by looking it up (another package's tracking number). */
  readonly reason?: InvalidScanReason;
  /** The existing drive this scan is about (received, recovered or a duplicate), linked from the scan row. */
  readonly knownDrive?: DriveRow;
  /** Applied inside the transaction once the scan row exists; returns the drive it touched. */
  readonly apply?: (scanId: number) => DriveRow;
}

const RECEIVABLE_STATES: readonly string[] = ['Specified', 'NeverReceived'];

function receiveListedDrive(context: CoreContext, drive: DriveRow, pkg: PackageRow): (scanId: number) => DriveRow {
  return (scanId) => {
    recordDriveTransition(context, drive, 'Received', null, { packageId: pkg.rowId, scanId });
    return context.store.drives.findByRowId(drive.rowId);
  };
}

function createDrive(
  context: CoreContext,
  job: JobRow,
  pkg: PackageRow,
  serial: string,
  rawCode: string,
  isExtra: boolean,
): (scanId: number) => DriveRow {
  return (scanId) => {
    const driveRowId = context.store.drives.insert({
      jobRowId: job.rowId,
      serial,
      serialAsWritten: rawCode.trim(),
      state: 'Received',
      isExtra,
      packageId: pkg.rowId,
      manifestFile: null,
      manifestHash: null,
      driveHeaderHash: null,
      copyStatus: null,
      percentComplete: null,
    });
    const drive = context.store.drives.findByRowId(driveRowId);
    recordDriveCreation(context, drive, { reason: isExtra ? 'extraDrive' : 'registered', packageId: pkg.rowId, scanId });
    return drive;
  };
}

export function decideForJob(context: CoreContext, pkg: PackageRow, job: JobRow, serial: string, rawCode: string): Decision {
  const { store } = context;
  const own = store.drives.findInJob(job.rowId, serial);
  if (own !== undefined && own.state === REMOVED_DRIVE_STATE) {
    // An undone extra or registered drive scanned again: the same row comes back.
    return {
      verdict: own.isExtra ? 'extra' : 'registered',
      serial,
      said: said(own.isExtra ? 'scanExtraAgain' : 'scanRegisteredAgain', { serial, job: job.name }),
      knownDrive: own,
      apply: receiveListedDrive(context, own, pkg),
    };
  }
  if (own !== undefined) {
    if (own.state === 'Specified') {
      return { verdict: 'received', serial, said: said('scanReceived', { serial, job: job.name }), knownDrive: own, apply: receiveListedDrive(context, own, pkg) };
    }
    if (own.state === 'NeverReceived') {
      return { verdict: 'recovered', serial, said: said('scanRecovered', { serial, job: job.name }), knownDrive: own, apply: receiveListedDrive(context, own, pkg) };
    }
    if (!isKnownDriveState(own.state)) {
      // A state the upstream invented: the scan is kept and says it; operations move the drive on.
      return { verdict: 'duplicate', serial, knownDrive: own, said: said('scanUnknownState', { serial, job: job.name, state: own.state }) };
    }
    return { verdict: 'duplicate', serial, knownDrive: own, said: said('scanDuplicate', { serial, job: job.name, state: own.state }) };
  }

  const elsewhere = store.drives.findListedElsewhere(serial, job.rowId);
  const awaiting = elsewhere.find((drive) => RECEIVABLE_STATES.includes(drive.state));
  const awaitingJob = awaiting === undefined ? undefined : store.jobs.findByRowId(awaiting.jobRowId);
  if (awaiting !== undefined && awaitingJob !== undefined && NOT_YET_SHIPPING_JOB_STATES.includes(awaitingJob.state)) {
    return {
      verdict: 'held',
      serial,
      belongsToJobId: awaiting.jobName,
      said: said('scanHeldJobNotShipping', { serial, job: awaiting.jobName, jobState: awaitingJob.state }),
    };
  }
  if (awaiting !== undefined) {
    const recovered = awaiting.state === 'NeverReceived';
    return {
      verdict: recovered ? 'recovered' : 'otherJob',
      serial,
      belongsToJobId: awaiting.jobName,
      said: said(recovered ? 'scanRecoveredOtherJob' : 'scanOtherJob', { serial, job: awaiting.jobName, packageJob: job.name }),
      knownDrive: awaiting,
      apply: receiveListedDrive(context, awaiting, pkg),
    };
  }
  const known = elsewhere[0];
  if (known === undefined && (store.jobs.findByTrackingNumber(serial) !== undefined || store.packages.findByTrackingNumber(serial) !== undefined)) {
    return { verdict: 'invalid', serial, said: said('scanInvalidOtherTrackingNumber', { code: serial }), reason: 'trackingNumber' };
  }
  if (known !== undefined) {
    return {
      verdict: 'duplicate',
      serial,
      belongsToJobId: known.jobName,
      knownDrive: known,
      said: said('scanDuplicateOtherJob', { serial, job: known.jobName, state: known.state }),
    };
  }

  if (job.jobType === EXPORT_JOB) {
    const registered = store.drives.countRegisteredInPackage(job.rowId, pkg.rowId);
    const declared = pkg.declaredDriveCount;
    if (declared === null || registered < declared) {
      return {
        verdict: 'registered',
        serial,
        said:
          declared === null
            ? said('scanRegistered', { serial, job: job.name })
            : said('scanRegisteredOf', { serial, job: job.name, count: registered + 1, declared }),
        apply: createDrive(context, job, pkg, serial, rawCode, false),
      };
    }
    return {
      verdict: 'extra',
      serial,
      said: said('scanExportOverCount', { serial, job: job.name, declared }),
      apply: createDrive(context, job, pkg, serial, rawCode, true),
    };
  }
  return {
    verdict: 'extra',
    serial,
    said: said('scanExtra', { serial, job: job.name }),
    apply: createDrive(context, job, pkg, serial, rawCode, true),
  };
}

/**
 * A held package holds everything scanned into it; the message says why: its job is not Shipping,
 * no job has its tracking number, or (the drive belongs to a Shipping job) the package is held.
 */
function decideForHeldPackage(context: CoreContext, pkg: PackageRow, job: JobRow | undefined, serial: string): Decision {
  // The same serial scanned into the same held package again is one drive: a duplicate, counted once.
  const again = context.store.scans.listForPackage(pkg.rowId).some((scan) => scan.verdict === 'held' && scan.serial === serial && scan.undoneAt === null);
  if (again) return { verdict: 'duplicate', serial, said: said('scanHeldAgain', { serial, tracking: pkg.trackingNumber }) };
  const owner = context.store.drives.findBySerial(serial).find((drive) => RECEIVABLE_STATES.includes(drive.state));
  const ownerJob = owner === undefined ? undefined : context.store.jobs.findByRowId(owner.jobRowId);
  const tracking = pkg.trackingNumber;
  if (ownerJob !== undefined && ownerJob.rowId !== job?.rowId && !NOT_YET_SHIPPING_JOB_STATES.includes(ownerJob.state)) {
    return { verdict: 'held', serial, belongsToJobId: ownerJob.name, said: said('scanHeldInHeldPackage', { serial, tracking, job: ownerJob.name }) };
  }
  const belongs = ownerJob === undefined || ownerJob.rowId === job?.rowId ? {} : { belongsToJobId: ownerJob.name };
  if (job === undefined) return { verdict: 'held', serial, ...belongs, said: said('scanHeldUnknownPackage', { serial, tracking }) };
  return { verdict: 'held', serial, ...belongs, said: said('scanHeldPackageNotShipping', { serial, tracking, job: job.name, jobState: job.state }) };
}

function findNearMisses(context: CoreContext, jobRowId: number, serial: string): string[] {
  const waiting = context.store.drives.listForJob(jobRowId).filter((drive) => !drive.isExtra && drive.state === 'Specified');
  return nearMissesOf(serial, waiting.map((drive) => drive.serial));
}

function invalid(reason: InvalidScanReason, code: string, context: CoreContext, pkg: PackageRow, why?: ReturnType<typeof said>): ScanResult {
  const { text, message } = why ?? said(INVALID_KEYS[reason], { code: echoCode(code) });
  return {
    scanId: null,
    nearMisses: [],
    verdict: 'invalid',
    serial: null,
    drive: null,
    reason,
    belongsToJobId: null,
    tally: packageTally(context.store, pkg.rowId),
    message,
    text,
  };
}

/** `scans.record`: one scan, one verdict, one transaction. An invalid scan changes nothing. */
export function recordScan(context: CoreContext, params: MethodParams<'scans.record'>): ScanResult {
  const { store } = context;
  return store.transaction(() => {
    const pkg = loadOpenPackage(context, params.packageId);
    const check = checkScanCode(params.code);
    if (!check.ok) return invalid(check.reason, params.code, context, pkg);
    if (check.serial === normalizeCode(pkg.trackingNumber)) return invalid('trackingNumber', params.code, context, pkg);

    const job = pkg.jobRowId === null ? undefined : store.jobs.findByRowId(pkg.jobRowId);
    const decision: Decision =
      pkg.held || job === undefined ? decideForHeldPackage(context, pkg, job, check.serial) : decideForJob(context, pkg, job, check.serial, params.code);
    if (decision.verdict === 'invalid') return invalid(decision.reason ?? 'trackingNumber', params.code, context, pkg, decision.said);

    const actor = context.actor();
    const scanId = store.scans.insert(
      {
        packageId: pkg.rowId,
        serial: decision.serial,
        verdict: decision.verdict,
        driveRowId: decision.knownDrive?.rowId ?? null,
        keyed: params.keyed,
      },
      actor,
    );
    const drive = decision.apply?.(scanId);
    // Only a drive the scan itself created gets its row id after the scan row exists.
    if (drive !== undefined && decision.knownDrive === undefined) store.scans.setDrive(scanId, drive.rowId);
    return {
      scanId,
      nearMisses: decision.verdict === 'extra' && job !== undefined ? findNearMisses(context, job.rowId, decision.serial) : [],
      verdict: decision.verdict,
      serial: decision.serial,
      drive: drive === undefined ? null : toDriveInfo(drive),
      reason: null,
      belongsToJobId: decision.belongsToJobId ?? null,
      tally: packageTally(store, pkg.rowId),
      message: decision.said.message,
      text: decision.said.text,
    };
  });
}
