import i18next from 'i18next';
import type { Locale } from '../../../shared/i18n/locales';
import type { LabelDocument, LabelKind } from '../../../shared/rpc/results';
import { deskClient } from '../state/desk-client';
import { usePrintStore } from '../state/print-store';
import { describeError } from '../i18n/describe-error';

export type PdfPrintOutcome = { readonly printed: true } | { readonly previewed: true } | { readonly error: string };

/** Sends a PDF to the desktop app's printer (silently with a printer profile, else its dialog). */
export async function printOnSystemPrinter(document: LabelDocument, printer: string | null): Promise<PdfPrintOutcome> {
  const bridge = window.desk;
  if (bridge === undefined) return { error: i18next.t('print.noSystemPrinter') };
  const result = await bridge.printPdf({
    data: document.data,
    pageWidthPt: document.pageWidthPt,
    pageHeightPt: document.pageHeightPt,
    deviceName: printer,
    silent: printer !== null,
  });
  return result.ok ? { printed: true } : { error: describeError(result.error) };
}

/**
 * Where a rendered PDF goes: straight to the printer profile in the desktop app, otherwise into the
 * print preview, whose Print button opens the print dialog of the app or the browser.
 */
export async function printPdfDocument(document: LabelDocument, systemPrinter: string | null): Promise<PdfPrintOutcome> {
  if (window.desk !== undefined && systemPrinter !== null) return printOnSystemPrinter(document, systemPrinter);
  usePrintStore.getState().show(document);
  return { previewed: true };
}

/** True when a PDF goes to the print preview (a browser, or the app without a printer profile). */
export function printsThroughPreview(systemPrinter: string | null): boolean {
  return !(window.desk !== undefined && systemPrinter !== null);
}

/**
 * A job's label or slip into the print preview: rendered (labels.render), nothing logged; the
 * preview's Print or Download logs what really happened and asks a reprint reason there.
 * Returns the refusal's words, or null when the preview is open.
 */
export async function previewLabel(jobId: string, kind: LabelKind, language?: Locale): Promise<string | null> {
  const asked = language === undefined ? {} : { language };
  const rendered = await deskClient().call('labels.render', { jobId, kind, format: 'pdf', ...asked });
  if (!rendered.ok) return describeError(rendered.error);
  usePrintStore.getState().show(rendered.value, { jobId, kind, ...asked });
  return null;
}
