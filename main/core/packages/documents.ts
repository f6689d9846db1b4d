/**
 * A held package's documents: the return label and slip when its drives go back to the sender, and
 * its destruction certificate; any certificate again by its id. Rendering logs nothing: printing
 * goes through the print log (labels.print) or the browser's dialog.
 */
import { DeskError } from '../../../shared/rpc/envelope';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { LabelDocument, PrintResult } from '../../../shared/rpc/results';
import { DIALOG_PRINTER_NAME, DOWNLOAD_PRINTER_NAME } from '../../../shared/domain/printers';
import type { JobRow, PackageRow } from '../../db/rows';
import type { CoreContext } from '../context';
import {
  RETURN_ADDRESS_REQUIRED,
  RETURN_SHIPPING_REQUIRED,
  addressLines,
  missingFields,
  type PostalAddress,
} from '../labels/addresses';
import { jobParts, senderAddress, type LabelContent } from '../labels/label-content';
import { toDocument, toPrintLogEntry } from '../labels/labels-service';
import { loadPackage } from '../receiving/load-open-package';
import { heldScans, toCertificateInfo } from './held';
import { contentHash } from './certificate';
import { DEFAULT_DOCUMENT_LOCALE } from '../i18n/document-words';

function jobOf(context: CoreContext, pkg: PackageRow): JobRow | undefined {
  if (pkg.jobRowId !== null) return context.store.jobs.findByRowId(pkg.jobRowId);
  return context.store.jobs.findByTrackingNumber(pkg.trackingNumber);
}

function refuseMissing(pkg: PackageRow, missing: readonly string[]): never {
  throw new DeskError(
    'missing_fields',
    `Package ${pkg.trackingNumber} cannot get a return label: missing ${missing.join(', ')}. Write the sender's address by hand or import the customer's job first.`,
    { missing },
    { key: 'heldReturnMissingFields', params: { trackingNumber: pkg.trackingNumber, fields: missing.join(', ') } },
  );
}

function returnDocuments(context: CoreContext, pkg: PackageRow, kind: 'returnLabel' | 'returnSlip', locale: string): LabelContent {
  const job = jobOf(context, pkg);
  const parts = job === undefined ? {} : jobParts(job);
  const sender = senderAddress(context, parts);
  const serials = heldScans(context.store, pkg.rowId).map((scan) => scan.serial);
  const subject = job?.name ?? pkg.trackingNumber;
  if (kind === 'returnLabel') {
    const missing = [
      ...(job === undefined ? ['job (unknown: no job has this tracking number)'] : []),
      ...missingFields(parts.returnAddress, RETURN_ADDRESS_REQUIRED, 'returnAddress'),
      ...(pkg.returnCarrier === null ? missingFields(parts.returnShipping, RETURN_SHIPPING_REQUIRED, 'returnShipping') : []),
      ...sender.missing,
    ];
    if (missing.length > 0) refuseMissing(pkg, missing);
    const to = parts.returnAddress as Required<PostalAddress>;
    return {
      kind: 'return',
      jobName: subject,
      from: addressLines(sender.address),
      to: addressLines(to),
      phone: to.phone ?? '',
      carrierName: pkg.returnCarrier ?? parts.returnShipping?.carrierName ?? '',
      carrierAccountNumber: parts.returnShipping?.carrierAccountNumber ?? '—',
      driveCount: serials.length,
      returnTrackingNumber: pkg.returnTrackingNumber,
      barcode: pkg.returnTrackingNumber ?? pkg.trackingNumber,
    };
  }
  const actor = context.actor();
  return {
    kind: 'packingSlip',
    jobName: subject,
    from: addressLines(sender.address),
    to: parts.returnAddress === undefined ? [`Sender of package ${pkg.trackingNumber}`] : addressLines(parts.returnAddress),
    carrierName: pkg.returnCarrier ?? parts.returnShipping?.carrierName ?? null,
    returnTrackingNumber: pkg.returnTrackingNumber,
    drives: serials.map((serial) => ({ serial, driveId: serial, state: 'Held', extra: false, note: { kind: 'held', tracking: pkg.trackingNumber } })),
    preparedBy: actor.operator,
    preparedAt: actor.at,
    locale,
  };
}

/** `packages.document`: the return label, the return slip, or the destruction certificate of a held package. */
export async function packageDocument(context: CoreContext, params: MethodParams<'packages.document'>): Promise<LabelDocument> {
  const pkg = loadPackage(context, params.packageId);
  const dpi = params.dpi ?? context.settings().zplDpi;
  if (params.kind === 'certificate') {
    const certificate = context.store.certificates.listForPackage(pkg.rowId)[0];
    if (certificate === undefined) {
      throw new DeskError('not_found', `Package ${pkg.trackingNumber} has no destruction certificate: it was not destroyed.`, undefined, {
        key: 'certificateNotFoundForPackage',
        params: { trackingNumber: pkg.trackingNumber },
      });
    }
    return renderCertificate(context, { certificateId: certificate.rowId, format: params.format, dpi, ...(params.language === undefined ? {} : { language: params.language }) });
  }
  return toDocument(returnDocuments(context, pkg, params.kind, params.language ?? DEFAULT_DOCUMENT_LOCALE), params.format, dpi);
}

/** `certificates.render`: a destruction certificate again, exactly as kept (its hash is checked). */
export async function renderCertificate(context: CoreContext, params: MethodParams<'certificates.render'>): Promise<LabelDocument> {
  const row = context.store.certificates.findById(params.certificateId);
  if (row === undefined) {
    throw new DeskError('not_found', `certificateId: no certificate ${params.certificateId}`, undefined, { key: 'certificateNotFound', params: { certificateId: params.certificateId } });
  }
  const info = toCertificateInfo(row);
  if (contentHash(info.content) !== row.contentSha256) {
    throw new DeskError('storage', `Certificate ${info.content.certificateNumber} no longer matches the SHA-256 kept with it: restore a backup.`, undefined, {
      key: 'certificateChanged',
      params: { certificate: info.content.certificateNumber },
    });
  }
  return toDocument(
    { kind: 'certificate', jobName: info.content.certificateNumber, certificate: info.content, contentHash: row.contentSha256, locale: params.language ?? DEFAULT_DOCUMENT_LOCALE },
    params.format,
    params.dpi ?? context.settings().zplDpi,
  );
}

/**
 * `certificates.print`: the certificate's PDF handed to the print dialog or saved, logged with the
 * certificate and its package (a download is never a print and never asks why); printing one that
 * was printed before needs a reason.
 */
export async function printCertificate(context: CoreContext, params: MethodParams<'certificates.print'>): Promise<PrintResult> {
  const document = await renderCertificate(context, { certificateId: params.certificateId, format: 'pdf', ...(params.language === undefined ? {} : { language: params.language }) });
  const row = context.store.certificates.findById(params.certificateId);
  const reprint = params.printer === 'dialog' && context.store.printLog.wasCertificatePrinted(params.certificateId);
  if (reprint && params.reprintReason === undefined) {
    throw new DeskError('conflict', `Certificate ${document.jobId} was printed before; give a reason to print it again.`, { reprintReasonRequired: true }, {
      key: 'reprintReasonRequired',
      params: { job: document.jobId },
    });
  }
  const actor = context.actor();
  const entry = context.store.transaction(() =>
    context.store.printLog.append({
      jobName: row?.jobName ?? null,
      kind: 'destruction',
      format: 'pdf',
      printer: params.printer === 'download' ? DOWNLOAD_PRINTER_NAME : (context.settings().systemPrinter ?? DIALOG_PRINTER_NAME),
      outcome: params.printer === 'download' ? 'downloaded' : 'sentToDialog',
      error: null,
      reprintReason: reprint ? (params.reprintReason ?? null) : null,
      sha256: document.sha256,
      operator: actor.operator,
      deskId: actor.deskId,
      at: actor.at,
      packageId: row?.packageId ?? null,
      certificateId: params.certificateId,
    }),
  );
  return { entry: toPrintLogEntry(entry), document };
}
