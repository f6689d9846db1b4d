import type { DeskEvent } from '../events';
import type { Envelope } from './envelope';
import type { PrintRequest } from './print-request';
import type { MenuCommand, ScreenId } from '../ui/screens';

/** What the Electron preload puts on `window.desk`; web mode has no bridge and uses HTTP and Server-Sent Events instead. */
export interface DeskBridge {
  /** One call to the desk's host, over the window's MessagePort. */
  invoke(method: string, params: unknown): Promise<Envelope<unknown>>;
  /** The desk's event stream (shared/events.ts); returns the unsubscribe function. */
  onDeskEvent(listener: (event: DeskEvent) => void): () => void;
  /** The application menu's commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Prints a PDF on a system printer at its page size (silently once a printer profile is set). */
  printPdf(request: PrintRequest): Promise<Envelope<{ readonly printed: true }>>;
  /** Says which screen is shown: the shell allows the camera while the check-in screen is (docs/architecture.md, "Electron"). */
  screenShown(screen: ScreenId): void;
}
