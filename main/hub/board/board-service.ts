/**
 * The site board's routes (docs/site-board.md):
 *
 *   GET  /board/                 the page (renderer/board.html) and /board/assets/…
 *   GET  /board/api/session      who is signed in, and the CSRF token; 401 when no one
 *   POST /board/api/sign-in      { username, password } → session cookie
 *   POST /board/api/sign-out
 *   GET  /board/api/site         the site view (shared/board/site-view.ts)
 *   GET  /board/api/events       Server-Sent Events: "the site changed"
 *   POST /board/api/jobs         { document }: job documents taken in, as at the desk
 *
 * And the desk's `POST /v1/desks/status` (docs/sync-protocol.md), whose reports the board shows.
 * Every API request is checked for another origin; every state-changing one must be JSON and,
 * once signed in, carry the session's CSRF token (request-checks.ts).
 */
import type http from 'node:http';
import { z } from 'zod';
import { BOARD_API_PREFIX, BOARD_CSRF_HEADER, type BoardSession } from '../../../shared/board/site-view';
import { describeIssues, issuesText } from '../../../shared/rpc/describe-issues';
import { deskStatusReportSchema, type StatusResponse } from '../../../shared/sync/status-report';
import { HttpError, MAX_INTAKE_BODY_BYTES, readJson } from '../http-io';
import type { SqlPool } from '../storage/sql';
import { createAccount, createAccountSchema, findAccount, listAccounts, passwordSchema, removeAccount, setPassword } from './accounts';
import { BOARD_CHANNEL, type BoardNotice } from './board-notices';
import { BoardLive } from './board-live';
import { storeReport } from './desk-reports';
import { boardImportSchema, importBoardDocument } from './import-jobs';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from './passwords';
import { BoardRefusal } from './refusal';
import { checkJsonBody, checkSameOrigin } from './request-checks';
import { clearedSessionCookie, createSession, csrfMatches, endSession, findSession, sessionCookie, sessionToken, type Session } from './sessions';
import { readSiteView } from './site-view';
import { readBoardFile } from './static-files';
import { clearUser, countAttempt, DEFAULT_SIGN_IN_THROTTLE, type SignInThrottle } from './throttle';

/** The admin routes for board accounts, under /v1/admin/. */
export const ACCOUNTS_ADMIN_SEGMENT = 'board-accounts';
/** A sign-in body is a user name and a password. */
const MAX_SIGN_IN_BYTES = 8 * 1024;
/** Sign-out and other bodiless requests. */
const MAX_SMALL_BODY_BYTES = 1024;
const SECONDS_PER_MINUTE = 60;

/** The board's page may load only its own scripts and styles and talk only to this hub. */
export const BOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': BOARD_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const signInSchema = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export interface BoardServiceOptions {
  /** The built renderer (dist/renderer). */
  readonly boardDir: string;
  /** Mark the cookie Secure: the hub serves HTTPS (or sits behind a proxy that does). */
  readonly secureCookies: boolean;
  readonly now: () => Date;
  readonly log?: (line: string) => void;
  /** Sign-in attempts allowed per user name and per address (docs/site-board.md). */
  readonly signInThrottle?: SignInThrottle;
}

interface JsonReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

function sendJson(response: http.ServerResponse, reply: JsonReply): void {
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...PAGE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...reply.headers,
  });
  response.end(text);
}

const signedOut = () => new BoardRefusal(401, 'sign in to the board first (no session, or it ended)', 'boardSessionEnded');

export class BoardService {
  readonly live: BoardLive;

  constructor(
    private readonly pool: SqlPool,
    private readonly options: BoardServiceOptions,
  ) {
    this.live = new BoardLive(pool);
  }

  start(): Promise<void> {
    return this.live.start();
  }

  close(): Promise<void> {
    return this.live.close();
  }

  /** Whether a path is the board's (the hub routes it here). */
  static owns(pathname: string): boolean {
    return pathname === '/board' || pathname.startsWith('/board/');
  }

  /** Answers a board request completely (the caller sends nothing). */
  async handle(method: string, request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    try {
      if (url.pathname.startsWith(BOARD_API_PREFIX)) {
        const reply = await this.api(method, url.pathname.slice(BOARD_API_PREFIX.length), request, response);
        if (reply !== null) sendJson(response, reply);
        return;
      }
      await this.page(method, url, response);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const body = error instanceof BoardRefusal ? { error: error.message, key: error.key, params: error.params } : { error: error.message };
      sendJson(response, { status: error.status, body, headers: error.headers });
    }
  }

  private async page(method: string, url: URL, response: http.ServerResponse): Promise<void> {
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'use GET', { Allow: 'GET' });
    if (url.pathname === '/board') {
      response.writeHead(308, { ...PAGE_HEADERS, Location: '/board/' });
      response.end();
      return;
    }
    const file = await readBoardFile(this.options.boardDir, url.pathname.slice('/board/'.length));
    if (file === null) {
      const missingPage = url.pathname === '/board/' || url.pathname === '/board/index.html';
      throw new HttpError(missingPage ? 503 : 404, missingPage ? "the board's page is not built here: run npm run build" : `no board file ${url.pathname}`);
    }
    response.writeHead(200, {
      ...PAGE_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    response.end(method === 'HEAD' ? undefined : file.body);
  }

  private async session(request: http.IncomingMessage): Promise<Session> {
    const token = sessionToken(request.headers.cookie);
    if (token === null) throw signedOut();
    const session = await findSession(this.pool, token, this.options.now());
    if (session === null) throw signedOut();
    return session;
  }

  /** A state-changing request from a signed-in page: JSON, and the session's CSRF token in its header. */
  private async changingSession(request: http.IncomingMessage): Promise<Session> {
    checkJsonBody(request);
    const session = await this.session(request);
    const presented = request.headers[BOARD_CSRF_HEADER];
    if (!csrfMatches(typeof presented === 'string' ? presented : undefined, session.csrfToken)) {
      throw new BoardRefusal(403, `${BOARD_CSRF_HEADER}: the request lacks this session's CSRF token`, 'boardCrossSite');
    }
    return session;
  }

  private async api(method: string, route: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<JsonReply | null> {
    checkSameOrigin(request);
    const only = (expected: string) => {
      if (method !== expected) throw new HttpError(405, `use ${expected}`, { Allow: expected });
    };
    switch (route) {
      case 'session': {
        only('GET');
        const session = await this.session(request);
        return { status: 200, body: this.sessionBody(session.username, session.displayName, session.csrfToken) };
      }
      case 'sign-in':
        only('POST');
        return this.signIn(request);
      case 'sign-out': {
        only('POST');
        const session = await this.changingSession(request);
        await readJson(request, MAX_SMALL_BODY_BYTES);
        await endSession(this.pool, session.sessionHash);
        const notice: BoardNotice = { endedSession: session.sessionHash };
        await this.pool.query('SELECT pg_notify($1, $2)', [BOARD_CHANNEL, JSON.stringify(notice)]);
        return { status: 200, body: { signedOut: true }, headers: { 'Set-Cookie': clearedSessionCookie(this.options.secureCookies) } };
      }
      case 'site':
        only('GET');
        await this.session(request);
        return { status: 200, body: await readSiteView(this.pool, this.options.now()) };
      case 'events': {
        only('GET');
        const session = await this.session(request);
        this.live.attach(session.sessionHash, session.username, request, response);
        return null;
      }
      case 'jobs': {
        only('POST');
        const session = await this.changingSession(request);
        const parsed = boardImportSchema.safeParse(await readJson(request, MAX_INTAKE_BODY_BYTES));
        if (!parsed.success) {
          const text = issuesText(parsed.error, undefined);
          throw new BoardRefusal(400, describeIssues(parsed.error), text.key, text.params ?? {});
        }
        const result = await importBoardDocument(this.pool, parsed.data.document);
        this.options.log?.(`[hub] board: ${session.username} took in ${result.jobs.length} job(s)`);
        return { status: 200, body: result };
      }
      default:
        throw new HttpError(404, `no board route ${method} ${BOARD_API_PREFIX}${route}`);
    }
  }

  private sessionBody(username: string, displayName: string, csrfToken: string): BoardSession {
    return { account: { username, displayName }, csrfToken };
  }

  private async signIn(request: http.IncomingMessage): Promise<JsonReply> {
    checkJsonBody(request);
    const parsed = signInSchema.safeParse(await readJson(request, MAX_SIGN_IN_BYTES));
    if (!parsed.success) throw new BoardRefusal(400, describeIssues(parsed.error), 'boardSignInWrong');
    const username = parsed.data.username.trim().toLowerCase();
    const now = this.options.now();
    const verdict = await countAttempt(this.pool, username, request.socket.remoteAddress ?? 'unknown', now, this.options.signInThrottle ?? DEFAULT_SIGN_IN_THROTTLE);
    if (!verdict.allowed) {
      const minutes = Math.ceil(verdict.retryAfterSeconds / SECONDS_PER_MINUTE);
      throw new BoardRefusal(429, `too many sign-in attempts; try again in ${minutes} min`, 'boardSignInThrottled', { minutes }, { 'Retry-After': String(verdict.retryAfterSeconds) });
    }
    const account = await findAccount(this.pool, username);
    // An unknown name costs the same hash as a known one, so the time taken does not tell them apart.
    const matches = await verifyPassword(parsed.data.password, account?.passwordHash ?? (await decoyHash()));
    if (account === null || !matches) {
      this.options.log?.('[hub] board: a sign-in was refused');
      throw new BoardRefusal(401, 'the user name or the password is wrong', 'boardSignInWrong');
    }
    await clearUser(this.pool, username);
    const { token, csrfToken } = await createSession(this.pool, account.username, now);
    this.options.log?.(`[hub] board: ${account.username} signed in`);
    return {
      status: 200,
      body: this.sessionBody(account.username, account.displayName, csrfToken),
      headers: { 'Set-Cookie': sessionCookie(token, this.options.secureCookies) },
    };
  }

  /** `POST /v1/desks/status` for an authenticated desk (the hub checked its token). */
  async deskStatus(deskId: string, clientDeskId: string | null, body: unknown): Promise<StatusResponse> {
    const parsed = deskStatusReportSchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
    if (clientDeskId !== null && parsed.data.deskId !== clientDeskId) {
      throw new HttpError(403, 'deskId: this token was issued to another desk; enroll this desk with its own code');
    }
    return { stored: await storeReport(this.pool, deskId, parsed.data, this.options.now()) };
  }

  /** `/v1/admin/board-accounts[/<username>[/password]]` (the hub checked the admin token). */
  async admin(method: string, segments: readonly string[], body: unknown): Promise<{ status: number; body: unknown }> {
    const [, name, third] = segments;
    if (segments.length === 1 && method === 'GET') return { status: 200, body: { value: await listAccounts(this.pool) } };
    if (segments.length === 1 && method === 'POST') {
      const parsed = createAccountSchema.safeParse(body);
      if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
      const account = await createAccount(this.pool, parsed.data);
      this.options.log?.(`[hub] board account ${account.username} created`);
      return { status: 201, body: account };
    }
    const username = (name ?? '').toLowerCase();
    if (segments.length === 2 && method === 'DELETE') {
      if (!(await removeAccount(this.pool, username))) throw new HttpError(404, `no board account ${username}`);
      this.options.log?.(`[hub] board account ${username} removed`);
      return { status: 200, body: { username, removed: true } };
    }
    if (segments.length === 3 && third === 'password' && method === 'PUT') {
      const parsed = passwordSchema.safeParse(body);
      if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
      if (parsed.data.password.toLowerCase() === username) throw new HttpError(400, 'password: must not be the user name');
      if (!(await setPassword(this.pool, username, parsed.data.password))) throw new HttpError(404, `no board account ${username}`);
      this.options.log?.(`[hub] board account ${username}: password changed, sessions ended`);
      return { status: 200, body: { username, passwordChanged: true } };
    }
    throw new HttpError(404, `no admin route ${method} /v1/admin/${segments.join('/')}`);
  }
}
