/**
 * Cross-site request forgery defences for the board (docs/site-board.md). Beside the
 * SameSite=Strict cookie, every request to the board's API must:
 * - not come from another origin: `Sec-Fetch-Site` (sent by every current browser) must say
 *   same-origin, and an `Origin` header must name this hub's own host. Note that a page on
 *   another port of the same host is same-SITE, so SameSite alone would let its form post carry
 *   the cookie: these checks are what refuse it;
 * - if it changes anything, be JSON (an HTML form cannot send application/json, and a script on
 *   another origin cannot without a CORS preflight, which the hub never grants) and carry the
 *   session's CSRF token in a header (a form cannot set headers).
 */
import type http from 'node:http';
import { BoardRefusal } from './refusal';

export const CROSS_SITE_MESSAGE = 'the board answers its own pages only: this request came from another site or origin';

/** The host:port this request was addressed to, as the browser wrote it. */
function requestHost(request: http.IncomingMessage): string | null {
  const host = request.headers.host;
  return typeof host === 'string' && host !== '' ? host.toLowerCase() : null;
}

/** Refuses a request a browser sent from another origin. Requests from non-browser clients carry neither header. */
export function checkSameOrigin(request: http.IncomingMessage): void {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    throw new BoardRefusal(403, `Sec-Fetch-Site: ${CROSS_SITE_MESSAGE} (${String(site)})`, 'boardCrossSite');
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    throw new BoardRefusal(403, `Origin: ${CROSS_SITE_MESSAGE} (unreadable origin)`, 'boardCrossSite');
  }
  if (origin === 'null' || originHost !== requestHost(request)) throw new BoardRefusal(403, `Origin: ${CROSS_SITE_MESSAGE} (${origin})`, 'boardCrossSite');
}

/** A state-changing request: JSON only (forms cannot send it). */
export function checkJsonBody(request: http.IncomingMessage): void {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new BoardRefusal(415, 'Content-Type: send application/json (the board refuses form posts)', 'boardCrossSite');
}
