import { create } from 'zustand';
import type { LabelDocument } from '../../../shared/rpc/results';

/** PDFs waiting in the print preview, in the order they were asked for (a label, then its slip). */
interface PrintState {
  readonly documents: readonly LabelDocument[];
  show(document: LabelDocument): void;
  dismiss(fileName: string): void;
  clear(): void;
}

export const usePrintStore = create<PrintState>((set, get) => ({
  documents: [],
  show: (document) => set({ documents: [...get().documents.filter((item) => item.fileName !== document.fileName), document] }),
  dismiss: (fileName) => set({ documents: get().documents.filter((item) => item.fileName !== fileName) }),
  clear: () => set({ documents: [] }),
}));
