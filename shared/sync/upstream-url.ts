/**
 * Where a desk may send its transitions and its token (docs/sync-protocol.md, "Transport"):
 * `https:`, or `http:` only to this machine (loopback), so a token never crosses a network in the
 * clear; never with a user name or password in the URL, and never with a query or fragment (the
 * token travels in the Authorization header only, nothing secret belongs in a URL).
 */
import { MAX_TEXT_FIELD_LENGTH } from '../rpc/limits';

/** What the WHATWG URL parser (in every runtime the desk runs in) gives; shared/ has no DOM or node types. */
interface ParsedUrl {
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly search: string;
  readonly hash: string;
  toString(): string;
}
const ParseUrl = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

export type UpstreamUrlProblem = 'notAUrl' | 'tooLong' | 'scheme' | 'plainHttpOffLoopback' | 'credentials' | 'queryOrFragment';

export type UpstreamUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly problem: UpstreamUrlProblem };

/** The English sentence of each problem; the catalogues carry the same under core.upstreamUrl.<problem>. */
export const UPSTREAM_URL_MESSAGES: Readonly<Record<UpstreamUrlProblem, string>> = {
  notAUrl: 'expected an https:// URL',
  tooLong: `at most ${MAX_TEXT_FIELD_LENGTH} characters`,
  scheme: 'expected an https:// URL (http:// only to this machine: 127.0.0.1, [::1] or localhost)',
  plainHttpOffLoopback: 'http:// is allowed only to this machine (127.0.0.1, [::1] or localhost); use https://',
  credentials: 'a user name or password in the URL is refused: enroll the desk, and the token is kept apart',
  queryOrFragment: 'a query (?…) or fragment (#…) in the URL is refused: nothing secret belongs in a URL',
};

/** 127.0.0.0/8, ::1 and localhost: a connection that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  const match = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return match !== null && match.slice(1).every((part) => Number(part) <= 255);
}

export function checkUpstreamUrl(raw: string): UpstreamUrlCheck {
  if (raw.length > MAX_TEXT_FIELD_LENGTH) return { ok: false, problem: 'tooLong' };
  let url: ParsedUrl;
  try {
    url = new ParseUrl(raw);
  } catch {
    return { ok: false, problem: 'notAUrl' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' };
  if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) return { ok: false, problem: 'queryOrFragment' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, problem: 'plainHttpOffLoopback' };
  return { ok: true, url: url.toString().replace(/\/+$/, '') };
}

export function upstreamUrlMessage(problem: UpstreamUrlProblem): string {
  return UPSTREAM_URL_MESSAGES[problem];
}
