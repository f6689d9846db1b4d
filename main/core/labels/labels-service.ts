import { createHash } from 'node:crypto';
import { DeskError } from '../../../shared/rpc/envelope';
import type { MethodParams } from '../../../shared/rpc/contract';
import { LABEL_KINDS, type LabelDocument, type LabelDpi, type LabelFormat, type LabelKind, type PrintKind, type PrintLog, type PrintLogEntry, type PrintResult } from '../../../shared/rpc/results';
import { normalizeCode } from '../../../shared/domain/serial';
import { resolveAsOf } from '../deadlines/list-deadlines';
import type { PrintLogRow } from '../../db/print-log-repository';
import type { CoreContext } from '../context';
import { buildLabelContent, type LabelContent } from './label-content';
import { POINTS_PER_INCH } from './page-sizes';
import { pdfPageSize, renderPdf } from './render-pdf';
import { renderZpl, testLabelZpl } from './render-zpl';
import { PrinterError, sendZpl } from './zpl-printer';
import { DIALOG_PRINTER_NAME, DOWNLOAD_PRINTER_NAME, NETWORK_PRINTER_SCHEME } from '../../../shared/domain/printers';

const FILE_KIND: Readonly<Record<LabelKind, string>> = {
  return: 'return-label',
  packingSlip: 'packing-slip',
  destruction: 'destruction-certificate',
};
const ZPL_LABEL_WIDTH_IN = 4;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export async function toDocument(content: LabelContent, format: LabelFormat, dpi: LabelDpi): Promise<LabelDocument> {
  const kind: LabelKind = content.kind === 'certificate' ? 'destruction' : content.kind;
  const base = { jobId: content.jobName, kind, format, contentHash: content.kind === 'destruction' || content.kind === 'certificate' ? content.contentHash : null };
  const fileStem = `${FILE_KIND[kind]}-${content.jobName.replace(/[^A-Za-z0-9._-]+/g, '_')}`;
  if (format === 'pdf') {
    const bytes = await renderPdf(content);
    const size = pdfPageSize(content);
    return {
      ...base,
      fileName: `${fileStem}.pdf`,
      contentType: 'application/pdf',
      encoding: 'base64',
      data: bytes.toString('base64'),
      sha256: sha256(bytes),
      pageWidthPt: size.width,
      pageHeightPt: size.height,
    };
  }
  const zpl = renderZpl(content, dpi);
  const length = Number(/\^LL(\d+)/.exec(zpl)?.[1] ?? 0);
  return {
    ...base,
    fileName: `${fileStem}-${dpi}dpi.zpl`,
    contentType: 'application/vnd.zebra-zpl; charset=utf-8',
    encoding: 'utf8',
    data: zpl,
    sha256: sha256(Buffer.from(zpl, 'utf8')),
    pageWidthPt: ZPL_LABEL_WIDTH_IN * POINTS_PER_INCH,
    pageHeightPt: (length / dpi) * POINTS_PER_INCH,
  };
}

const isPrintKind = (kind: string): kind is PrintKind => kind === 'test' || (LABEL_KINDS as readonly string[]).includes(kind);

export function toPrintLogEntry(row: PrintLogRow): PrintLogEntry {
  return {
    id: row.rowId,
    jobId: row.jobName,
    kind: isPrintKind(row.kind) ? row.kind : 'test',
    format: row.format === 'zpl' ? 'zpl' : 'pdf',
    printer: row.printer,
    outcome: row.outcome,
    error: row.error,
    reprintReason: row.reprintReason,
    sha256: row.sha256,
    operator: row.operator,
    at: row.at,
    packageId: row.packageId,
    certificateId: row.certificateId,
  };
}

/** `labels.render`: the document, for a preview or a download; nothing is logged. */
export async function renderLabel(context: CoreContext, params: MethodParams<'labels.render'>): Promise<LabelDocument> {
  const content = buildLabelContent(context, params);
  return toDocument(content, params.format, params.dpi ?? context.settings().zplDpi);
}

interface PrintJob {
  readonly jobName: string | null;
  readonly kind: string;
  readonly format: LabelFormat;
  readonly sha256: string;
  readonly reprintReason: string | null;
}

/** Sends ZPL to the network printer in settings and logs the outcome either way. */
async function printToNetwork(context: CoreContext, job: PrintJob, zpl: string): Promise<PrintLogEntry> {
  const { zplPrinterHost, zplPrinterPort } = context.settings();
  if (zplPrinterHost === null) {
    throw new DeskError('not_configured', 'No label printer is set: enter its address (and port, 9100 by default) in Settings.', undefined, {
      key: 'printerNotSet',
    });
  }
  const printer = `${NETWORK_PRINTER_SCHEME}${zplPrinterHost}:${zplPrinterPort}`;
  const log = (outcome: 'printed' | 'failed', error: string | null) => {
    const actor = context.actor();
    return context.store.transaction(() =>
      context.store.printLog.append({ ...job, printer, outcome, error, operator: actor.operator, deskId: actor.deskId, at: actor.at }),
    );
  };
  try {
    await sendZpl(zplPrinterHost, zplPrinterPort, zpl);
  } catch (error) {
    if (!(error instanceof PrinterError)) throw error;
    const entry = log('failed', error.message);
    throw new DeskError('printer', error.message, { printLogId: entry.rowId }, error.text);
  }
  return toPrintLogEntry(log('printed', null));
}

function logDialog(context: CoreContext, job: PrintJob, printer: string, outcome: 'sentToDialog' | 'downloaded' = 'sentToDialog'): PrintLogEntry {
  const actor = context.actor();
  return toPrintLogEntry(
    context.store.transaction(() =>
      context.store.printLog.append({ ...job, printer, outcome, error: null, operator: actor.operator, deskId: actor.deskId, at: actor.at }),
    ),
  );
}

function dialogPrinterName(context: CoreContext, format: LabelFormat): string {
  if (format === 'zpl') return DOWNLOAD_PRINTER_NAME;
  return context.settings().systemPrinter ?? DIALOG_PRINTER_NAME;
}

/**
 * `labels.print`: renders, then prints on the network printer (ZPL) or hands the document to the
 * print dialog of the browser or the app. Every attempt is logged; printing a kind again for the
 * same job needs a reason.
 */
export async function printLabel(context: CoreContext, params: MethodParams<'labels.print'>): Promise<PrintResult> {
  if (params.printer === 'network' && params.format !== 'zpl') {
    throw new DeskError('invalid_params', 'format: a network label printer takes ZPL; choose format zpl', undefined, { key: 'networkPrinterTakesZpl' });
  }
  // A download is a file kept, not a print: it is logged as such and never asks why.
  const reprint = params.printer !== 'download' && context.store.printLog.wasPrinted(params.jobId, params.kind);
  if (reprint && params.reprintReason === undefined) {
    throw new DeskError(
      'conflict',
      `Job ${params.jobId} already has a ${params.kind} printed; give a reason to print it again.`,
      { reprintReasonRequired: true },
      { key: 'reprintReasonRequired', params: { job: params.jobId } },
    );
  }
  const document = await renderLabel(context, params);
  const job: PrintJob = {
    jobName: params.jobId,
    kind: params.kind,
    format: params.format,
    sha256: document.sha256,
    reprintReason: reprint ? (params.reprintReason ?? null) : null,
  };
  if (params.printer === 'network') return { entry: await printToNetwork(context, job, document.data), document: null };
  if (params.printer === 'download') return { entry: logDialog(context, job, 'download', 'downloaded'), document };
  return { entry: logDialog(context, job, dialogPrinterName(context, params.format)), document };
}

/** The test label as a PDF: the desk's name and the time, on the return label's page. */
function testLabelDocument(context: CoreContext): Promise<LabelDocument> {
  const settings = context.settings();
  const content: LabelContent = {
    kind: 'return',
    jobName: 'TEST',
    from: [settings.deskName],
    to: ['Receiving Desk test print', context.clock.now().toISOString()],
    phone: '-',
    carrierName: 'Test',
    carrierAccountNumber: '-',
    driveCount: 0,
    returnTrackingNumber: null,
    barcode: 'TEST-PRINT',
  };
  return toDocument(content, 'pdf', settings.zplDpi);
}

/** `printers.testRender`: the test label for the print preview; nothing is logged. */
export function renderTestLabel(context: CoreContext): Promise<LabelDocument> {
  return testLabelDocument(context);
}

/**
 * `printers.testPrint`: a short label through the same path, logged as kind `test`: sent to the
 * network printer, handed to the print dialog, or downloaded (logged as downloaded).
 */
export async function testPrint(context: CoreContext, params: MethodParams<'printers.testPrint'>): Promise<PrintResult> {
  const settings = context.settings();
  if (params.printer === 'network') {
    const zpl = testLabelZpl(settings.deskName, context.clock.now().toISOString(), settings.zplDpi);
    const job: PrintJob = { jobName: null, kind: 'test', format: 'zpl', sha256: sha256(Buffer.from(zpl, 'utf8')), reprintReason: null };
    return { entry: await printToNetwork(context, job, zpl), document: null };
  }
  const document = await testLabelDocument(context);
  const job: PrintJob = { jobName: null, kind: 'test', format: 'pdf', sha256: document.sha256, reprintReason: null };
  if (params.printer === 'download') return { entry: logDialog(context, job, DOWNLOAD_PRINTER_NAME, 'downloaded'), document };
  return { entry: logDialog(context, job, dialogPrinterName(context, 'pdf')), document };
}

/** The jobs a scanned code names: a job's name, its inbound tracking number, or its return tracking number. */
function jobsNamedBy(context: CoreContext, code: string): string[] {
  const { store } = context;
  const normalised = normalizeCode(code);
  const names = new Set<string>();
  const byName = store.jobs.findByName(code.trim());
  if (byName !== undefined) names.add(byName.name);
  for (const job of [store.jobs.findByTrackingNumber(normalised), ...store.jobs.findByReturnTrackingNumber(normalised)]) {
    if (job !== undefined) names.add(job.name);
  }
  const pkg = store.packages.findByTrackingNumber(normalised);
  if (pkg?.jobName !== null && pkg?.jobName !== undefined) names.add(pkg.jobName);
  return [...names];
}

/**
 * `labels.printLog`: the print log across jobs, newest first, filtered by job, by a scanned code
 * (a job's name or tracking number, inbound or return: how a label is found to print again), kind,
 * operator, outcome and time. Previews (labels.render) are never in it.
 */
export function printLog(context: CoreContext, params: MethodParams<'labels.printLog'>): PrintLog {
  const fromCode = params.code === undefined ? undefined : jobsNamedBy(context, params.code);
  const jobNames = params.jobId === undefined ? fromCode : fromCode === undefined ? [params.jobId] : fromCode.filter((name) => name === params.jobId);
  const { rows, total } = context.store.printLog.search({
    jobNames,
    kind: params.kind,
    operator: params.operator,
    outcome: params.outcome,
    from: params.from === undefined ? undefined : resolveAsOf(context, params.from),
    to: params.to === undefined ? undefined : resolveAsOf(context, params.to),
    limit: params.limit,
    offset: params.offset,
  });
  return { entries: rows.map(toPrintLogEntry), total, jobId: fromCode?.[0] ?? null };
}
