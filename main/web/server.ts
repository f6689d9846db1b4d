import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../core/dispatcher';
import { MAX_IMPORT_BYTES } from '../../shared/rpc/limits';
import { fail, type Envelope } from '../../shared/rpc/envelope';
import { allowedHostHeaders, allowedOrigins, bearerToken, isLoopbackHost, tokenMatches } from './request-guards';
import { SECURITY_HEADERS } from './security-headers';
import { readStaticFile } from './static-files';

export const API_PREFIX = '/api/';
const BYTES_PER_MEGABYTE = 1024 * 1024;

export interface WebServerOptions {
  readonly dispatch: Dispatch;
  readonly token: string;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
}

export interface WebServer {
  readonly url: string;
  readonly port: number;
  /** The URL a browser opens: the token travels in the fragment, which is never sent to a server or a log. */
  readonly launchUrl: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/**
 * A body over the cap is answered 413, never with a reset: the connection stays open and the rest of
 * the body is read and dropped (up to DRAIN_LIMIT_BYTES more, for at most DRAIN_TIMEOUT_MS), so a
 * client still sending gets to read the answer. Closing at once would make the kernel answer the
 * client's next bytes with a reset, which is all a client would see. Past either bound it is closed.
 */
const DRAIN_LIMIT_BYTES = 256 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 30_000;

function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Reads and drops what is left of a refused body. */
function drainAndClose(request: http.IncomingMessage): void {
  let dropped = 0;
  const timer = setTimeout(() => request.destroy(), DRAIN_TIMEOUT_MS);
  timer.unref();
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_LIMIT_BYTES) request.destroy();
  });
  request.on('end', () => clearTimeout(timer));
  request.on('close', () => clearTimeout(timer));
  request.resume();
}

function send(response: http.ServerResponse, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
  response.end(body);
}

function sendEnvelope(response: http.ServerResponse, status: number, envelope: Envelope<unknown>): void {
  send(response, status, JSON.stringify(envelope), 'application/json; charset=utf-8');
}

/** Web mode (docs/architecture.md): the same core and renderer, served to a browser on this machine only. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`Refusing to listen on ${host}: web mode serves this machine only (use 127.0.0.1).`);
  }
  let hosts = new Set<string>();
  let origins = new Set<string>();

  async function handleApi(request: http.IncomingMessage, response: http.ServerResponse, method: string): Promise<void> {
    const presented = bearerToken(request.headers.authorization);
    if (presented === null || !tokenMatches(presented, options.token)) {
      sendEnvelope(response, 401, fail('unauthorized', 'Authorization: a valid Bearer token is required.', undefined, { key: 'tokenRequired' }));
      return;
    }
    if (request.method !== 'POST') {
      send(response, 405, 'Use POST.', 'text/plain; charset=utf-8', { Allow: 'POST' });
      return;
    }
    // A JSON content type cannot be sent cross-site without a preflight, which this server never grants.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendEnvelope(response, 415, fail('invalid_params', 'Content-Type: send application/json.', undefined, { key: 'requestNotJson' }));
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(request, MAX_IMPORT_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) return;
      sendEnvelope(
        response,
        413,
        fail('invalid_params', `The request is larger than ${MAX_IMPORT_BYTES} bytes, the limit for any request.`, undefined, {
          key: 'requestTooLarge',
          params: { megabytes: Math.round(MAX_IMPORT_BYTES / BYTES_PER_MEGABYTE) },
        }),
      );
      drainAndClose(request);
      return;
    }
    let params: unknown;
    const text = body.toString('utf8');
    try {
      params = body.length === 0 ? {} : (JSON.parse(text) as unknown);
    } catch {
      sendEnvelope(response, 400, fail('invalid_params', 'The request body is not valid JSON.', undefined, { key: 'requestNotJson' }));
      return;
    }
    const envelope = await options.dispatch(method, params);
    sendEnvelope(response, envelope.ok || envelope.error.code !== 'unknown_method' ? 200 : 404, envelope);
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (!hosts.has(request.headers.host ?? '')) {
      send(response, 403, 'Forbidden host.', 'text/plain; charset=utf-8');
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !origins.has(origin)) {
      send(response, 403, 'Forbidden origin.', 'text/plain; charset=utf-8');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(API_PREFIX)) {
      await handleApi(request, response, url.pathname.slice(API_PREFIX.length));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'Method not allowed.', 'text/plain; charset=utf-8', { Allow: 'GET' });
      return;
    }
    const file = await readStaticFile(options.staticDir, url.pathname);
    if (file === null) {
      send(response, 404, 'Not found.', 'text/plain; charset=utf-8');
      return;
    }
    send(response, 200, file.body, file.contentType);
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendEnvelope(response, 500, fail('internal', 'The request failed.', undefined, { key: 'requestFailed' }));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHostHeaders(port);
  origins = allowedOrigins(port);
  const urlHost = host === '::1' ? '[::1]' : host;
  const url = `http://${urlHost}:${port}/`;
  return {
    url,
    port,
    launchUrl: `${url}#token=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
