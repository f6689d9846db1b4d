/**
 * The desk's end of `GET /v1/events` (docs/sync-protocol.md, "Live"): one long-lived request to
 * the hub that says "something changed at the site", so the desk pulls at once instead of at its
 * next scheduled sync. The desk pulls from its own stored cursor, so a dropped stream misses
 * nothing: reconnecting and pulling is always enough. The stream is verified and bounded like every
 * other request (same TLS trust; a stream silent for longer than the hub's heartbeat is dropped).
 */
import http from 'node:http';
import https from 'node:https';
import { EVENTS_PATH } from '../../../shared/sync/wire';
import { trustedContext } from './trust';
import { checkedBase, UpstreamError } from './upstream-client';

/** The hub sends a comment every 15 s; twice that without a byte means the stream is dead. */
export const LIVE_SILENCE_MS = 45_000;
/** Reconnect waits grow from this to LIVE_MAX_RETRY_MS, with jitter. */
export const LIVE_MIN_RETRY_MS = 1_000;
export const LIVE_MAX_RETRY_MS = 30_000;
/** A single SSE line longer than this is not the hub talking: the stream is dropped. */
const MAX_LINE_BYTES = 64 * 1024;

export type LiveState = 'off' | 'connecting' | 'connected';

export interface LiveTarget {
  readonly baseUrl: string;
  readonly token: string;
  readonly extraCa: string | null;
}

export interface LiveLinkOptions {
  /** What to connect to now; null while sync is not configured or paused. */
  readonly target: () => LiveTarget | null;
  /** The hub said something changed (or the stream just (re)connected and the site moved on). */
  readonly onChange: () => void;
  /** The hub refused the token: the link waits until refresh() (sync pauses the same way). */
  readonly onRefused: (error: UpstreamError) => void;
  readonly random?: () => number;
}

export interface LiveLink {
  state(): LiveState;
  /** Settings changed: drop the stream and connect again with the new ones. */
  refresh(): void;
  stop(): void;
}

export function openLiveLink(options: LiveLinkOptions): LiveLink {
  const random = options.random ?? Math.random;
  let state: LiveState = 'off';
  let stopped = false;
  let refused = false;
  let failures = 0;
  let lastEventId: string | null = null;
  let request: http.ClientRequest | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let silenceTimer: NodeJS.Timeout | null = null;

  const clearTimers = () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    if (silenceTimer !== null) clearTimeout(silenceTimer);
    retryTimer = null;
    silenceTimer = null;
  };

  const drop = () => {
    const current = request;
    request = null;
    current?.destroy();
  };

  const scheduleRetry = () => {
    if (stopped || retryTimer !== null) return;
    state = 'off';
    failures += 1;
    const ceiling = Math.min(LIVE_MAX_RETRY_MS, LIVE_MIN_RETRY_MS * 2 ** Math.min(failures - 1, 10));
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, Math.max(LIVE_MIN_RETRY_MS, Math.floor(random() * ceiling)));
    retryTimer.unref();
  };

  const connect = () => {
    if (stopped || refused || request !== null) return;
    const target = options.target();
    if (target === null) {
      // Not configured (or paused): look again later; refresh() comes sooner when settings change.
      scheduleRetry();
      return;
    }
    let base: URL;
    try {
      base = checkedBase(target.baseUrl);
    } catch {
      scheduleRetry();
      return;
    }
    state = 'connecting';
    const url = new URL(`${base.pathname.replace(/\/+$/, '')}${EVENTS_PATH}`, base);
    const secure = url.protocol === 'https:';
    const ownRequest = (secure ? https : http).request(url, {
      method: 'GET',
      headers: {
        Accept: 'text/event-stream',
        Authorization: `Bearer ${target.token}`,
        ...(lastEventId === null ? {} : { 'Last-Event-ID': lastEventId }),
      },
      ...(secure ? { secureContext: trustedContext(target.extraCa), rejectUnauthorized: true } : {}),
      agent: false,
    });
    request = ownRequest;
    const watchSilence = () => {
      if (silenceTimer !== null) clearTimeout(silenceTimer);
      silenceTimer = setTimeout(() => {
        if (request === ownRequest) {
          drop();
          scheduleRetry();
        }
      }, LIVE_SILENCE_MS);
      silenceTimer.unref();
    };
    watchSilence();
    ownRequest.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status === 401 || status === 403) {
        response.resume();
        refused = true;
        state = 'off';
        drop();
        options.onRefused(new UpstreamError('unauthorized', `The upstream refused the token (${status}). Enroll the desk again or set a valid token in Settings.`, null, status));
        return;
      }
      if (status !== 200 || !/^text\/event-stream/i.test(String(response.headers['content-type'] ?? ''))) {
        response.resume();
        drop();
        scheduleRetry();
        return;
      }
      state = 'connected';
      failures = 0;
      let buffer = '';
      let eventName = '';
      let eventId: string | null = null;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (request !== ownRequest) return;
        watchSilence();
        buffer += chunk;
        if (buffer.length > MAX_LINE_BYTES && !buffer.includes('\n')) {
          drop();
          scheduleRetry();
          return;
        }
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, '');
          buffer = buffer.slice(newline + 1);
          if (line === '') {
            // End of an event (text/event-stream): act on it.
            if (eventName === 'changes') {
              if (eventId !== null) lastEventId = eventId;
              options.onChange();
            }
            eventName = '';
            eventId = null;
          } else if (line.startsWith('event:')) {
            eventName = line.slice(6).trim();
          } else if (line.startsWith('id:')) {
            eventId = line.slice(3).trim().slice(0, 200);
          }
          newline = buffer.indexOf('\n');
        }
      });
      const ended = () => {
        if (request !== ownRequest) return;
        request = null;
        scheduleRetry();
      };
      response.on('end', ended);
      response.on('error', ended);
      response.on('aborted', ended);
    });
    ownRequest.on('error', () => {
      if (request !== ownRequest) return;
      request = null;
      scheduleRetry();
    });
    ownRequest.end();
  };

  connect();
  return {
    state: () => state,
    refresh() {
      refused = false;
      failures = 0;
      lastEventId = null;
      clearTimers();
      drop();
      state = 'off';
      connect();
    },
    stop() {
      stopped = true;
      clearTimers();
      drop();
      state = 'off';
    },
  };
}
