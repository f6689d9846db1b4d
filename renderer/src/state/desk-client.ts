import { createDeskClient, type DeskClient } from '../../../shared/rpc/client';
import type { DeskEvent } from '../../../shared/events';
import type { DeskConnection } from '../transport/select-transport';

let client: DeskClient | null = null;
const listeners = new Set<(event: DeskEvent) => void>();
let lastSeq: number | null = null;
let ownClientId: string | null = null;

/**
 * Set once at start-up with the connection the page runs over: calls go through `deskClient()`,
 * events reach `onDeskEvent` subscribers. A gap in the events' seq (a dropped stream) is passed on
 * as a `hello`, so every screen refreshes what it may have missed.
 */
export function installDeskConnection(connection: DeskConnection): DeskClient {
  client = createDeskClient(connection.call);
  connection.listen((event) => {
    if (event.type === 'hello' && event.client !== undefined) ownClientId = event.client;
    const gap = event.type !== 'hello' && lastSeq !== null && event.seq !== lastSeq + 1;
    lastSeq = event.seq;
    const delivered: DeskEvent = gap ? { type: 'hello', seq: event.seq, at: event.at } : event;
    for (const listener of [...listeners]) listener(delivered);
    if (gap) for (const listener of [...listeners]) listener(event);
  });
  return client;
}

export function deskClient(): DeskClient {
  if (client === null) throw new Error('the desk client is used before start-up installed it');
  return client;
}

/** Whether a change event was caused by this page's own call (whose answer it already has). */
export function isOwnChange(event: DeskEvent): boolean {
  return event.type === 'changed' && ownClientId !== null && event.client === ownClientId;
}

/** Hears every event of the desk (shared/events.ts); returns the unsubscribe function. */
export function onDeskEvent(listener: (event: DeskEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
