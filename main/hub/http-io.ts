/** Reading requests and writing answers: bounded bodies, JSON errors naming the problem. */
import type http from 'node:http';
import { checkJsonLimits, describeJsonLimit, jsonTextTooDeep, MAX_JSON_DEPTH } from '../../shared/rpc/json-limits';

/** Largest request body: a full push batch with 2,000-character notes, JSON-escaped, fits with room. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** A job list for intake may be larger: 10,000 jobs are about 30 MB of JSON. */
export const MAX_INTAKE_BODY_BYTES = 64 * 1024 * 1024;

/** An answer the server writes as `{ error }` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

export function send(response: http.ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...reply.headers,
  });
  response.end(text);
}

export function sendError(response: http.ServerResponse, error: HttpError): void {
  send(response, { status: error.status, body: { error: error.message }, headers: error.headers });
}

/** Reads the body up to `maxBytes`, whether or not Content-Length was sent; more is a 413. */
export function readBody(request: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(new HttpError(413, `the request is larger than ${maxBytes} bytes`, { Connection: 'close' }));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners('data');
        request.resume();
        reject(new HttpError(413, `the request is larger than ${maxBytes} bytes`, { Connection: 'close' }));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
    request.on('aborted', () => reject(new HttpError(400, 'the request was aborted')));
  });
}

export async function readJson(request: http.IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'Content-Type: send application/json');
  const text = (await readBody(request, maxBytes)).toString('utf8');
  // The same limits as every desk payload (shared/rpc/json-limits.ts), checked before parsing.
  if (jsonTextTooDeep(text)) throw new HttpError(400, `the request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
  const problem = checkJsonLimits(parsed, 'body');
  if (problem !== null) throw new HttpError(400, describeJsonLimit(problem));
  return parsed;
}
