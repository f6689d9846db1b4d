import type { Transport } from '../../../shared/rpc/client';
import type { DeskBridge } from '../../../shared/rpc/bridge';
import { createHttpTransport } from './http-transport';

const TOKEN_STORAGE_KEY = 'receiving-desk.token';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

/**
 * The launch URL carries the token in its fragment (never sent to a server); it is moved to
 * session storage and wiped from the address bar so it does not linger in history or screenshots.
 */
function takeWebToken(): string | null {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

export type TransportChoice = { readonly kind: 'electron' | 'web'; readonly transport: Transport } | { readonly kind: 'missingToken' };

export function selectTransport(): TransportChoice {
  const bridge = window.desk;
  if (bridge !== undefined) {
    return { kind: 'electron', transport: (method, params) => bridge.invoke(method, params) };
  }
  const token = takeWebToken();
  if (token === null) return { kind: 'missingToken' };
  return { kind: 'web', transport: createHttpTransport(token) };
}
