import type { Envelope } from './envelope';

/** What the Electron preload puts on `window.desk`; web mode has no bridge and uses HTTP instead. */
export interface DeskBridge {
  invoke(method: string, params: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to pushed events (sync progress …); returns the unsubscribe function. */
  onEvent(listener: (payload: unknown) => void): () => void;
}
