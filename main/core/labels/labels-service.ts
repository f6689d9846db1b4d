import { createHash } from 'node:crypto';
import { DeskError } from '../../../shared/rpc/envelope';
import type { MethodParams } from '../../../shared/rpc/contract';
import { LABEL_KINDS, type LabelDocument, type LabelDpi, type LabelFormat, type LabelKind, type PrintKind, type PrintLogEntry, type PrintResult } from '../../../shared/rpc/results';
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

async function toDocument(content: LabelContent, format: LabelFormat, dpi: LabelDpi): Promise<LabelDocument> {
  const base = { jobId: content.jobName, kind: content.kind, format, contentHash: content.kind === 'destruction' ? content.contentHash : null };
  const fileStem = `${FILE_KIND[content.kind]}-${content.jobName.replace(/[^A-Za-z0-9._-]+/g, '_')}`;
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

function toEntry(row: PrintLogRow): PrintLogEntry {
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
  return toEntry(log('printed', null));
}

function logDialog(context: CoreContext, job: PrintJob, printer: string): PrintLogEntry {
  const actor = context.actor();
  return toEntry(
    context.store.transaction(() =>
      context.store.printLog.append({ ...job, printer, outcome: 'sentToDialog', error: null, operator: actor.operator, deskId: actor.deskId, at: actor.at }),
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
  const reprint = context.store.printLog.wasPrinted(params.jobId, params.kind);
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
  return { entry: logDialog(context, job, dialogPrinterName(context, params.format)), document };
}

/** `printers.testPrint`: a short label through the same path, logged as kind `test`. */
export async function testPrint(context: CoreContext, params: MethodParams<'printers.testPrint'>): Promise<PrintResult> {
  const settings = context.settings();
  const zpl = testLabelZpl(settings.deskName, context.clock.now().toISOString(), settings.zplDpi);
  const bytes = Buffer.from(zpl, 'utf8');
  const job: PrintJob = { jobName: null, kind: 'test', format: 'zpl', sha256: sha256(bytes), reprintReason: null };
  if (params.printer === 'network') return { entry: await printToNetwork(context, job, zpl), document: null };
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
  const document = await toDocument(content, 'pdf', settings.zplDpi);
  return { entry: logDialog(context, { ...job, format: 'pdf', sha256: document.sha256 }, dialogPrinterName(context, 'pdf')), document };
}

export function printLog(context: CoreContext, params: MethodParams<'labels.printLog'>): { entries: PrintLogEntry[] } {
  return { entries: context.store.printLog.recent(params.jobId, params.limit).map(toEntry) };
}
