/**
 * The reference upstream over HTTP (docs/sync-protocol.md): the two protocol routes, the admin
 * routes, a bearer token, and fault switches on the protocol routes only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describeIssues } from '../../shared/rpc/describe-issues';
import { CHANGES_PATH, pushRequestSchema, TRANSITIONS_PATH } from '../../shared/sync/wire';
import { ADMIN_PREFIX, AdminApi } from './admin-api';
import { BadLimit, mustRefetchResponse, parseLimit, readChanges } from './changes-feed';
import { FaultInjector, faultSwitchesPatchSchema, type FaultSwitches, type FaultSwitchesPatch } from './faults';
import { processPush } from './process-push';
import { failure, ok, type Reply } from './reply';
import { openUpstreamStore, type UpstreamStore } from './upstream-db';

export const UPSTREAM_DATABASE_FILE = 'upstream.sqlite';
/** Largest request body: a full push batch with 2,000-character notes, JSON-escaped, fits with room. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface UpstreamOptions {
  /** Folder for the upstream's own database; created if missing. */
  readonly dataDir: string;
  readonly token: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface UpstreamHandle {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Stops listening, drops open connections and closes the database. */
  close(): Promise<void>;
  /** Merges switches into the current ones (as `POST /v1/admin/faults`); throws on an invalid value. */
  setFaults(partial: Partial<FaultSwitches>): FaultSwitches;
  /** Everything off and the counters back to zero (as `DELETE /v1/admin/faults`). */
  resetFaults(): void;
}

class BodyTooLarge extends Error {}
class BadRequest extends Error {}

/** Compares in constant time: hashing first makes the lengths equal too. */
function tokenMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer ([^\s]+)$/.exec(authorization ?? '');
  return match?.[1] ?? null;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.pause();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function readJsonBody(request: http.IncomingMessage): Promise<unknown> {
  const body = await readBody(request);
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new BadRequest('the request body is not valid JSON');
  }
}

function send(response: http.ServerResponse, reply: Reply): void {
  response.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...reply.headers,
  });
  response.end(JSON.stringify(reply.body));
}

/** Drops the connection without an answer: what a reset or a lost response looks like to the desk. */
function dropConnection(request: http.IncomingMessage): void {
  request.socket.destroy();
}

function decodeSegments(pathname: string): string[] {
  try {
    return pathname
      .slice(ADMIN_PREFIX.length)
      .split('/')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw new BadRequest('the path is not valid percent-encoding');
  }
}

/** Latency timers, cut short by close() so a stopped server does not keep the process alive. */
class Delays {
  private readonly pending = new Set<() => void>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pending.add(done);
    });
  }

  cancelAll(): void {
    for (const done of [...this.pending]) done();
  }
}

class UpstreamService {
  private readonly admin: AdminApi;
  private readonly delays = new Delays();
  closed = false;

  constructor(
    private readonly store: UpstreamStore,
    readonly faults: FaultInjector,
    private readonly token: string,
  ) {
    this.admin = new AdminApi(store, faults);
  }

  async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://upstream');
    const isProtocolRoute = url.pathname === TRANSITIONS_PATH || url.pathname === CHANGES_PATH;
    // An outage answers before anything else, as a load balancer in front of a dead service would.
    if (isProtocolRoute && this.faults.outage()) {
      send(response, failure(503, 'the upstream is down (outage switch)'));
      return;
    }
    const presented = bearerToken(request.headers.authorization);
    if (presented === null || !tokenMatches(presented, this.token)) {
      send(response, { ...failure(401, 'Authorization: a valid Bearer token is required'), headers: { 'WWW-Authenticate': 'Bearer' } });
      return;
    }
    if (!isProtocolRoute && !url.pathname.startsWith(ADMIN_PREFIX)) {
      send(response, failure(404, `no route ${method} ${url.pathname}`));
      return;
    }
    const body = method === 'POST' || method === 'PUT' ? await readJsonBody(request) : undefined;
    if (!isProtocolRoute) {
      send(response, this.admin.handle({ method, segments: decodeSegments(url.pathname), query: url.searchParams, body }));
      return;
    }
    const expectedMethod = url.pathname === TRANSITIONS_PATH ? 'POST' : 'GET';
    if (method !== expectedMethod) {
      send(response, { ...failure(405, `use ${expectedMethod}`), headers: { Allow: expectedMethod } });
      return;
    }
    await this.delays.wait(this.faults.latency());
    if (this.closed) {
      dropConnection(request);
      return;
    }
    const fault = this.faults.beforeProcessing();
    if (fault === 'reset') {
      dropConnection(request);
      return;
    }
    if (fault === 'serverError') {
      send(response, failure(503, 'the upstream failed (serverError switch)'));
      return;
    }
    if (fault === 'tooManyRequests') {
      const seconds = String(this.faults.switches.retryAfterSeconds);
      send(response, { ...failure(429, 'too many requests (tooManyRequests switch)'), headers: { 'Retry-After': seconds } });
      return;
    }
    if (url.pathname === TRANSITIONS_PATH) this.push(request, response, body);
    else this.changes(response, url.searchParams);
  }

  private push(request: http.IncomingMessage, response: http.ServerResponse, body: unknown): void {
    const parsed = pushRequestSchema.safeParse(body);
    if (!parsed.success) {
      send(response, failure(400, describeIssues(parsed.error)));
      return;
    }
    const dropped = this.faults.droppedItemIndex(parsed.data.items.length);
    const items = dropped === null ? parsed.data.items : parsed.data.items.filter((_, index) => index !== dropped);
    const answer = processPush(this.store, { ...parsed.data, items });
    // Committed above: losing the answer now is exactly the case duplicates exist for.
    if (this.faults.loseResponse()) {
      dropConnection(request);
      return;
    }
    send(response, ok(answer));
  }

  private changes(response: http.ServerResponse, query: URLSearchParams): void {
    if (this.faults.takeMustRefetch()) {
      send(response, ok(mustRefetchResponse(this.store)));
      return;
    }
    let limit: number;
    try {
      limit = parseLimit(query.get('limit'));
    } catch (error) {
      if (error instanceof BadLimit) {
        send(response, failure(400, error.message));
        return;
      }
      throw error;
    }
    send(response, ok(readChanges(this.store, query.get('after'), limit)));
  }

  shutDown(): void {
    this.closed = true;
    this.delays.cancelAll();
  }
}

function errorReply(error: unknown): Reply {
  if (error instanceof BodyTooLarge) return failure(413, `the request is larger than ${MAX_BODY_BYTES} bytes`);
  if (error instanceof BadRequest) return failure(400, error.message);
  return failure(500, 'the upstream failed');
}

export async function startUpstream({ dataDir, token, port = 0, host = '127.0.0.1' }: UpstreamOptions): Promise<UpstreamHandle> {
  if (token.length === 0) throw new Error('startUpstream: the token must not be empty');
  mkdirSync(dataDir, { recursive: true });
  const store = openUpstreamStore(path.join(dataDir, UPSTREAM_DATABASE_FILE));
  const service = new UpstreamService(store, new FaultInjector(), token);

  const server = http.createServer((request, response) => {
    service.handle(request, response).catch((error: unknown) => {
      const reply = errorReply(error);
      if (reply.status === 500) process.stderr.write(`[upstream] ${error instanceof Error ? error.stack : String(error)}\n`);
      if (response.headersSent || service.closed) response.destroy();
      else send(response, { ...reply, headers: { Connection: 'close' } });
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const boundPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${boundPort}`,
    port: boundPort,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        service.shutDown();
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      }),
    setFaults(partial: FaultSwitchesPatch): FaultSwitches {
      return service.faults.set(faultSwitchesPatchSchema.parse(partial));
    },
    resetFaults: () => service.faults.reset(),
  };
}
