import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostDispatch } from '../host/start-desk';
import { MAX_IMPORT_BYTES } from '../../shared/rpc/limits';
import { fail, type Envelope } from '../../shared/rpc/envelope';
import { allowedHostHeaders, allowedOrigins, bearerToken, isLoopbackHost, tokenMatches } from './request-guards';
import { SECURITY_HEADERS } from '../host/security-headers';
import { readStaticFile } from '../host/static-files';
import type { DeskEvents } from '../host/event-bus';
import { CLIENT_ID_HEADER, CLIENT_ID_PATTERN, type DeskEvent } from '../../shared/events';
import { EVENTS_PATH, LAUNCH_PATH } from '../../shared/rpc/web-paths';

export const API_PREFIX = '/api/';
/** A launch code opens the desk once, within this long (docs/architecture.md, "Web mode"). */
export const LAUNCH_CODE_TTL_MS = 60_000;
const LAUNCH_CODE_BYTES = 18;
/** A comment line on every event stream this often, so a proxy or the OS never takes it for dead. */
export const EVENT_KEEP_ALIVE_MS = 25_000;
/** A stream whose reader has fallen this far behind is ended; the page reconnects and refreshes. */
const MAX_EVENT_BACKLOG_BYTES = 1_048_576;
const BYTES_PER_MEGABYTE = 1024 * 1024;

export interface WebServerOptions {
  readonly dispatch: HostDispatch;
  readonly token: string;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** The desk's event stream, served at GET /api/events; without it the route answers 404. */
  readonly events?: DeskEvents;
  readonly now?: () => number;
}

export interface WebServer {
  readonly url: string;
  readonly port: number;
  /** The URL a script or test opens: the token travels in the fragment, which is never sent to a server or a log. */
  readonly launchUrl: string;
  /**
   * A URL for the browser this desk opens: it carries a one-time launch code (valid once, for
   * LAUNCH_CODE_TTL_MS) that the page exchanges for the token, so the opener's command line, which
   * any local user may read, holds nothing that still works a minute later.
   */
  mintLaunchUrl(): string;
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
  const now = options.now ?? Date.now;
  /** Unused launch codes and when each stops working. */
  const launchCodes = new Map<string, number>();

  /** The page's own id for its calls and its stream (X-Desk-Client), when it sent a well-formed one. */
  function clientId(request: http.IncomingMessage): string | undefined {
    const value = request.headers[CLIENT_ID_HEADER];
    return typeof value === 'string' && CLIENT_ID_PATTERN.test(value) ? value : undefined;
  }

  function authorized(request: http.IncomingMessage, response: http.ServerResponse): boolean {
    const presented = bearerToken(request.headers.authorization);
    if (presented !== null && tokenMatches(presented, options.token)) return true;
    sendEnvelope(response, 401, fail('unauthorized', 'Authorization: a valid Bearer token is required.', undefined, { key: 'tokenRequired' }));
    return false;
  }

  /** POST /launch {code}: a launch code, once and in time, for the token. */
  async function handleLaunch(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      send(response, 405, 'Use POST.', 'text/plain; charset=utf-8', { Allow: 'POST' });
      return;
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendEnvelope(response, 415, fail('invalid_params', 'Content-Type: send application/json.', undefined, { key: 'requestNotJson' }));
      return;
    }
    let code: unknown;
    try {
      code = (JSON.parse((await readBody(request, LAUNCH_CODE_BYTES * 4 + 64)).toString('utf8')) as { code?: unknown }).code;
    } catch {
      code = undefined;
    }
    const expires = typeof code === 'string' ? launchCodes.get(code) : undefined;
    // Used once, whatever happens next: a second try with the same code always fails.
    if (typeof code === 'string') launchCodes.delete(code);
    if (expires === undefined || expires < now()) {
      sendEnvelope(response, 401, fail('unauthorized', 'This launch code was used already or has expired.', undefined, { key: 'launchCodeInvalid' }));
      return;
    }
    sendEnvelope(response, 200, { ok: true, value: { token: options.token } });
  }

  /** GET /api/events: the desk's events as Server-Sent Events, `hello` first. */
  function handleEvents(request: http.IncomingMessage, response: http.ServerResponse): void {
    if (request.method !== 'GET') {
      send(response, 405, 'Use GET.', 'text/plain; charset=utf-8', { Allow: 'GET' });
      return;
    }
    const events = options.events;
    if (events === undefined) {
      send(response, 404, 'Not found.', 'text/plain; charset=utf-8');
      return;
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    const write = (event: DeskEvent) => {
      if (response.writableEnded || response.destroyed) return;
      if (response.writableLength > MAX_EVENT_BACKLOG_BYTES) {
        response.end();
        return;
      }
      response.write(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const unsubscribe = events.subscribe(write);
    const client = clientId(request);
    write({ type: 'hello', seq: events.lastSeq(), at: new Date(now()).toISOString(), ...(client === undefined ? {} : { client }) });
    const keepAlive = setInterval(() => {
      if (!response.writableEnded && !response.destroyed) response.write(': keep-alive\n\n');
    }, EVENT_KEEP_ALIVE_MS);
    keepAlive.unref();
    const stop = () => {
      clearInterval(keepAlive);
      unsubscribe();
    };
    response.on('close', stop);
    request.on('close', stop);
  }

  async function handleApi(request: http.IncomingMessage, response: http.ServerResponse, method: string): Promise<void> {
    if (!authorized(request, response)) return;
    if (method === EVENTS_PATH.slice(API_PREFIX.length)) {
      handleEvents(request, response);
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
    const envelope = await options.dispatch(method, params, clientId(request));
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
    if (url.pathname === LAUNCH_PATH) {
      await handleLaunch(request, response);
      return;
    }
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
    mintLaunchUrl() {
      const code = randomBytes(LAUNCH_CODE_BYTES).toString('base64url');
      for (const [old, expires] of launchCodes) if (expires < now()) launchCodes.delete(old);
      launchCodes.set(code, now() + LAUNCH_CODE_TTL_MS);
      return `${url}#launch=${code}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
