/**
 * The desk's side of docs/sync-protocol.md over HTTP(S). Every request is bounded: one deadline
 * covers connecting, sending and reading the whole reply (a reply trickling a byte a second ends
 * at the deadline), and a reply larger than the cap is cut off while it streams, whether or not it
 * said its length. TLS is always verified, against the system's CAs and the CA file named in the
 * desk's settings; no setting or environment variable turns verification off. Every reply is
 * schema-checked before use; redirects are never followed.
 */
import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import { describeIssues } from '../../../shared/rpc/describe-issues';
import { jsonTextTooDeep, MAX_JSON_DEPTH } from '../../../shared/rpc/json-limits';
import { checkUpstreamUrl, upstreamUrlMessage } from '../../../shared/sync/upstream-url';
import {
  CHANGES_PATH,
  ENROLL_PATH,
  TRANSITIONS_PATH,
  changesResponseSchema,
  enrollResponseSchema,
  pushResponseSchema,
  type ChangesResponse,
  type EnrollRequest,
  type EnrollResponse,
  type PushRequest,
  type PushResponse,
} from '../../../shared/sync/wire';
import { STATUS_PATH, statusResponseSchema, type DeskStatusReport, type StatusResponse } from '../../../shared/sync/status-report';
import { parseRetryAfter } from './backoff';
import { trustedContext } from './trust';

/** A request that has not fully answered by then is abandoned and counted as a failed attempt. */
export const UPSTREAM_REQUEST_TIMEOUT_MS = 30_000;
/** A reply larger than this is refused: a full changes page of 200 jobs is a few megabytes. */
export const MAX_UPSTREAM_REPLY_BYTES = 64 * 1024 * 1024;
/** Deepest nesting accepted in a reply: the limit of every document the desk reads. */
export const MAX_REPLY_DEPTH = MAX_JSON_DEPTH;
/** Longest part of an upstream's error body quoted in a message. */
const QUOTED_BODY_CHARACTERS = 200;

export type UpstreamFailureKind = 'unauthorized' | 'rateLimited' | 'server' | 'network' | 'timeout' | 'badReply' | 'refused';

/** Why an upstream request failed, sorted into what the desk does about it. */
export class UpstreamError extends Error {
  readonly kind: UpstreamFailureKind;
  readonly retryAfterMs: number | null;
  readonly status: number | null;
  constructor(kind: UpstreamFailureKind, message: string, retryAfterMs: number | null = null, status: number | null = null) {
    super(message);
    this.name = 'UpstreamError';
    this.kind = kind;
    this.retryAfterMs = retryAfterMs;
    this.status = status;
  }
}

export interface UpstreamClient {
  push(request: PushRequest): Promise<PushResponse>;
  changes(after: string | null, limit: number): Promise<ChangesResponse>;
  /** The desk's status report for the site board (docs/sync-protocol.md, "Status report"). */
  reportStatus(report: DeskStatusReport): Promise<StatusResponse>;
}

export interface UpstreamConnection {
  readonly baseUrl: string;
  /** PEM text of extra CAs to trust (the CA file in settings), or null. */
  readonly extraCa?: string | null;
  readonly timeoutMs?: number;
  readonly maxReplyBytes?: number;
}

export interface UpstreamClientOptions extends UpstreamConnection {
  readonly token: string;
  readonly now?: () => Date;
}

interface RawReply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

function networkCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|ERR_CERT)/;

/** The base URL checked again at use: a URL stored before the rules tightened is refused too. */
export function checkedBase(raw: string): URL {
  const check = checkUpstreamUrl(raw);
  if (!check.ok) throw new UpstreamError('refused', `The upstream URL is refused: ${upstreamUrlMessage(check.problem)}.`);
  return new URL(check.url);
}

/**
 * One HTTP exchange under one deadline. Resolves with the whole reply, or rejects with an
 * UpstreamError saying which bound or failure ended it.
 */
export function exchange(
  connection: UpstreamConnection,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  headers: Readonly<Record<string, string>>,
  body: string | undefined,
): Promise<RawReply> {
  const base = checkedBase(connection.baseUrl);
  const timeoutMs = connection.timeoutMs ?? UPSTREAM_REQUEST_TIMEOUT_MS;
  const maxBytes = connection.maxReplyBytes ?? MAX_UPSTREAM_REPLY_BYTES;
  const target = new URL(`${base.pathname.replace(/\/+$/, '')}${pathAndQuery}`, base);
  const secure = target.protocol === 'https:';
  return new Promise<RawReply>((resolve, reject) => {
    let settled = false;
    const finish = (error: UpstreamError | null, reply?: RawReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error !== null) {
        request.destroy();
        reject(error);
      } else if (reply !== undefined) {
        resolve(reply);
      }
    };
    const options: https.RequestOptions = {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }),
        ...headers,
      },
      // Verification is always on; an explicit true also overrides NODE_TLS_REJECT_UNAUTHORIZED=0.
      ...(secure ? { secureContext: trustedContext(connection.extraCa ?? null), rejectUnauthorized: true } : {}),
      agent: false,
    };
    const request = (secure ? https : http).request(target, options, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          finish(new UpstreamError('badReply', `The upstream's reply is larger than ${maxBytes} bytes; refused.`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => finish(null, { status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => finish(new UpstreamError('network', `The upstream's reply broke off (${networkCode(error)}).`)));
      response.on('aborted', () => finish(new UpstreamError('network', "The upstream's reply broke off (aborted).")));
    });
    const deadline = setTimeout(
      () => finish(new UpstreamError('timeout', `The upstream did not answer in full within ${Math.round(timeoutMs / 1000)} s.`)),
      timeoutMs,
    );
    request.on('error', (error) => {
      const code = networkCode(error);
      if (TLS_CODES.test(code)) {
        finish(new UpstreamError('network', `The upstream's certificate was not accepted (${code}). Check the CA file in Settings.`));
      } else {
        finish(new UpstreamError('network', `The upstream could not be reached (${code}).`));
      }
    });
    if (body !== undefined) request.write(body);
    request.end();
  });
}

function quote(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  const flat = text.replace(/[\x00-\x1f\x7f]/g, ' ').trim();
  return flat.length > QUOTED_BODY_CHARACTERS ? `${flat.slice(0, QUOTED_BODY_CHARACTERS)}…` : flat;
}

/** Sorts a reply into what the desk does about it, then parses and schema-checks a 200. */
export function readReply<S extends z.ZodType>(reply: RawReply, schema: S, now: Date): z.output<S> {
  const retryAfter = reply.headers['retry-after'];
  const retryAfterMs = parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null, now);
  if (reply.status === 401 || reply.status === 403) {
    throw new UpstreamError('unauthorized', `The upstream refused the token (${reply.status}). Enroll the desk again or set a valid token in Settings.`, null, reply.status);
  }
  if (reply.status === 429) throw new UpstreamError('rateLimited', 'The upstream asked the desk to slow down (429).', retryAfterMs, 429);
  if (reply.status >= 500) throw new UpstreamError('server', `The upstream had an error (${reply.status}).`, retryAfterMs, reply.status);
  if (reply.status !== 200) throw new UpstreamError('badReply', `The upstream answered ${reply.status}: ${quote(reply.text)}`, null, reply.status);
  if (jsonTextTooDeep(reply.text, MAX_REPLY_DEPTH)) throw new UpstreamError('badReply', `The upstream's reply nests deeper than ${MAX_REPLY_DEPTH} levels; refused.`);
  let json: unknown;
  try {
    json = JSON.parse(reply.text);
  } catch {
    throw new UpstreamError('badReply', 'The upstream answered with something that is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new UpstreamError('badReply', `The upstream's reply does not fit the protocol: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const now = options.now ?? (() => new Date());
  const authorization = { Authorization: `Bearer ${options.token}` };
  return {
    async push(body) {
      const reply = await exchange(options, 'POST', TRANSITIONS_PATH, authorization, JSON.stringify(body));
      return readReply(reply, pushResponseSchema, now());
    },
    async changes(after, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (after !== null && after !== '') query.set('after', after);
      const reply = await exchange(options, 'GET', `${CHANGES_PATH}?${query.toString()}`, authorization, undefined);
      return readReply(reply, changesResponseSchema, now());
    },
    async reportStatus(report) {
      const reply = await exchange(options, 'POST', STATUS_PATH, authorization, JSON.stringify(report));
      return readReply(reply, statusResponseSchema, now());
    },
  };
}

/** `POST /v1/enroll`: a one-use code for the desk's own token. A refused code is 'refused', not 'unauthorized'. */
export async function enrollAtHub(connection: UpstreamConnection, request: EnrollRequest, now: Date): Promise<EnrollResponse> {
  const reply = await exchange(connection, 'POST', ENROLL_PATH, {}, JSON.stringify(request));
  if (reply.status === 403 || reply.status === 400) {
    throw new UpstreamError('refused', `The hub refused the enrollment: ${quote(reply.text)}`, null, reply.status);
  }
  return readReply(reply, enrollResponseSchema, now);
}
