import type { CertificateContent } from '../../../shared/rpc/results';
import { createHash } from 'node:crypto';
import { DeskError } from '../../../shared/rpc/envelope';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { DriveRow, JobRow } from '../../db/rows';
import { REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import type { CoreContext } from '../context';
import { listDeadlines } from '../deadlines/list-deadlines';
import { SITE_ADDRESS_SETTING } from '../import/import-jobs';
import {
  ADDRESS_FLAG_PREFIX,
  RETURN_ADDRESS_REQUIRED,
  RETURN_SHIPPING_REQUIRED,
  SENDER_ADDRESS_REQUIRED,
  addressLines,
  missingFields,
  type PostalAddress,
} from './addresses';
import { DEFAULT_DOCUMENT_LOCALE } from '../i18n/document-words';

export interface ReturnLabelContent {
  readonly kind: 'return';
  readonly jobName: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly phone: string;
  readonly carrierName: string;
  readonly carrierAccountNumber: string;
  readonly driveCount: number;
  readonly returnTrackingNumber: string | null;
  /** What the Code 128 barcode carries: the return tracking number when known, else the job name. */
  readonly barcode: string;
}

/** Why a slip line needs the customer's eye; printed in the customer's language. */
export type SlipNote =
  | { readonly kind: 'extra' }
  | { readonly kind: 'neverReceived' }
  | { readonly kind: 'faulted'; readonly faultedFrom: string | null }
  /** A drive held at the desk (its job was not Shipping) and going back to the sender. */
  | { readonly kind: 'held'; readonly tracking: string };

export interface SlipDrive {
  readonly serial: string;
  readonly driveId: string;
  readonly state: string;
  readonly extra: boolean;
  /** Why this line needs the customer's eye (extra, never received, faulted); null otherwise. */
  readonly note: SlipNote | null;
}

export interface PackingSlipContent {
  readonly kind: 'packingSlip';
  readonly jobName: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly carrierName: string | null;
  readonly returnTrackingNumber: string | null;
  readonly drives: readonly SlipDrive[];
  readonly preparedBy: string;
  readonly preparedAt: string;
  /** The language the slip is printed in: the one chosen for the job's customer. */
  readonly locale: string;
}

export interface DestructionContent {
  readonly kind: 'destruction';
  readonly jobName: string;
  readonly site: readonly string[];
  readonly serials: readonly string[];
  readonly method: string;
  readonly operator: string;
  readonly witness: string;
  readonly date: string;
  /** SHA-256 of the certificate's facts, printed on it, so a copy can be checked against the record. */
  readonly contentHash: string;
}

/** A destruction certificate in the form of NIST SP 800-88's sample (packages.destroy, jobs.destroyDrives). */
export interface CertificateDocumentContent {
  readonly kind: 'certificate';
  /** What the file is named after: the package's tracking number or the job's name. */
  readonly jobName: string;
  readonly certificate: CertificateContent;
  /** SHA-256 of the certificate's content, printed on it and kept with it. */
  readonly contentHash: string;
  /** The language the certificate's words are printed in (the content and its hash are the same in every language). */
  readonly locale: string;
}

export type LabelContent = ReturnLabelContent | PackingSlipContent | DestructionContent | CertificateDocumentContent;

export interface JobParts {
  readonly returnAddress?: PostalAddress;
  readonly returnShipping?: { carrierName?: string; carrierAccountNumber?: string };
  readonly shippingInformation?: PostalAddress;
}

export function jobParts(job: JobRow): JobParts {
  const document = JSON.parse(job.documentJson) as { properties?: JobParts };
  return document.properties ?? {};
}

/** The datacenter's address: the job's shippingInformation, else the Location document imported. */
export function senderAddress(context: CoreContext, parts: JobParts): { address: PostalAddress; missing: string[] } {
  const own = parts.shippingInformation;
  const ownMissing = missingFields(own, SENDER_ADDRESS_REQUIRED, 'shippingInformation');
  if (own !== undefined && ownMissing.length === 0) return { address: own, missing: [] };
  const site = context.store.settings.get(SITE_ADDRESS_SETTING);
  if (site !== undefined) {
    const address = JSON.parse(site) as PostalAddress;
    if (missingFields(address, SENDER_ADDRESS_REQUIRED, 'site').length === 0) return { address, missing: [] };
  }
  return { address: own ?? {}, missing: ownMissing };
}

/** Refuses a label that a carrier could not deliver, and flags the job for the operations team. */
function refuseIncomplete(context: CoreContext, job: JobRow, kind: string, missing: readonly string[]): never {
  const flag = `${ADDRESS_FLAG_PREFIX}: ${missing.join(', ')}`;
  context.store.transaction(() => context.store.jobs.setOpsFlag(job.rowId, flag, context.clock.now().toISOString()));
  throw new DeskError(
    'missing_fields',
    `Job ${job.name} cannot get a ${kind === 'return' ? 'return label' : 'packing slip'}: missing ${missing.join(', ')}. The job is flagged for the operations team.`,
    { missing },
    { key: kind === 'return' ? 'returnLabelMissingFields' : 'packingSlipMissingFields', params: { job: job.name, fields: missing.join(', ') } },
  );
}


/** The address is complete now (a corrected document came in): the flag has done its job. */
function clearAddressFlag(context: CoreContext, job: JobRow): void {
  if (job.opsFlag?.startsWith(ADDRESS_FLAG_PREFIX) === true) {
    context.store.transaction(() => context.store.jobs.setOpsFlag(job.rowId, null, context.clock.now().toISOString()));
  }
}

function slipNote(drive: DriveRow): SlipNote | null {
  if (drive.isExtra) return { kind: 'extra' };
  if (drive.state === 'NeverReceived') return { kind: 'neverReceived' };
  if (drive.state === 'Faulted') return { kind: 'faulted', faultedFrom: drive.faultedFrom };
  return null;
}

function returnContent(context: CoreContext, job: JobRow, drives: readonly DriveRow[]): ReturnLabelContent {
  const parts = jobParts(job);
  const sender = senderAddress(context, parts);
  const missing = [
    ...missingFields(parts.returnAddress, RETURN_ADDRESS_REQUIRED, 'returnAddress'),
    ...missingFields(parts.returnShipping, RETURN_SHIPPING_REQUIRED, 'returnShipping'),
    ...sender.missing,
  ];
  if (missing.length > 0) refuseIncomplete(context, job, 'return', missing);
  clearAddressFlag(context, job);
  const to = parts.returnAddress as Required<PostalAddress>;
  const shipping = parts.returnShipping as { carrierName: string; carrierAccountNumber: string };
  return {
    kind: 'return',
    jobName: job.name,
    from: addressLines(sender.address),
    to: addressLines(to),
    phone: parts.returnAddress?.phone ?? '',
    carrierName: job.returnCarrier ?? shipping.carrierName,
    carrierAccountNumber: shipping.carrierAccountNumber,
    driveCount: drives.filter((drive) => drive.state !== 'NeverReceived' && drive.state !== REMOVED_DRIVE_STATE).length,
    returnTrackingNumber: job.returnTrackingNumber,
    barcode: job.returnTrackingNumber ?? job.name,
  };
}

function packingSlipContent(context: CoreContext, job: JobRow, drives: readonly DriveRow[], locale: string): PackingSlipContent {
  const parts = jobParts(job);
  const sender = senderAddress(context, parts);
  const missing = [...missingFields(parts.returnAddress, RETURN_ADDRESS_REQUIRED, 'returnAddress'), ...sender.missing];
  if (missing.length > 0) refuseIncomplete(context, job, 'packingSlip', missing);
  clearAddressFlag(context, job);
  const actor = context.actor();
  return {
    kind: 'packingSlip',
    jobName: job.name,
    from: addressLines(sender.address),
    to: addressLines(parts.returnAddress ?? {}),
    carrierName: job.returnCarrier ?? parts.returnShipping?.carrierName ?? null,
    returnTrackingNumber: job.returnTrackingNumber,
    drives: drives
      .filter((drive) => drive.state !== REMOVED_DRIVE_STATE)
      .map((drive) => ({ serial: drive.serial, driveId: drive.serialAsWritten, state: drive.state, extra: drive.isExtra, note: slipNote(drive) })),
    preparedBy: actor.operator,
    preparedAt: actor.at,
    locale,
  };
}

function destructionContent(context: CoreContext, job: JobRow, params: MethodParams<'labels.render'>): DestructionContent {
  if (params.destruction === undefined) {
    throw new DeskError('invalid_params', 'destruction: a destruction certificate needs the method and the witness', undefined, {
      key: 'destructionNeedsMethod',
    });
  }
  const asOf = context.clock.now().toISOString();
  const held = listDeadlines(context, { asOf }).heldPackages.filter((pkg) => pkg.jobId === job.name);
  const due = held.filter((pkg) => pkg.stage === 'destroy');
  if (due.length === 0) {
    const next = held.map((pkg) => pkg.destroyBy).sort()[0];
    throw new DeskError(
      'conflict',
      next === undefined
        ? `Job ${job.name} has no held drives to destroy.`
        : `No drive of job ${job.name} is due for destruction yet: held drives may be destroyed from ${next.slice(0, 10)} (90 days unclaimed).`,
      undefined,
      next === undefined ? { key: 'noHeldDrives', params: { job: job.name } } : { key: 'destructionNotDue', params: { job: job.name, date: next.slice(0, 10) } },
    );
  }
  const serials = [...new Set(due.flatMap((pkg) => pkg.serials))].sort();
  const site = context.store.settings.get(SITE_ADDRESS_SETTING);
  const facts = {
    jobName: job.name,
    serials,
    method: params.destruction.method,
    operator: context.actor().operator,
    witness: params.destruction.witness,
    date: asOf.slice(0, 10),
  };
  return {
    kind: 'destruction',
    ...facts,
    site: site === undefined ? [] : addressLines(JSON.parse(site) as PostalAddress),
    contentHash: createHash('sha256').update(JSON.stringify(facts)).digest('hex'),
  };
}

/** Gathers what a document says, or refuses with every missing field named. */
export function buildLabelContent(context: CoreContext, params: MethodParams<'labels.render'>): LabelContent {
  const job = context.store.jobs.findByName(params.jobId);
  if (job === undefined) throw new DeskError('not_found', `jobId: no job named ${params.jobId}`, undefined, { key: 'jobNotFound', params: { job: params.jobId } });
  const drives = context.store.drives.listForJob(job.rowId);
  switch (params.kind) {
    case 'return':
      return returnContent(context, job, drives);
    case 'packingSlip':
      return packingSlipContent(context, job, drives, params.language ?? DEFAULT_DOCUMENT_LOCALE);
    case 'destruction':
      return destructionContent(context, job, params);
  }
}
