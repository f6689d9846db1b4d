import type { Envelope } from './envelope';
import type { PrintRequest } from './print-request';

/** What the Electron preload puts on `window.desk`; web mode has no bridge and uses HTTP instead. */
export interface DeskBridge {
  invoke(method: string, params: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to pushed events (sync progress …); returns the unsubscribe function. */
  onEvent(listener: (payload: unknown) => void): () => void;
  /** Prints a PDF on a system printer at its page size (silently once a printer profile is set). */
  printPdf(request: PrintRequest): Promise<Envelope<{ readonly printed: true }>>;
}
