import type { z } from 'zod';
import { describeIssues } from '../../../shared/rpc/describe-issues';
import {
  CHANGES_PATH,
  TRANSITIONS_PATH,
  changesResponseSchema,
  pushResponseSchema,
  type ChangesResponse,
  type PushRequest,
  type PushResponse,
} from '../../../shared/sync/wire';
import { parseRetryAfter } from './backoff';

/** A request that has not answered by then is abandoned and counted as a failed attempt. */
export const UPSTREAM_REQUEST_TIMEOUT_MS = 30_000;
/** A reply larger than this is refused unread: no upstream page is that big. */
export const MAX_UPSTREAM_REPLY_BYTES = 64 * 1024 * 1024;

export type UpstreamFailureKind = 'unauthorized' | 'rateLimited' | 'server' | 'network' | 'timeout' | 'badReply';

/** Why an upstream request failed, sorted into what the desk does about it. */
export class UpstreamError extends Error {
  readonly kind: UpstreamFailureKind;
  readonly retryAfterMs: number | null;
  constructor(kind: UpstreamFailureKind, message: string, retryAfterMs: number | null = null) {
    super(message);
    this.name = 'UpstreamError';
    this.kind = kind;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface UpstreamClient {
  push(request: PushRequest): Promise<PushResponse>;
  changes(after: string | null, limit: number): Promise<ChangesResponse>;
}

export interface UpstreamClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code !== undefined) return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/** The desk's side of docs/sync-protocol.md over fetch: every reply is schema-checked before use. */
export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const timeoutMs = options.timeoutMs ?? UPSTREAM_REQUEST_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const base = options.baseUrl.replace(/\/+$/, '');

  async function request<S extends z.ZodType>(method: 'GET' | 'POST', pathAndQuery: string, body: unknown, schema: S): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await fetch(`${base}${pathAndQuery}`, {
        method,
        headers: {
          Authorization: `Bearer ${options.token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      if ((error as { name?: string } | null)?.name === 'TimeoutError') {
        throw new UpstreamError('timeout', `The upstream did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      }
      throw new UpstreamError('network', `The upstream could not be reached (${describeNetworkError(error)}).`);
    }
    let text: string;
    try {
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > MAX_UPSTREAM_REPLY_BYTES) throw new Error(`reply of ${declared} bytes is too large`);
      text = await response.text();
    } catch (error) {
      throw new UpstreamError('network', `The upstream's reply broke off (${describeNetworkError(error)}).`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new UpstreamError('unauthorized', `The upstream refused the token (${response.status}). Set a valid token in Settings.`);
    }
    if (response.status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
      throw new UpstreamError('rateLimited', 'The upstream asked the desk to slow down (429).', retryAfterMs);
    }
    if (response.status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
      throw new UpstreamError('server', `The upstream had an error (${response.status}).`, retryAfterMs);
    }
    if (response.status !== 200) {
      throw new UpstreamError('badReply', `The upstream answered ${response.status}: ${text.slice(0, 200)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UpstreamError('badReply', 'The upstream answered with something that is not JSON.');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new UpstreamError('badReply', `The upstream's reply does not fit the protocol: ${describeIssues(parsed.error)}`);
    return parsed.data;
  }

  return {
    push: (body) => request('POST', TRANSITIONS_PATH, body, pushResponseSchema),
    changes: (after, limit) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (after !== null && after !== '') query.set('after', after);
      return request('GET', `${CHANGES_PATH}?${query.toString()}`, undefined, changesResponseSchema);
    },
  };
}
