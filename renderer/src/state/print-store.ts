import { create } from 'zustand';
import type { LabelDocument, LabelKind } from '../../../shared/rpc/results';
import type { Locale } from '../../../shared/i18n/locales';

/**
 * What a previewed document is, when printing or downloading it is to be logged: a job's label or
 * slip (labels.print), a destruction certificate (certificates.print), or the printer's test label
 * (printers.testPrint). Opening the preview logs nothing; the preview's Print or Download does.
 */
export type PrintRecord =
  | { readonly jobId: string; readonly kind: LabelKind; readonly language?: Locale }
  | { readonly certificateId: number; readonly language?: Locale }
  | { readonly test: true };

export interface PreviewDocument {
  readonly document: LabelDocument;
  readonly record: PrintRecord | null;
}

/** PDFs waiting in the print preview, in the order they were asked for (a label, then its slip). */
interface PrintState {
  readonly documents: readonly PreviewDocument[];
  show(document: LabelDocument, record?: PrintRecord | null): void;
  dismiss(fileName: string): void;
  clear(): void;
}

export const usePrintStore = create<PrintState>((set, get) => ({
  documents: [],
  show: (document, record = null) =>
    set({ documents: [...get().documents.filter((item) => item.document.fileName !== document.fileName), { document, record }] }),
  dismiss: (fileName) => set({ documents: get().documents.filter((item) => item.document.fileName !== fileName) }),
  clear: () => set({ documents: [] }),
}));
