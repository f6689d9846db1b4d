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

function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
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
      if (error instanceof BodyTooLarge) {
        sendEnvelope(response, 413, fail('invalid_params', `The request is larger than ${MAX_IMPORT_BYTES} bytes.`, undefined, {
            key: 'requestTooLarge',
            params: { megabytes: Math.round(MAX_IMPORT_BYTES / BYTES_PER_MEGABYTE) },
          }));
      }
      return;
    }
    let params: unknown;
    try {
      params = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
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
