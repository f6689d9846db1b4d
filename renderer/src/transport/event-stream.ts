import { asDeskEvent, CLIENT_ID_HEADER, type DeskEvent } from '../../../shared/events';
import { EVENTS_PATH } from '../../../shared/rpc/web-paths';

/** After the stream drops, wait this long before the first reconnect, doubling up to the cap. */
export const RECONNECT_FIRST_MS = 500;
export const RECONNECT_CAP_MS = 15_000;

/** Splits a Server-Sent Events text into its events' `data` fields; returns what is left incomplete. */
export function parseServerSentEvents(buffer: string, onData: (data: string) => void): string {
  let rest = buffer;
  for (let end = rest.indexOf('\n\n'); end !== -1; end = rest.indexOf('\n\n')) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
      .join('\n');
    if (data !== '') onData(data);
  }
  return rest;
}

/**
 * Web mode's event stream: `GET /api/events` with the Bearer token, read with fetch (EventSource
 * cannot send a header). When it drops, it reconnects after a back-off; the server's `hello` on the
 * new stream makes every screen refresh what it may have missed. Nothing here runs on a timer while
 * the stream is up.
 */
export function openWebEventStream(token: string, clientId: string, onEvent: (event: DeskEvent) => void, baseUrl = ''): () => void {
  const abort = new AbortController();
  let delay = RECONNECT_FIRST_MS;
  const connect = async (): Promise<void> => {
    const response = await fetch(`${baseUrl}${EVENTS_PATH}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', [CLIENT_ID_HEADER]: clientId },
      cache: 'no-store',
      signal: abort.signal,
    });
    if (!response.ok || response.body === null) throw new Error(`event stream: HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer = parseServerSentEvents(buffer + value, (data) => {
        let event: DeskEvent | null;
        try {
          event = asDeskEvent(JSON.parse(data));
        } catch {
          event = null;
        }
        if (event === null) return;
        delay = RECONNECT_FIRST_MS;
        onEvent(event);
      });
    }
  };
  const loop = async () => {
    while (!abort.signal.aborted) {
      try {
        await connect();
      } catch {
        // Dropped, refused or not reachable: try again after the back-off.
      }
      if (abort.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RECONNECT_CAP_MS);
    }
  };
  void loop();
  return () => abort.abort();
}
