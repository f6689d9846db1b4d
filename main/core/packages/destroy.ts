/**
 * Secure destruction of held drives unclaimed for 90 days, and of the drives of a job whose return
 * address stayed wrong for 90 days: a supervisor action, validated by a second person's badge, with
 * a NIST SP 800-88 certificate per package and a batch summary when several go together.
 */
import { DeskError } from '../../../shared/rpc/envelope';
import { HELD_DESTROY_AFTER_DAYS, addDays } from '../../../shared/domain/deadlines';
import { legalDriveMoves } from '../../../shared/domain/drive-states';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CertificateContent, DestroyResult, JobDestroyResult } from '../../../shared/rpc/results';
import type { PackageRow } from '../../db/rows';
import type { CoreContext } from '../context';
import { requireSecondPerson, requireSupervisor } from '../operators/authorize';
import { recordDriveTransition } from '../record-transition';
import { toJobSummary, toPackageInfo } from '../to-results';
import { certificateContent, certificateNumber, certificatePerson, contentHash, mediaFor, type DestructionFields } from './certificate';
import { destroyFrom, heldScans, loadHeldPackage, toCertificateInfo } from './held';
import { ADDRESS_FLAG_PREFIX } from '../labels/addresses';
import { BLOCKED_DESTROY_AFTER_DAYS, drivesToDestroy } from '../deadlines/list-deadlines';

/** The reason on the transition of a drive destroyed at the desk. */
export const DESTROYED_REASON = 'destroyedUnclaimed';

function fieldsOf(params: DestructionFields): DestructionFields {
  return {
    methodType: params.methodType,
    method: params.method,
    methodDetails: params.methodDetails,
    tool: params.tool,
    toolVersion: params.toolVersion,
    verification: params.verification,
    destination: params.destination,
    mediaType: params.mediaType,
    notes: params.notes,
  };
}

function sourceOf(pkg: PackageRow): string {
  return pkg.jobName ?? `unknown (package ${pkg.trackingNumber})`;
}

function refuseTooEarly(pkg: PackageRow, now: string): void {
  const from = destroyFrom(pkg);
  if (now >= from) return;
  throw new DeskError(
    'conflict',
    `Package ${pkg.trackingNumber} has been held since ${pkg.checkedInAt.slice(0, 10)}: its drives may be destroyed from ${from.slice(0, 10)} (${HELD_DESTROY_AFTER_DAYS} days unclaimed), not before.`,
    { destroyFrom: from },
    { key: 'destroyTooEarly', params: { trackingNumber: pkg.trackingNumber, date: from.slice(0, 10) } },
  );
}

/** `packages.destroy`: one package or several (a batch), all or none. */
export async function destroyPackages(context: CoreContext, params: MethodParams<'packages.destroy'>): Promise<DestroyResult> {
  const { store } = context;
  const packageIds = 'packageIds' in params ? [...new Set(params.packageIds)] : [params.packageId];
  const now = context.clock.now().toISOString();
  // Checked before the badge: a package not due yet is refused whoever scans.
  for (const packageId of packageIds) refuseTooEarly(loadHeldPackage(context, packageId), now);
  const { confirmedBy } = await requireSupervisor(context, params.supervisorBadge, { kind: 'irreversible', name: 'packages.destroy' });
  const validator = confirmedBy as string;
  const actor = context.actor();
  requireSecondPerson(actor.operator, validator);
  const fields = fieldsOf(params);

  const ids = store.transaction(() => {
    const performedBy = certificatePerson(context, actor.operator);
    const validatedBy = certificatePerson(context, validator);
    const created: { certificateId: number; content: CertificateContent; hash: string }[] = [];
    for (const packageId of packageIds) {
      // Again inside the transaction: nothing may have ended it since the checks above.
      const pkg = loadHeldPackage(context, packageId);
      refuseTooEarly(pkg, now);
      const content = certificateContent(
        {
          certificateNumber: certificateNumber(context, 'P', pkg.rowId, now),
          kind: 'package',
          subject: `package ${pkg.trackingNumber}${pkg.jobName === null ? '' : ` for job ${pkg.jobName}`}`,
          media: mediaFor(heldScans(store, pkg.rowId).map((scan) => scan.serial), sourceOf(pkg), fields.mediaType),
          performedBy,
          validatedBy,
          date: now,
        },
        fields,
      );
      const hash = contentHash(content);
      const certificateId = store.certificates.insert({
        kind: 'package',
        packageId: pkg.rowId,
        jobName: pkg.jobName,
        contentJson: JSON.stringify(content),
        contentSha256: hash,
        performedBy: actor.operator,
        validatedBy: validator,
        deskId: actor.deskId,
        createdAt: now,
      });
      store.packages.setOutcome(pkg.rowId, 'destroyed', now);
      store.events.appendPackageEvent({ packageId: pkg.rowId, kind: 'destroy', note: `${fields.methodType}: ${fields.method}`, confirmedBy: validator, certificateId }, actor);
      created.push({ certificateId, content, hash });
    }
    let batchId: number | null = null;
    if (created.length > 1) {
      const content = certificateContent(
        {
          certificateNumber: certificateNumber(context, 'B', `${packageIds[0]}x${created.length}`, now),
          kind: 'batch',
          subject: `${created.length} packages`,
          media: created.flatMap((item) => item.content.media),
          performedBy,
          validatedBy,
          date: now,
          certificates: created.map((item) => ({
            certificateNumber: item.content.certificateNumber,
            subject: item.content.subject,
            contentSha256: item.hash,
            media: item.content.media.length,
          })),
        },
        fields,
      );
      batchId = store.certificates.insert({
        kind: 'batch',
        packageId: null,
        jobName: null,
        contentJson: JSON.stringify(content),
        contentSha256: contentHash(content),
        performedBy: actor.operator,
        validatedBy: validator,
        deskId: actor.deskId,
        createdAt: now,
      });
    }
    return { certificates: created.map((item) => item.certificateId), batchId };
  });
  const certificate = (id: number) => toCertificateInfo(store.certificates.findById(id) as NonNullable<ReturnType<typeof store.certificates.findById>>);
  return {
    packages: packageIds.map((packageId) => toPackageInfo(store.packages.findById(packageId) as PackageRow)),
    certificates: ids.certificates.map(certificate),
    batch: ids.batchId === null ? null : certificate(ids.batchId),
  };
}

/**
 * `jobs.destroyDrives`: a job in Transferring or Packaging flagged for an incorrect or missing
 * return address, the customer unreachable for 90 days: its drives at the desk are destroyed. Each
 * drive is moved to Faulted with reason destroyedUnclaimed (the upstream's exception state), under one
 * certificate for the job.
 */
export async function destroyJobDrives(context: CoreContext, params: MethodParams<'jobs.destroyDrives'>): Promise<JobDestroyResult> {
  const { store } = context;
  const now = context.clock.now().toISOString();
  const check = () => {
    const job = store.jobs.findByName(params.jobId);
    if (job === undefined) throw new DeskError('not_found', `jobId: no job named ${params.jobId}`, undefined, { key: 'jobNotFound', params: { job: params.jobId } });
    const blocked = job.opsFlag?.startsWith(ADDRESS_FLAG_PREFIX) === true && (job.state === 'Transferring' || job.state === 'Packaging');
    if (!blocked || job.opsFlagAt === null) {
      throw new DeskError(
        'conflict',
        `Job ${job.name} is not blocked on its return address in Transferring or Packaging: its drives are not destroyed.`,
        undefined,
        { key: 'destroyJobNotBlocked', params: { job: job.name } },
      );
    }
    const from = addDays(job.opsFlagAt, BLOCKED_DESTROY_AFTER_DAYS);
    if (now < from) {
      throw new DeskError('conflict', `Job ${job.name} was flagged on ${job.opsFlagAt.slice(0, 10)}: its drives may be destroyed from ${from.slice(0, 10)}, not before.`, { destroyFrom: from }, {
        key: 'destroyJobTooEarly',
        params: { job: job.name, date: from.slice(0, 10) },
      });
    }
    const drives = drivesToDestroy(context, job.rowId);
    if (drives.length === 0) {
      throw new DeskError('conflict', `Job ${job.name} has no drive at the desk to destroy.`, undefined, { key: 'destroyJobNoDrives', params: { job: job.name } });
    }
    return { job, drives };
  };
  check();
  const { confirmedBy } = await requireSupervisor(context, params.supervisorBadge, { kind: 'irreversible', name: 'jobs.destroyDrives' });
  const validator = confirmedBy as string;
  const actor = context.actor();
  requireSecondPerson(actor.operator, validator);
  const fields = fieldsOf(params);
  const certificateId = store.transaction(() => {
    const { job, drives } = check();
    const content = certificateContent(
      {
        certificateNumber: certificateNumber(context, 'J', job.rowId, now),
        kind: 'job',
        subject: `job ${job.name}`,
        media: mediaFor(drives.map((drive) => drive.serial), job.name, fields.mediaType),
        performedBy: certificatePerson(context, actor.operator),
        validatedBy: certificatePerson(context, validator),
        date: now,
      },
      fields,
    );
    const id = store.certificates.insert({
      kind: 'job',
      packageId: null,
      jobName: job.name,
      contentJson: JSON.stringify(content),
      contentSha256: contentHash(content),
      performedBy: actor.operator,
      validatedBy: validator,
      deskId: actor.deskId,
      createdAt: now,
    });
    for (const drive of drives) {
      const legal = legalDriveMoves(drive.state, { jobCancelled: job.cancelRequested, faultedFrom: drive.faultedFrom, isExtra: drive.isExtra });
      if (!(legal as readonly string[]).includes('Faulted')) continue;
      recordDriveTransition(context, drive, 'Faulted', drive.state, {
        reason: DESTROYED_REASON,
        note: `destroyed: certificate ${content.certificateNumber}`,
        confirmedBy: validator,
      });
    }
    return id;
  });
  const job = store.jobs.findByName(params.jobId);
  return {
    job: toJobSummary(store, job as NonNullable<typeof job>),
    certificate: toCertificateInfo(store.certificates.findById(certificateId) as NonNullable<ReturnType<typeof store.certificates.findById>>),
  };
}
