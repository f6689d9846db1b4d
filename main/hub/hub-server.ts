/**
 * The hub: the site's service (docs/hub.md). Serves the sync protocol of docs/sync-protocol.md to
 * enrolled desks, live change events, job intake and desk enrollment to the admin, over HTTPS
 * when given a certificate. All state is in PostgreSQL (a server, or PGlite in the data folder);
 * any number of hub processes may serve one database.
 *
 * Routes:
 *   GET  /v1/health                         no token
 *   POST /v1/enroll                         enrollment code in the body
 *   POST /v1/transitions, GET /v1/jobs/changes, GET /v1/events      desk token
 *   POST /v1/desks/status                   desk token (board/board-service.ts)
 *   /v1/admin/…                             admin token
 *   /board/…                                the site board, a supervisor's session (board/board-service.ts)
 */
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DEMO_DOCUMENT } from '../../shared/domain/demo-jobs';
import { describeIssues } from '../../shared/rpc/describe-issues';
import { CHANGES_PATH, EVENTS_PATH, ENROLL_PATH, pushRequestSchema, TRANSITIONS_PATH } from '../../shared/sync/wire';
import { AdminToken, ADMIN_TOKEN_FILE_NAME } from './admin-token';
import { parseLimit, readChanges } from './changes';
import { authenticateDesk, createDesk, createDeskSchema, enrollDesk, enrollSchema, listDesks, revokeDesk, touchDesk, type AuthenticatedDesk } from './desks';
import { LiveChanges } from './events';
import { HttpError, MAX_INTAKE_BODY_BYTES, ok, readJson, send, sendError, type Reply } from './http-io';
import { checkJobDocument, intakeJobs, jobDocuments, listDrives, MAX_JOBS_PER_INTAKE, setDriveState, setJobState, stateBodySchema, type CheckedJob } from './jobs';
import { processPush } from './push';
import { DEFAULT_DESK_RATE_LIMIT, DEFAULT_ENROLL_RATE_LIMIT, RateLimiter, type RateLimit } from './rate-limit';
import { migrateHub } from './storage/migrate';
import { createPgPool, DEFAULT_POOL_SIZE } from './storage/pg-pool';
import { holdFolder, type FolderHold } from './storage/folder-hold';
import { createPgLitePool } from './storage/pglite-pool';
import type { SqlPool } from './storage/sql';
import { bearerToken } from './tokens';
import { ACCOUNTS_ADMIN_SEGMENT, BoardService } from './board/board-service';
import { defaultBoardDir } from './board/static-files';
import type { SignInThrottle } from './board/throttle';
import { STATUS_PATH } from '../../shared/sync/status-report';

export const ADMIN_PREFIX = '/v1/admin/';
/** Where the embedded database lives inside the data folder. */
export const EMBEDDED_DATABASE_DIR = 'pgdata';
/** A request's headers must arrive within this long, and the whole request within the next. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** last_seen_at is written at most this often per desk and process (a pull is not a write). */
const TOUCH_INTERVAL_MS = 30_000;
/** The admin transition list's page. */
const DEFAULT_TRANSITIONS_PAGE = 10_000;
const MAX_TRANSITIONS_PAGE = 100_000;

export interface HubTls {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

export interface HubOptions {
  readonly dataDir: string;
  /** `postgres://…`; without it the hub runs on embedded PostgreSQL in `dataDir`. */
  readonly databaseUrl?: string;
  readonly port?: number;
  readonly host?: string;
  readonly tls?: HubTls;
  /** Defaults to `dataDir/admin-token`, created when missing. */
  readonly adminTokenFile?: string;
  /** Seed the demo jobs into an empty hub (what `npm run hub` does unless `--no-demo`). */
  readonly demo?: boolean;
  readonly rateLimit?: RateLimit;
  readonly poolSize?: number;
  /** One line per request and per failure; never a token. */
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
  /** The built renderer the board's page is served from; defaults to dist/renderer. */
  readonly boardDir?: string;
  /** Mark the board's session cookie Secure; defaults to on when the hub serves HTTPS. */
  readonly secureCookies?: boolean;
  /** Board sign-in attempts per user name and per address; defaults to DEFAULT_SIGN_IN_THROTTLE. */
  readonly signInThrottle?: SignInThrottle;
}

export interface HubHandle {
  /** `https://host:port` or `http://host:port`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly adminTokenFile: string;
  readonly databaseKind: 'postgres' | 'embedded';
  readonly pool: SqlPool;
  close(): Promise<void>;
}

type Route = (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => Promise<Reply | null>;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function decodeSegments(pathname: string): string[] {
  try {
    return pathname
      .slice(ADMIN_PREFIX.length)
      .split('/')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw new HttpError(400, 'the path is not valid percent-encoding');
  }
}

const unauthorized = (message: string) => new HttpError(401, `Authorization: ${message}`, { 'WWW-Authenticate': 'Bearer' });

export class HubService {
  private readonly deskLimiter: RateLimiter;
  private readonly enrollLimiter = new RateLimiter(DEFAULT_ENROLL_RATE_LIMIT);
  private readonly touched = new Map<string, number>();
  readonly live: LiveChanges;
  readonly board: BoardService;
  closed = false;

  constructor(
    readonly pool: SqlPool,
    private readonly adminToken: AdminToken,
    private readonly options: HubOptions,
  ) {
    this.deskLimiter = new RateLimiter(options.rateLimit ?? DEFAULT_DESK_RATE_LIMIT);
    this.live = new LiveChanges(pool);
    this.board = new BoardService(pool, {
      boardDir: options.boardDir ?? defaultBoardDir(),
      secureCookies: options.secureCookies ?? options.tls !== undefined,
      now: () => this.now(),
      ...(options.log === undefined ? {} : { log: options.log }),
      ...(options.signInThrottle === undefined ? {} : { signInThrottle: options.signInThrottle }),
    });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://hub');
    let status = 500;
    try {
      const reply = await this.route(method, url.pathname)(request, response, url);
      if (reply !== null) {
        status = reply.status;
        send(response, reply);
      } else {
        status = response.statusCode;
      }
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        if (!response.headersSent) sendError(response, error);
        else response.destroy();
      } else {
        status = 500;
        this.options.log?.(`[hub] ${method} ${url.pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!response.headersSent && !this.closed) sendError(response, new HttpError(500, 'the hub failed; see its log', { Connection: 'close' }));
        else response.destroy();
      }
    } finally {
      // The path only: a query carries no secret here, but the rule is simpler without exceptions.
      this.options.log?.(`[hub] ${method} ${url.pathname} ${status} ${Date.now() - started} ms`);
    }
  }

  private route(method: string, pathname: string): Route {
    const only = (expected: string, route: Route): Route => async (request, response, url) => {
      if (method !== expected) throw new HttpError(405, `use ${expected}`, { Allow: expected });
      return route(request, response, url);
    };
    if (pathname === '/v1/health') return only('GET', async () => this.health());
    if (pathname === ENROLL_PATH) return only('POST', (request) => this.enroll(request));
    if (pathname === TRANSITIONS_PATH) return only('POST', (request) => this.push(request));
    if (pathname === CHANGES_PATH) return only('GET', (request, _response, url) => this.changes(request, url));
    if (pathname === EVENTS_PATH) return only('GET', (request, response) => this.events(request, response));
    if (pathname === STATUS_PATH) return only('POST', (request) => this.deskStatus(request));
    if (BoardService.owns(pathname)) {
      return async (request, response, url) => {
        await this.board.handle(method, request, response, url);
        return null;
      };
    }
    if (pathname.startsWith(ADMIN_PREFIX)) return (request, _response, url) => this.admin(method, request, url);
    return async () => {
      throw new HttpError(404, `no route ${method} ${pathname}`);
    };
  }

  private async health(): Promise<Reply> {
    await this.pool.query('SELECT 1');
    return ok({ ok: true, database: this.pool.kind, streams: this.live.connected });
  }

  /**
   * The desk behind a desk token, rate-limited; anything else is 401 (the desk pauses on it), and
   * too many requests 429 with Retry-After. Every desk route (and any added beside them) uses this.
   */
  async authenticate(request: http.IncomingMessage): Promise<AuthenticatedDesk> {
    const token = bearerToken(request.headers.authorization);
    if (token === null) throw unauthorized('a desk token is required (Bearer)');
    const desk = await authenticateDesk(this.pool, token);
    if (desk === null) throw unauthorized('the token is not a desk token of this hub, or the desk was revoked');
    const wait = this.deskLimiter.take(desk.deskId);
    if (wait > 0) throw new HttpError(429, `too many requests from desk ${desk.name}; try again in ${wait} s`, { 'Retry-After': String(wait) });
    return desk;
  }

  private async touch(desk: AuthenticatedDesk): Promise<void> {
    const now = this.now();
    const last = this.touched.get(desk.deskId) ?? 0;
    if (now.getTime() - last < TOUCH_INTERVAL_MS) return;
    this.touched.set(desk.deskId, now.getTime());
    await touchDesk(this.pool, desk.deskId, now);
  }

  private async enroll(request: http.IncomingMessage): Promise<Reply> {
    // Only refused codes count: a site enrolling many desks at once is not guessing.
    const address = request.socket.remoteAddress ?? 'unknown';
    const wait = this.enrollLimiter.blocked(address);
    if (wait > 0) throw new HttpError(429, `too many refused enrollment codes from this address; try again in ${wait} s`, { 'Retry-After': String(wait) });
    const parsed = enrollSchema.safeParse(await readJson(request));
    if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
    let enrolled;
    try {
      enrolled = await enrollDesk(this.pool, parsed.data, this.now());
    } catch (error) {
      if (error instanceof HttpError && error.status === 403) this.enrollLimiter.take(address);
      throw error;
    }
    this.options.log?.(`[hub] desk ${enrolled.deskId} (${enrolled.name}) enrolled`);
    return ok(enrolled);
  }

  private async push(request: http.IncomingMessage): Promise<Reply> {
    const desk = await this.authenticate(request);
    const parsed = pushRequestSchema.safeParse(await readJson(request));
    if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
    if (desk.clientDeskId !== null && parsed.data.deskId !== desk.clientDeskId) {
      // A token speaks for the desk it was issued to; another desk's seqs would tangle both.
      throw new HttpError(403, `deskId: this token was issued to another desk (${desk.name}); enroll this desk with its own code`);
    }
    const outcome = await processPush(this.pool, desk.deskId, parsed.data);
    return ok(outcome.response);
  }

  private async changes(request: http.IncomingMessage, url: URL): Promise<Reply> {
    const desk = await this.authenticate(request);
    const limit = parseLimit(url.searchParams.get('limit'));
    const page = await readChanges(this.pool, url.searchParams.get('after'), limit);
    await this.touch(desk);
    return ok(page);
  }

  private async events(request: http.IncomingMessage, response: http.ServerResponse): Promise<null> {
    const desk = await this.authenticate(request);
    const lastEventId = request.headers['last-event-id'];
    await this.live.attach(desk.deskId, desk.deskId, request, response, typeof lastEventId === 'string' ? lastEventId : null);
    await this.touch(desk);
    return null;
  }

  /** A desk's status report for the board (docs/sync-protocol.md, "Status report"). */
  private async deskStatus(request: http.IncomingMessage): Promise<Reply> {
    const desk = await this.authenticate(request);
    const body = await readJson(request);
    return ok(await this.board.deskStatus(desk.deskId, desk.clientDeskId, body));
  }

  private async admin(method: string, request: http.IncomingMessage, url: URL): Promise<Reply> {
    const token = bearerToken(request.headers.authorization);
    if (token === null || !this.adminToken.matches(token)) throw unauthorized('the admin token is required on admin routes');
    const segments = decodeSegments(url.pathname);
    const [first, name, third, serial, fifth] = segments;
    const body = method === 'POST' || method === 'PUT' ? await readJson(request, MAX_INTAKE_BODY_BYTES) : undefined;

    if (first === 'desks' && segments.length === 1) {
      if (method === 'POST') {
        const parsed = createDeskSchema.safeParse(body);
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
        const created = await createDesk(this.pool, parsed.data.name, this.now());
        this.options.log?.(`[hub] desk ${created.deskId} (${created.name}) created`);
        return ok(created, 201);
      }
      if (method === 'GET') return ok({ value: await listDesks(this.pool) });
    }
    if (first === 'desks' && segments.length === 2 && name !== undefined && method === 'DELETE') {
      if (!(await revokeDesk(this.pool, name, this.now()))) throw new HttpError(404, `no desk ${name}`);
      this.live.closeSubscriber(name);
      this.options.log?.(`[hub] desk ${name} revoked`);
      return ok({ deskId: name, revoked: true });
    }
    if (first === 'jobs' && segments.length === 1 && (method === 'PUT' || method === 'POST')) return this.intakeList(body);
    if (first === 'jobs' && name !== undefined && name !== '') {
      if (segments.length === 2 && method === 'PUT') {
        const job = checkJobDocument(body, name, '');
        const { created } = await intakeJobs(this.pool, [job]);
        return ok((await jobDocuments(this.pool, [name]))[0], created === 1 ? 201 : 200);
      }
      if (segments.length === 2 && method === 'GET') return this.getJob(name);
      if (segments.length === 3 && third === 'state' && method === 'POST') {
        const parsed = stateBodySchema.safeParse(body);
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
        if (!(await setJobState(this.pool, name, parsed.data.state))) throw new HttpError(404, `job ${name} is not known`);
        return this.getJob(name);
      }
      if (segments.length === 3 && third === 'drives' && method === 'GET') {
        const drives = await listDrives(this.pool, name);
        if (drives === null) throw new HttpError(404, `job ${name} is not known`);
        return ok({ value: drives });
      }
      if (segments.length === 5 && third === 'drives' && serial !== undefined && fifth === 'state' && method === 'POST') {
        const parsed = stateBodySchema.safeParse(body);
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
        const drive = await setDriveState(this.pool, name, serial, parsed.data.state);
        if (drive === null) throw new HttpError(404, `drive ${serial} is not on job ${name}`);
        return ok(drive);
      }
    }
    if (first === ACCOUNTS_ADMIN_SEGMENT) return this.board.admin(method, segments, body);
    if (first === 'transitions' && segments.length === 1 && method === 'GET') return this.transitions(url);
    if (first === 'rejections' && segments.length === 1 && method === 'GET') return this.rejections(url);
    throw new HttpError(404, `no admin route ${method} ${url.pathname}`);
  }

  private async getJob(name: string): Promise<Reply> {
    const [document] = await jobDocuments(this.pool, [name]);
    if (document === undefined) throw new HttpError(404, `job ${name} is not known`);
    return ok(document);
  }

  /** A List Jobs response body (`{ value: [...] }`), each job named in its document. */
  private async intakeList(body: unknown): Promise<Reply> {
    const value = (body as { value?: unknown } | null)?.value;
    if (body === null || typeof body !== 'object' || !Array.isArray(value)) throw new HttpError(400, 'value: expected a List Jobs body { "value": [ job documents ] }');
    if (value.length > MAX_JOBS_PER_INTAKE) throw new HttpError(413, `value: at most ${MAX_JOBS_PER_INTAKE} jobs in one request`);
    const jobs: CheckedJob[] = value.map((raw, index) => checkJobDocument(raw, undefined, `value[${index}]`));
    return ok(await intakeJobs(this.pool, jobs));
  }

  private pageOf(url: URL): { after: number; limit: number; deskId: string | null } {
    const after = Number(url.searchParams.get('after') ?? '0');
    const limit = Number(url.searchParams.get('limit') ?? DEFAULT_TRANSITIONS_PAGE);
    if (!Number.isInteger(after) || after < 0) throw new HttpError(400, 'after: expected the id of the last row seen');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TRANSITIONS_PAGE) throw new HttpError(400, `limit: expected 1 to ${MAX_TRANSITIONS_PAGE}`);
    return { after, limit, deskId: url.searchParams.get('deskId') };
  }

  /** What the hub applied, in order (one desk: by its seq), a page at a time. */
  private async transitions(url: URL): Promise<Reply> {
    const { after, limit, deskId } = this.pageOf(url);
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT id, desk_id AS "deskId", seq, client_id AS "clientId", entity, job_name AS "jobName", serial, from_state AS "from",
          to_state AS "to", reason, note, operator, at, compensates, upstream_from_state AS "upstreamFrom",
          upstream_to_state AS "upstreamTo", upstream_faulted_from AS "upstreamFaultedFrom", applied_at AS "appliedAt"
         FROM applied_transitions WHERE ($1::text IS NULL OR desk_id = $1) AND id > $2
        ORDER BY ${deskId === null ? 'id' : 'seq'} LIMIT $3`,
      [deskId, after, limit],
    );
    const value = rows.map((row) => ({ ...row, id: Number(row.id), seq: Number(row.seq), appliedAt: new Date(row.appliedAt as string).toISOString() }));
    return ok({ value, next: value.length === limit ? (value.at(-1)?.id ?? null) : null });
  }

  private async rejections(url: URL): Promise<Reply> {
    const { after, limit, deskId } = this.pageOf(url);
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT id, desk_id AS "deskId", seq, client_id AS "clientId", reason, rejected_at AS "rejectedAt"
         FROM rejected_items WHERE ($1::text IS NULL OR desk_id = $1) AND id > $2 ORDER BY id LIMIT $3`,
      [deskId, after, limit],
    );
    const value = rows.map((row) => ({ ...row, id: Number(row.id), seq: Number(row.seq), rejectedAt: new Date(row.rejectedAt as string).toISOString() }));
    return ok({ value, next: value.length === limit ? (value.at(-1)?.id ?? null) : null });
  }
}

async function openPool(options: HubOptions): Promise<{ pool: SqlPool; hold: FolderHold | null }> {
  if (options.databaseUrl !== undefined) return { pool: createPgPool(options.databaseUrl, options.poolSize ?? DEFAULT_POOL_SIZE), hold: null };
  const dir = path.join(options.dataDir, EMBEDDED_DATABASE_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // One process per embedded folder: a second one would corrupt it.
  const hold = await holdFolder(dir);
  try {
    return { pool: await createPgLitePool(dir), hold };
  } catch (error) {
    await hold.release();
    throw error;
  }
}

/** Seeds the demo jobs into a hub that has none (a new site to try). */
async function seedDemo(pool: SqlPool): Promise<void> {
  const { rows } = await pool.query<{ count: string | number }>('SELECT count(*) AS count FROM jobs');
  if (Number(rows[0]?.count ?? 0) > 0) return;
  await intakeJobs(
    pool,
    DEMO_DOCUMENT.value.map((document, index) => checkJobDocument(document, undefined, `demo[${index}]`)),
  );
}

export async function startHub(options: HubOptions): Promise<HubHandle> {
  const host = options.host ?? '127.0.0.1';
  // Desks refuse plain HTTP anywhere but loopback; a hub on the network without TLS would be unusable and unsafe.
  if (options.tls === undefined && !LOOPBACK.test(host)) {
    throw new Error(`--host ${host}: a hub reachable from the network serves HTTPS only; give --tls-cert and --tls-key`);
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const adminTokenFile = path.resolve(options.adminTokenFile ?? path.join(options.dataDir, ADMIN_TOKEN_FILE_NAME));
  const adminToken = new AdminToken(adminTokenFile);
  const { pool, hold } = await openPool(options);
  const closeStorage = async () => {
    await pool.close();
    await hold?.release();
  };
  let service: HubService;
  try {
    await migrateHub(pool);
    if (options.demo === true) await seedDemo(pool);
    service = new HubService(pool, adminToken, options);
    await service.live.start();
    await service.board.start();
  } catch (error) {
    await closeStorage();
    throw error;
  }

  const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
    void service.handle(request, response);
  };
  const server = options.tls === undefined ? http.createServer(handler) : https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler);
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await service.live.close();
    await service.board.close();
    await closeStorage();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://${urlHost}:${port}`,
    port,
    adminTokenFile,
    databaseKind: pool.kind,
    pool,
    close() {
      closing ??= (async () => {
        service.closed = true;
        await service.live.close();
        await service.board.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await closeStorage();
      })();
      return closing;
    },
  };
}
