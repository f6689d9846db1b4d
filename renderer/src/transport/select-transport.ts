import type { Transport } from '../../../shared/rpc/client';
import type { DeskBridge } from '../../../shared/rpc/bridge';
import type { DeskEvent } from '../../../shared/events';
import { LAUNCH_FRAGMENT, LAUNCH_PATH, TOKEN_FRAGMENT } from '../../../shared/rpc/web-paths';
import { createHttpTransport } from './http-transport';
import { openWebEventStream } from './event-stream';

const TOKEN_STORAGE_KEY = 'receiving-desk.token';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

/** How the page reaches the desk: calls, and the desk's event stream. */
export interface DeskConnection {
  readonly kind: 'electron' | 'web';
  readonly call: Transport;
  /** Starts listening (once) and returns the stop function. */
  listen(onEvent: (event: DeskEvent) => void): () => void;
}

async function exchangeLaunchCode(code: string): Promise<string | null> {
  try {
    const response = await fetch(LAUNCH_PATH, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
    const envelope = (await response.json()) as { ok?: boolean; value?: { token?: unknown } };
    return envelope.ok === true && typeof envelope.value?.token === 'string' ? envelope.value.token : null;
  } catch {
    return null;
  }
}

/**
 * The launch URL carries the token (`#token=`, for scripts) or a one-time launch code (`#launch=`,
 * what the desk opens the browser with) in its fragment, which is never sent to a server. Either is
 * wiped from the address bar; the token is kept in session storage for reloads of this tab.
 */
async function takeWebToken(): Promise<string | null> {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get(TOKEN_FRAGMENT);
  const code = fragment.get(LAUNCH_FRAGMENT);
  if (fromUrl !== null || code !== null) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const token = fromUrl !== null && fromUrl !== '' ? fromUrl : code !== null && code !== '' ? await exchangeLaunchCode(code) : null;
  if (token !== null) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    return token;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

export type TransportChoice = { readonly kind: 'connected'; readonly connection: DeskConnection } | { readonly kind: 'missingToken' };

/** The one place the page decides how it reaches the desk: the desktop app's bridge, or web mode's HTTP. */
export async function selectTransport(): Promise<TransportChoice> {
  const bridge = window.desk;
  if (bridge !== undefined) {
    return {
      kind: 'connected',
      connection: { kind: 'electron', call: (method, params) => bridge.invoke(method, params), listen: (onEvent) => bridge.onDeskEvent(onEvent) },
    };
  }
  const token = await takeWebToken();
  if (token === null) return { kind: 'missingToken' };
  // This page's id on its calls and its event stream: the desk names it in the changes it causes.
  const clientId = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return {
    kind: 'connected',
    connection: {
      kind: 'web',
      call: createHttpTransport(token, clientId),
      listen: (onEvent) => openWebEventStream(token, clientId, onEvent),
    },
  };
}
