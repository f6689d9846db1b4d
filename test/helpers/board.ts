/**
 * Helpers for the site board's tests: board accounts made through the admin route, sign-in over
 * HTTP as the board's page does it, and status reports as a desk sends them.
 */
import { BOARD_CSRF_HEADER, type BoardSession } from '../../shared/board/site-view';
import { STATUS_PATH, type DeskStatusReport } from '../../shared/sync/status-report';
import type { TestHub } from './hub';

export const BOARD_PASSWORD = 'correct horse battery staple';

export interface BoardAnswer {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read fields of many body shapes
  readonly body: any;
}

export async function answerOf(response: Response): Promise<BoardAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    // not JSON (a page): kept as text
  }
  return { status: response.status, headers: response.headers, body };
}

export async function createBoardAccount(hub: TestHub, username: string, password = BOARD_PASSWORD, displayName?: string): Promise<void> {
  await hub.admin('POST', 'board-accounts', { username, password, ...(displayName === undefined ? {} : { displayName }) });
}

/** What the board's page sends: same origin, JSON. */
export function pageHeaders(hubUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json', Origin: new URL(hubUrl).origin, 'Sec-Fetch-Site': 'same-origin', ...extra };
}

export interface SignedIn {
  readonly cookie: string;
  readonly setCookie: string;
  readonly session: BoardSession;
}

export async function signIn(hubUrl: string, username: string, password = BOARD_PASSWORD): Promise<SignedIn> {
  const response = await fetch(`${hubUrl}/board/api/sign-in`, { method: 'POST', headers: pageHeaders(hubUrl), body: JSON.stringify({ username, password }) });
  const answer = await answerOf(response);
  if (answer.status !== 200) throw new Error(`sign-in ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', setCookie, session: answer.body as BoardSession };
}

/** A request from the signed-in board page: its cookie, and its CSRF token on a change. */
export async function boardCall(hubUrl: string, signedIn: SignedIn, method: 'GET' | 'POST', route: string, body?: unknown): Promise<BoardAnswer> {
  const headers = pageHeaders(hubUrl, { Cookie: signedIn.cookie, ...(method === 'POST' ? { [BOARD_CSRF_HEADER]: signedIn.session.csrfToken } : {}) });
  return answerOf(await fetch(`${hubUrl}/board/api/${route}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
}

/** A report as a desk would send it; override any part. */
export function statusReport(deskId: string, overrides: Partial<DeskStatusReport> = {}, now = new Date()): DeskStatusReport {
  const day = now.toISOString().slice(0, 10);
  return {
    deskId,
    deskName: 'Dock 2',
    version: '0.1.0',
    generatedAt: now.toISOString(),
    sync: { pending: 0, held: 0, rejected: 0, failures: 0, lastError: null, pausedReason: null, lastSuccessAt: now.toISOString() },
    packages: [],
    packagesTotal: 0,
    attention: [],
    attentionTotal: 0,
    unreadable: [],
    today: { day, from: `${day}T00:00:00.000Z`, to: new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString(), receipts: [] },
    ...overrides,
  };
}

export async function sendReport(hubUrl: string, token: string, report: unknown): Promise<BoardAnswer> {
  return answerOf(
    await fetch(`${hubUrl}${STATUS_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(report),
    }),
  );
}
