/**
 * A fault-injecting HTTP proxy between desks and hub(s), for tests: what a real network and a
 * real service do to a desk (5xx, 429 with Retry-After, latency, resets, an answer lost after the
 * hub committed, a sequence gap, a forced mustRefetch, a body that trickles, a request that hangs,
 * an outage), while the hub itself stays the product. With several hubs it spreads requests over
 * them in turn, as a load balancer would. Random decisions come from a seeded PRNG: the same seed
 * and the same requests fire the same faults.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { CHANGES_PATH, EVENTS_PATH, TRANSITIONS_PATH } from '../../shared/sync/wire';
import { seededRandom } from '../helpers/seeded-random';

export const MAX_LATENCY_MS = 120_000;
export const MAX_RETRY_AFTER_SECONDS = 86_400;
export const DEFAULT_FAULT_SEED = 1;
/** A hub's reply the proxy will hold to alter it; larger than any page. */
const MAX_PROXIED_BODY_BYTES = 128 * 1024 * 1024;

export interface FaultSwitches {
  /** Share of protocol requests answered 503 before they reach the hub. */
  readonly serverErrorRate: number;
  /** Share answered 429 with `Retry-After: retryAfterSeconds` before they reach the hub. */
  readonly tooManyRequestsRate: number;
  readonly retryAfterSeconds: number;
  /** Added to every protocol request before anything else is decided. */
  readonly latencyMs: number;
  /** Share of requests whose connection is destroyed before they reach the hub. */
  readonly resetRate: number;
  /** Share of pushes that reach the hub and commit, whose answer is then never delivered. */
  readonly lostResponseRate: number;
  /** Share of pushes (of 2+ items) with one item, never the first, dropped on the way. */
  readonly sequenceGapRate: number;
  /** Answer the next changes request with mustRefetch, once; the switch then turns itself off. */
  readonly forceMustRefetch: boolean;
  /** Share of answers sent one byte every `trickleIntervalMs` instead of at once. */
  readonly trickleRate: number;
  readonly trickleIntervalMs: number;
  /** Share of requests never answered (the connection stays open until the client gives up). */
  readonly hangRate: number;
  /** Every protocol request answered 503 at once, until turned off. */
  readonly outage: boolean;
  readonly seed: number;
}

export type FaultCounters = Record<
  'serverError' | 'tooManyRequests' | 'latency' | 'reset' | 'lostResponse' | 'sequenceGap' | 'mustRefetch' | 'trickle' | 'hang' | 'outage' | 'replaced',
  number
>;

export const DEFAULT_FAULTS: FaultSwitches = {
  serverErrorRate: 0,
  tooManyRequestsRate: 0,
  retryAfterSeconds: 1,
  latencyMs: 0,
  resetRate: 0,
  lostResponseRate: 0,
  sequenceGapRate: 0,
  forceMustRefetch: false,
  trickleRate: 0,
  trickleIntervalMs: 1_000,
  hangRate: 0,
  outage: false,
  seed: DEFAULT_FAULT_SEED,
};

const rate = z.number().min(0).max(1);
export const faultSwitchesPatchSchema = z
  .strictObject({
    serverErrorRate: rate,
    tooManyRequestsRate: rate,
    retryAfterSeconds: z.number().int().min(0).max(MAX_RETRY_AFTER_SECONDS),
    latencyMs: z.number().int().min(0).max(MAX_LATENCY_MS),
    resetRate: rate,
    lostResponseRate: rate,
    sequenceGapRate: rate,
    forceMustRefetch: z.boolean(),
    trickleRate: rate,
    trickleIntervalMs: z.number().int().min(1).max(60_000),
    hangRate: rate,
    outage: z.boolean(),
    seed: z.number().int(),
  })
  .partial();
export type FaultSwitchesPatch = z.infer<typeof faultSwitchesPatchSchema>;

const zeroCounters = (): FaultCounters => ({
  serverError: 0,
  tooManyRequests: 0,
  latency: 0,
  reset: 0,
  lostResponse: 0,
  sequenceGap: 0,
  mustRefetch: 0,
  trickle: 0,
  hang: 0,
  outage: 0,
  replaced: 0,
});

/** A test's own answer for a request (the fuzzed replies); null lets the hub answer. */
export type ReplyOverride = (request: { method: string; path: string; body: string }) => {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Sent chunked, without Content-Length (as a server streaming a reply would). */
  chunked?: boolean;
} | null;

export interface FaultProxyOptions {
  /** Hub base URLs (http or https); requests go to them in turn. */
  readonly targets: readonly string[];
  /** PEM of the CA the hubs' certificates chain to, when they serve HTTPS. */
  readonly targetCa?: string | Buffer;
  /** Serve HTTPS to the desks with this certificate. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
}

export interface FaultProxy {
  readonly url: string;
  readonly switches: FaultSwitches;
  readonly fired: Readonly<FaultCounters>;
  setFaults(patch: FaultSwitchesPatch): FaultSwitches;
  resetFaults(): void;
  /** Replace the hub's answers (null: stop replacing). */
  override(reply: ReplyOverride | null): void;
  /** Requests the proxy forwarded to the hubs, per target URL. */
  readonly forwarded: Readonly<Record<string, number>>;
  /** Cuts every open event stream (what a network blip or a hub restart does to it). */
  dropStreams(): number;
  close(): Promise<void>;
}

function readAll(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PROXIED_BODY_BYTES) {
        stream.destroy();
        reject(new Error('body too large for the proxy'));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  if (options.targets.length === 0) throw new Error('startFaultProxy: at least one target');
  let switches: FaultSwitches = DEFAULT_FAULTS;
  let counters = zeroCounters();
  let random = seededRandom(DEFAULT_FAULT_SEED);
  let override: ReplyOverride | null = null;
  let next = 0;
  const forwarded: Record<string, number> = Object.fromEntries(options.targets.map((target) => [target, 0]));
  const open = new Set<http.ServerResponse>();
  const streams = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const roll = (probability: number, counter: keyof FaultCounters): boolean => {
    if (probability <= 0 || random() >= probability) return false;
    counters[counter] += 1;
    return true;
  };
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const forward = (method: string, path: string, headers: http.IncomingHttpHeaders, body: Buffer | null): Promise<http.IncomingMessage> => {
    const target = options.targets[next % options.targets.length] ?? '';
    next += 1;
    forwarded[target] = (forwarded[target] ?? 0) + 1;
    const url = new URL(path, target);
    const outHeaders = { ...headers, host: url.host };
    delete outHeaders.connection;
    if (body !== null) outHeaders['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        { method, headers: outHeaders, agent: false, ...(options.targetCa === undefined ? {} : { ca: options.targetCa }) },
        resolve,
      );
      request.on('error', reject);
      if (body !== null) request.write(body);
      request.end();
    });
  };

  const sendBody = async (response: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body: Buffer) => {
    if (roll(switches.trickleRate, 'trickle')) {
      response.writeHead(status, { ...headers, 'content-length': String(body.length) });
      for (const byte of body) {
        if (closed || response.destroyed) return;
        response.write(Buffer.from([byte]));
        await wait(switches.trickleIntervalMs);
      }
      response.end();
      return;
    }
    response.writeHead(status, { ...headers, 'content-length': String(body.length) });
    response.end(body);
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const pathname = new URL(path, 'http://proxy').pathname;
    const protocol = pathname === TRANSITIONS_PATH || pathname === CHANGES_PATH || pathname === EVENTS_PATH;
    const body = method === 'GET' || method === 'HEAD' ? null : await readAll(request);
    if (protocol) {
      if (switches.outage) {
        counters.outage += 1;
        await sendBody(response, 503, { 'content-type': 'application/json' }, Buffer.from('{"error":"the hub is down (outage switch)"}'));
        return;
      }
      if (switches.latencyMs > 0) {
        counters.latency += 1;
        await wait(switches.latencyMs);
        if (closed) return;
      }
      if (roll(switches.resetRate, 'reset')) {
        request.socket.destroy();
        return;
      }
      if (roll(switches.hangRate, 'hang')) return;
      if (roll(switches.serverErrorRate, 'serverError')) {
        await sendBody(response, 503, { 'content-type': 'application/json' }, Buffer.from('{"error":"the hub failed (serverError switch)"}'));
        return;
      }
      if (roll(switches.tooManyRequestsRate, 'tooManyRequests')) {
        await sendBody(
          response,
          429,
          { 'content-type': 'application/json', 'retry-after': String(switches.retryAfterSeconds) },
          Buffer.from('{"error":"too many requests (tooManyRequests switch)"}'),
        );
        return;
      }
      const replaced = override?.({ method, path, body: body?.toString('utf8') ?? '' }) ?? null;
      if (replaced !== null) {
        counters.replaced += 1;
        if (replaced.chunked === true) {
          response.writeHead(replaced.status, { 'content-type': 'application/json', ...replaced.headers });
          const body = Buffer.from(replaced.body);
          for (let start = 0; start < body.length && !response.destroyed; start += 64 * 1024) response.write(body.subarray(start, start + 64 * 1024));
          response.end();
          return;
        }
        await sendBody(response, replaced.status, { 'content-type': 'application/json', ...replaced.headers }, Buffer.from(replaced.body));
        return;
      }
      if (pathname === CHANGES_PATH && switches.forceMustRefetch) {
        switches = { ...switches, forceMustRefetch: false };
        counters.mustRefetch += 1;
        await sendBody(response, 200, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ value: [], cursor: '', hasMore: true, mustRefetch: true })));
        return;
      }
    }
    let outgoing = body;
    if (protocol && pathname === TRANSITIONS_PATH && body !== null) {
      try {
        const push = JSON.parse(body.toString('utf8')) as { items?: unknown[] };
        if (Array.isArray(push.items) && push.items.length >= 2 && roll(switches.sequenceGapRate, 'sequenceGap')) {
          const dropped = 1 + Math.floor(random() * (push.items.length - 1));
          push.items = push.items.filter((_, index) => index !== dropped);
          outgoing = Buffer.from(JSON.stringify(push));
        }
      } catch {
        // Not JSON: the hub refuses it itself.
      }
    }
    let upstream: http.IncomingMessage;
    try {
      upstream = await forward(method, path, request.headers, outgoing);
    } catch {
      if (!response.headersSent) await sendBody(response, 502, { 'content-type': 'application/json' }, Buffer.from('{"error":"the proxy could not reach the hub"}'));
      return;
    }
    if (pathname === EVENTS_PATH) {
      // A stream: passed through as it comes.
      response.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(response);
      streams.add(response);
      response.on('close', () => {
        streams.delete(response);
        upstream.destroy();
      });
      return;
    }
    const answer = await readAll(upstream);
    // Committed at the hub: losing the answer now is exactly what duplicates exist for.
    if (protocol && pathname === TRANSITIONS_PATH && upstream.statusCode === 200 && roll(switches.lostResponseRate, 'lostResponse')) {
      request.socket.destroy();
      return;
    }
    const headers = { ...upstream.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    delete headers.connection;
    await sendBody(response, upstream.statusCode ?? 502, headers, answer);
  };

  const listener = (request: http.IncomingMessage, response: http.ServerResponse) => {
    open.add(response);
    response.on('close', () => open.delete(response));
    handle(request, response).catch(() => {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'application/json' });
        response.end('{"error":"the proxy failed"}');
      } else {
        response.destroy();
      }
    });
  };
  const server = options.tls === undefined ? http.createServer(listener) : https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    get switches() {
      return switches;
    },
    get fired() {
      return { ...counters };
    },
    forwarded,
    setFaults(patch) {
      const parsed = faultSwitchesPatchSchema.parse(patch);
      const defined = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
      switches = { ...switches, ...defined };
      if (parsed.seed !== undefined) random = seededRandom(parsed.seed);
      return switches;
    },
    resetFaults() {
      switches = DEFAULT_FAULTS;
      counters = zeroCounters();
      random = seededRandom(DEFAULT_FAULT_SEED);
    },
    override(reply) {
      override = reply;
    },
    dropStreams() {
      const count = streams.size;
      for (const stream of [...streams]) stream.destroy();
      return count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const response of open) response.destroy();
      }),
  };
}
