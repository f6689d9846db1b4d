import { checkScanCode, echoCode, normalizeCode, type InvalidScanReason } from '../../../shared/domain/serial';
import { EXPORT_JOB, NOT_YET_SHIPPING_JOB_STATES } from '../../../shared/domain/job-states';
import type { ScanResult, ScanVerdict } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { DriveRow, JobRow, PackageRow } from '../../db/rows';
import { REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import { nearMissesOf } from '../../../shared/domain/near-miss';
import type { CoreContext } from '../context';
import { recordDriveCreation, recordDriveTransition } from '../record-transition';
import { packageTally, toDriveInfo } from '../to-results';
import { loadOpenPackage } from './load-open-package';

const INVALID_MESSAGES: Readonly<Record<InvalidScanReason, string>> = {
  empty: 'The scan was empty.',
  controlCharacters: 'The scan holds control characters: check the scanner settings.',
  tooLong: 'The scan is far too long for a drive serial.',
  badCharacters: 'The scan holds characters no drive serial has.',
  trackingNumber: "That is this package's own tracking number, not a drive serial.",
};

/** What a scan decided before anything is written. */
interface Decision {
  readonly verdict: ScanVerdict;
  readonly serial: string;
  readonly message: string;
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

function decideForJob(context: CoreContext, pkg: PackageRow, job: JobRow, serial: string, rawCode: string): Decision {
  const { store } = context;
  const own = store.drives.findInJob(job.rowId, serial);
  if (own !== undefined && own.state === REMOVED_DRIVE_STATE) {
    // An undone extra or registered drive scanned again: the same row comes back.
    return {
      verdict: own.isExtra ? 'extra' : 'registered',
      serial,
      message: `${serial} ${own.isExtra ? 'is an extra drive again' : 'registered again'} for job ${job.name}.`,
      knownDrive: own,
      apply: receiveListedDrive(context, own, pkg),
    };
  }
  if (own !== undefined) {
    if (own.state === 'Specified') {
      return { verdict: 'received', serial, message: `${serial} received for job ${job.name}.`, knownDrive: own, apply: receiveListedDrive(context, own, pkg) };
    }
    if (own.state === 'NeverReceived') {
      return { verdict: 'recovered', serial, message: `${serial} was NeverReceived: recovered, now Received.`, knownDrive: own, apply: receiveListedDrive(context, own, pkg) };
    }
    return { verdict: 'duplicate', serial, knownDrive: own, message: `${serial} was already scanned (${own.state}): nothing changed.` };
  }

  const elsewhere = store.drives.findListedElsewhere(serial, job.rowId);
  const awaiting = elsewhere.find((drive) => RECEIVABLE_STATES.includes(drive.state));
  const awaitingJob = awaiting === undefined ? undefined : store.jobs.findByRowId(awaiting.jobRowId);
  if (awaiting !== undefined && awaitingJob !== undefined && NOT_YET_SHIPPING_JOB_STATES.includes(awaitingJob.state)) {
    return {
      verdict: 'held',
      serial,
      belongsToJobId: awaiting.jobName,
      message: `${serial} belongs to job ${awaiting.jobName}, which is not Shipping yet: hold the drive apart; nothing is received.`,
    };
  }
  if (awaiting !== undefined) {
    const recovered = awaiting.state === 'NeverReceived';
    return {
      verdict: recovered ? 'recovered' : 'otherJob',
      serial,
      belongsToJobId: awaiting.jobName,
      message: recovered
        ? `${serial} was NeverReceived in job ${awaiting.jobName}: recovered for that job. Put it with job ${awaiting.jobName}.`
        : `${serial} belongs to job ${awaiting.jobName}, not ${job.name}: received for job ${awaiting.jobName}. Put it with job ${awaiting.jobName}.`,
      knownDrive: awaiting,
      apply: receiveListedDrive(context, awaiting, pkg),
    };
  }
  const known = elsewhere[0];
  if (known === undefined && (store.jobs.findByTrackingNumber(serial) !== undefined || store.packages.findByTrackingNumber(serial) !== undefined)) {
    return { verdict: 'invalid', serial, message: INVALID_MESSAGES.trackingNumber, reason: 'trackingNumber' };
  }
  if (known !== undefined) {
    return {
      verdict: 'duplicate',
      serial,
      belongsToJobId: known.jobName,
      knownDrive: known,
      message: `${serial} belongs to job ${known.jobName} and is already ${known.state} there: nothing changed.`,
    };
  }

  if (job.jobType === EXPORT_JOB) {
    const registered = store.drives.countRegisteredInPackage(job.rowId, pkg.rowId);
    const declared = pkg.declaredDriveCount;
    if (declared === null || registered < declared) {
      return {
        verdict: 'registered',
        serial,
        message: `${serial} registered for export job ${job.name}${declared === null ? '' : ` (${registered + 1} of ${declared})`}.`,
        apply: createDrive(context, job, pkg, serial, rawCode, false),
      };
    }
    return {
      verdict: 'extra',
      serial,
      message: `${serial} is one more than the ${declared} drives declared for export job ${job.name}: kept as an extra drive and flagged.`,
      apply: createDrive(context, job, pkg, serial, rawCode, true),
    };
  }
  return {
    verdict: 'extra',
    serial,
    message: `${serial} is in no job: extra drive, not processed; kept with job ${job.name} and returned when it completes.`,
    apply: createDrive(context, job, pkg, serial, rawCode, true),
  };
}

function findNearMisses(context: CoreContext, jobRowId: number, serial: string): string[] {
  const waiting = context.store.drives.listForJob(jobRowId).filter((drive) => !drive.isExtra && drive.state === 'Specified');
  return nearMissesOf(serial, waiting.map((drive) => drive.serial));
}

function invalid(reason: InvalidScanReason, code: string, context: CoreContext, pkg: PackageRow): ScanResult {
  return {
    scanId: null,
    nearMisses: [],
    verdict: 'invalid',
    serial: null,
    drive: null,
    reason,
    belongsToJobId: null,
    tally: packageTally(context.store, pkg.rowId),
    message: `Not a drive serial: ${echoCode(code)}. ${INVALID_MESSAGES[reason]}`,
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
      pkg.held || job === undefined
        ? {
            verdict: 'held',
            serial: check.serial,
            message: `${check.serial} held with package ${pkg.trackingNumber}: its job is not Shipping, nothing is received.`,
          }
        : decideForJob(context, pkg, job, check.serial, params.code);
    if (decision.verdict === 'invalid') return invalid(decision.reason ?? 'trackingNumber', params.code, context, pkg);

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
      message: decision.message,
    };
  });
}
