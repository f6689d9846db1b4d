/**
 * The board page's one way to the hub: `fetch` to /board/api/… on the same origin, the session in
 * its HttpOnly cookie (the page never sees it), and the session's CSRF token in a header on every
 * change (docs/site-board.md). Every answer is `{ ok, value }` or `{ ok: false, error }`,
 * like the desk's RPC, and an error says itself through describeError in the supervisor's language.
 */
import { BOARD_API_PREFIX, BOARD_CSRF_HEADER, type BoardError } from '../../../shared/board/site-view';
import type { RpcError } from '../../../shared/rpc/envelope';

export type BoardResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number; readonly error: Pick<RpcError, 'message' | 'key' | 'params'> };

let csrfToken: string | null = null;

/** Kept from the session answer; sent back on every change. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** A refusal with its catalogue key; a failure without one (no answer, a proxy's page) gets the board's own. */
function failure(status: number, body: Partial<BoardError> | null): BoardResult<never> {
  const key = typeof body?.key === 'string' ? body.key : status === 0 ? 'boardHubDown' : 'boardNoResult';
  const params = body?.params ?? (status === 0 ? {} : { status });
  // The message is the hub's English, for a key this page has no text for (a newer hub's).
  return { ok: false, status, error: { message: typeof body?.error === 'string' ? body.error : String(status), key, params } };
}

export async function boardCall<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<BoardResult<T>> {
  let response: Response;
  try {
    response = await fetch(`${BOARD_API_PREFIX}${route}`, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
        ...(method === 'POST' && csrfToken !== null ? { [BOARD_CSRF_HEADER]: csrfToken } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return failure(0, null);
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  if (!response.ok) return failure(response.status, parsed as Partial<BoardError> | null);
  return { ok: true, value: parsed as T };
}
