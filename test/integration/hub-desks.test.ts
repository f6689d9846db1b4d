import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANGES_PATH, EVENTS_PATH, TRANSITIONS_PATH } from '../../shared/sync/wire';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';
import { openTestHub, type TestHub } from '../helpers/hub';
import { BOARD_PASSWORD, boardCall, pageHeaders, signIn } from '../helpers/board';
import { startHubProcess } from '../helpers/hub-process';
import { syncUntilDrained } from '../helpers/site';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestDatabase } from '../helpers/test-database';
import { UPSTREAM_TOKEN_FILE_NAME } from '../../main/core/desk-core';

/**
 * Desks and their tokens at the hub (docs/hub.md): enrollment with a one-use code, revocation,
 * the admin token and desk tokens kept apart, per-desk rate limits, and no token text in the hub's
 * database or log. Each at the level a user meets it: the desk's own methods over real HTTP.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

interface Scene {
  readonly hub: TestHub;
  readonly log: string[];
  readonly clock: { now: Date };
}

async function scene(label: string, options: Parameters<typeof openTestHub>[1] = {}): Promise<Scene> {
  const log: string[] = [];
  const clock = { now: new Date() };
  const hub = await openTestHub(label, { log: (line) => log.push(line), now: () => clock.now, ...options });
  cleanups.push(() => hub.close());
  return { hub, log, clock };
}

function desk(label: string): TestDesk {
  const opened = openTestDesk(label);
  cleanups.push(() => opened.close());
  return opened;
}

function tokenOf(opened: TestDesk): string {
  return readFileSync(path.join(opened.dir, UPSTREAM_TOKEN_FILE_NAME), 'utf8').trim();
}

async function get(url: string, route: string, authorization: string | null): Promise<Response> {
  return fetch(`${url}${route}`, { headers: authorization === null ? {} : { Authorization: authorization } });
}

describe('enrollment', () => {
  it('exchanges a one-use code for the desk\'s own token; a used, expired or wrong code is refused and changes nothing', async () => {
    const s = await scene('enroll');
    const first = desk('enroll-a');
    const { deskId, enrollmentCode } = await s.hub.createDesk('Dock A');
    expect(enrollmentCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    // Typed by hand: lower case, spaces instead of dashes.
    const typed = enrollmentCode.toLowerCase().replace(/-/g, ' ');
    const settings = await first.call('sync.enroll', { upstreamUrl: s.hub.url, enrollmentCode: typed });
    expect(settings).toMatchObject({ upstreamUrl: s.hub.url, upstreamTokenSet: true, upstreamDeskId: deskId });
    expect(JSON.stringify(settings)).not.toContain(tokenOf(first));
    expect(tokenOf(first)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await s.hub.putJob(jobDocument('enrolled-job', { drives: ['ENR1'] }));
    const synced = await syncUntilDrained(first);
    expect(synced.status.lastSuccessAt).not.toBeNull();
    expect((await first.call('jobs.list', {})).total).toBe(1);

    // The same code again, at another desk: refused, and that desk is left as it was.
    const second = desk('enroll-b');
    const used = await second.raw('sync.enroll', { upstreamUrl: s.hub.url, enrollmentCode });
    expect(used).toMatchObject({ ok: false, error: { code: 'unauthorized', key: 'enrollRefused' } });
    expect(await second.call('settings.get', {})).toMatchObject({ upstreamUrl: null, upstreamTokenSet: false, upstreamDeskId: null });

    const wrong = await second.raw('sync.enroll', { upstreamUrl: s.hub.url, enrollmentCode: 'AAAAA-BBBBB-CCCCC-DDDDD' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized', key: 'enrollRefused' } });

    const late = await s.hub.createDesk('Dock B');
    s.clock.now = new Date(s.clock.now.getTime() + DAY_MS + 60_000);
    const expired = await second.raw('sync.enroll', { upstreamUrl: s.hub.url, enrollmentCode: late.enrollmentCode });
    expect(expired).toMatchObject({ ok: false, error: { code: 'unauthorized', key: 'enrollRefused' } });
    expect(await second.call('settings.get', {})).toMatchObject({ upstreamTokenSet: false });

    // Garbage is refused by the desk before it reaches the hub, with the field named.
    const garbage = await second.raw('sync.enroll', { upstreamUrl: s.hub.url, enrollmentCode: '<script>' });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect((garbage as { error: { message: string } }).error.message).toMatch(/enrollmentCode/);
  });

  it('refuses an upstream URL that is plain http off this machine, carries credentials or a query, at enrollment and in settings', async () => {
    const opened = desk('urls');
    for (const [upstreamUrl, key] of [
      ['http://hub.example.org', 'upstreamUrlPlainHttp'],
      ['http://10.0.0.5:8443', 'upstreamUrlPlainHttp'],
      ['https://admin:secret@hub.example.org', 'upstreamUrlCredentials'],
      ['https://hub.example.org/?token=abc', 'upstreamUrlQuery'],
      ['https://hub.example.org/#abc', 'upstreamUrlQuery'],
      ['ftp://hub.example.org', 'upstreamUrlScheme'],
    ] as const) {
      for (const [method, params] of [
        ['sync.enroll', { upstreamUrl, enrollmentCode: 'AAAAA-BBBBB-CCCCC-DDDDD' }],
        ['settings.set', { upstreamUrl }],
      ] as const) {
        const envelope = await opened.raw(method, params);
        expect(envelope, `${method} ${upstreamUrl}`).toMatchObject({ ok: false, error: { code: 'invalid_params', key } });
        expect((envelope as { error: { message: string } }).error.message).toMatch(/^upstreamUrl: /);
      }
    }
    for (const upstreamUrl of ['https://hub.example.org', 'https://hub.example.org:8443/site-1', 'http://127.0.0.1:8080', 'http://[::1]:8080', 'http://localhost:8080']) {
      expect(await opened.raw('settings.set', { upstreamUrl }), upstreamUrl).toMatchObject({ ok: true });
    }
    expect(await opened.call('settings.get', {})).toMatchObject({ upstreamUrl: 'http://localhost:8080' });
  });
});

describe('tokens at the hub', () => {
  it('a revoked desk gets 401 at its next request and pauses, while it keeps recording', async () => {
    const s = await scene('revoke');
    const opened = desk('revoke');
    const { deskId, enrollmentCode } = await s.hub.createDesk('Dock R');
    await opened.call('sync.enroll', { upstreamUrl: s.hub.url, enrollmentCode });
    await s.hub.putJob(jobDocument('revoke-job', { trackingNumber: 'TRK-REVOKE', drives: ['REV1', 'REV2'] }));
    await syncUntilDrained(opened);
    const token = tokenOf(opened);
    expect((await get(s.hub.url, CHANGES_PATH, `Bearer ${token}`)).status).toBe(200);

    expect(await s.hub.admin('DELETE', `desks/${deskId}`)).toEqual({ deskId, revoked: true });
    expect((await get(s.hub.url, CHANGES_PATH, `Bearer ${token}`)).status).toBe(401);
    const { packageId } = await opened.call('packages.checkIn', { trackingNumber: 'TRK-REVOKE' });
    expect((await opened.call('scans.record', { packageId, code: 'REV1' })).verdict).toBe('received');
    const status = await opened.core.sync.run('manual');
    expect(status.pausedReason).toMatch(/refused the token \(401\)/);
    expect(status.pending).toBe(1);
    expect(opened.core.sync.isDue()).toBe(false);
    // Its code cannot bring it back either: a revoked desk is enrolled again only with a new desk.
    expect(await opened.raw('sync.enroll', { upstreamUrl: s.hub.url, enrollmentCode })).toMatchObject({ ok: false, error: { key: 'enrollRefused' } });
    const desks = await s.hub.admin<{ value: { deskId: string; revokedAt: string | null }[] }>('GET', 'desks');
    expect(desks.value.find((row) => row.deskId === deskId)?.revokedAt).not.toBeNull();
  });

  it('keeps the admin token to admin routes and desk tokens to desk routes, and reads the Bearer scheme in any case', async () => {
    const s = await scene('separation');
    const enrolled = await s.hub.enrollRaw('Dock S', 'desk-s');
    const deskBearer = `Bearer ${enrolled.token}`;
    const adminBearer = `Bearer ${s.hub.adminToken}`;
    expect((await get(s.hub.url, '/v1/admin/desks', deskBearer)).status).toBe(401);
    expect((await get(s.hub.url, '/v1/admin/transitions', deskBearer)).status).toBe(401);
    expect((await get(s.hub.url, CHANGES_PATH, adminBearer)).status).toBe(401);
    expect((await get(s.hub.url, EVENTS_PATH, adminBearer)).status).toBe(401);
    const pushed = await fetch(`${s.hub.url}${TRANSITIONS_PATH}`, {
      method: 'POST',
      headers: { Authorization: adminBearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ deskId: 'desk-s', deskName: 'x', items: [] }),
    });
    expect(pushed.status).toBe(401);
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      expect((await get(s.hub.url, CHANGES_PATH, `${scheme} ${enrolled.token}`)).status, scheme).toBe(200);
      expect((await get(s.hub.url, '/v1/admin/desks', `${scheme} ${s.hub.adminToken}`)).status, scheme).toBe(200);
    }
    for (const wrong of [null, 'Basic abc', `Bearer`, `Bearer ${enrolled.token}x`, `Token ${enrolled.token}`]) {
      expect((await get(s.hub.url, CHANGES_PATH, wrong)).status, String(wrong)).toBe(401);
    }
    // A desk's token speaks for that desk only: another desk id in the body is refused.
    const other = await fetch(`${s.hub.url}${TRANSITIONS_PATH}`, {
      method: 'POST',
      headers: { Authorization: deskBearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        deskId: 'someone-else',
        deskName: 'x',
        items: [{ seq: 1, clientId: 'c1', entity: 'job', jobName: 'j', serial: null, driveId: null, from: null, to: 'Received', reason: null, note: null, operator: 'o', at: '2026-01-01T00:00:00Z', compensates: null, extra: false }],
      }),
    });
    expect(other.status).toBe(403);
  });

  it('limits each desk\'s request rate with 429 and Retry-After, which the desk honours', async () => {
    const s = await scene('rate', { rateLimit: { perSecond: 0.5, burst: 3 } });
    const opened = desk('rate');
    const { enrollmentCode } = await s.hub.createDesk('Dock L');
    await opened.call('sync.enroll', { upstreamUrl: s.hub.url, enrollmentCode });
    const token = tokenOf(opened);
    const statuses: number[] = [];
    for (let request = 0; request < 4; request += 1) statuses.push((await get(s.hub.url, CHANGES_PATH, `Bearer ${token}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await get(s.hub.url, CHANGES_PATH, `Bearer ${token}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another desk is not slowed by this one.
    const other = await s.hub.enrollRaw('Dock M', 'desk-m');
    expect((await get(s.hub.url, CHANGES_PATH, `Bearer ${other.token}`)).status).toBe(200);

    const status = await opened.core.sync.run('manual');
    expect(status.lastError).toMatch(/slow down \(429\)/);
    // Full jitter never comes back sooner than the hub asked.
    expect(Date.parse(status.nextAttemptAt ?? '') - Date.parse(status.lastAttemptAt ?? '')).toBeGreaterThanOrEqual(1_000);
  });

  it('keeps no token, code, password or session text in its database (every table) or in a hub process\'s output: hashes only', { timeout: 180_000 }, async () => {
    // A real hub process, as a site runs it, on its own PostgreSQL database: its stdout and stderr are its log.
    const database = await createTestDatabase('no-secrets');
    cleanups.push(() => database.drop());
    const folder = makeTempDir('hub-no-secrets');
    cleanups.push(folder.remove);
    const tokenFile = path.join(folder.dir, 'admin-token');
    const hub = await startHubProcess(['--port', '0', '--data', folder.dir, '--no-demo', '--admin-token-file', tokenFile, '--database', database.url]);
    cleanups.push(() => hub.stop());
    const firstAdminToken = readFileSync(tokenFile, 'utf8').trim();
    let adminToken = firstAdminToken;
    const call = async (method: string, route: string, body: unknown, headers: Record<string, string>) => {
      const response = await fetch(`${hub.url}${route}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, text: await response.text(), headers: response.headers };
    };
    const admin = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const answer = await call(method, `/v1/admin/${route}`, body, { Authorization: `Bearer ${adminToken}` });
      if (answer.status >= 300) throw new Error(`admin ${method} ${route}: ${answer.status} ${answer.text}`);
      return (answer.text === '' ? null : JSON.parse(answer.text)) as T;
    };

    // Desks: one enrolled and working, one code never used, one code refused after use.
    const opened = desk('no-secrets');
    const { enrollmentCode } = await admin<{ enrollmentCode: string }>('POST', 'desks', { name: 'Dock N' });
    const unused = await admin<{ enrollmentCode: string }>('POST', 'desks', { name: 'Dock Unused' });
    await opened.call('sync.enroll', { upstreamUrl: hub.url, enrollmentCode });
    expect((await desk('no-secrets-late').raw('sync.enroll', { upstreamUrl: hub.url, enrollmentCode })).ok).toBe(false);
    await admin('PUT', 'jobs/secret-job', jobDocument('secret-job', { trackingNumber: 'TRK-SECRET', drives: ['SEC1'] }));
    await syncUntilDrained(opened);
    const { packageId } = await opened.call('packages.checkIn', { trackingNumber: 'TRK-SECRET' });
    await opened.call('scans.record', { packageId, code: 'SEC1' });
    await syncUntilDrained(opened);
    const deskToken = tokenOf(opened);
    // The desk token where it does not belong, and in a query string: refused, and not written down.
    expect((await call('GET', '/v1/admin/desks', undefined, { Authorization: `Bearer ${deskToken}` })).status).toBe(401);
    expect((await call('GET', `${CHANGES_PATH}?after=${deskToken}`, undefined, { Authorization: `Bearer ${adminToken}` })).status).toBe(401);
    const events = new AbortController();
    const stream = await fetch(`${hub.url}${EVENTS_PATH}`, { headers: { Authorization: `Bearer ${deskToken}` }, signal: events.signal });
    expect(stream.status).toBe(200);
    events.abort();

    // The board: an account, a sign-in (its session cookie and CSRF token), a wrong password, a new password.
    const newPassword = 'a whole new passphrase for maria';
    const wrongPassword = 'maria typed the wrong passphrase';
    await admin('POST', 'board-accounts', { username: 'maria', password: BOARD_PASSWORD });
    const signedIn = await signIn(hub.url, 'maria');
    const sessionToken = signedIn.cookie.split('=')[1] ?? '';
    expect(sessionToken.length).toBeGreaterThanOrEqual(32);
    expect((await boardCall(hub.url, signedIn, 'GET', 'site')).status).toBe(200);
    expect((await call('POST', '/board/api/sign-in', { username: 'maria', password: wrongPassword }, pageHeaders(hub.url))).status).toBe(401);
    await admin('PUT', 'board-accounts/maria/password', { password: newPassword });
    expect((await signIn(hub.url, 'maria', newPassword)).session.csrfToken.length).toBeGreaterThan(0);

    // The admin token rotated by writing its file; the new one works, the old one no longer does.
    adminToken = 'rotated-admin-token-for-no-secrets-0123456789';
    writeFileSync(tokenFile, `${adminToken}\n`, { mode: 0o600 });
    expect((await call('GET', '/v1/admin/desks', undefined, { Authorization: `Bearer ${firstAdminToken}` })).status).toBe(401);
    await admin('GET', 'desks');

    const secrets: Record<string, string> = {
      'desk token': deskToken,
      'first admin token': firstAdminToken,
      'rotated admin token': adminToken,
      'enrollment code': enrollmentCode,
      'enrollment code without dashes': enrollmentCode.replace(/-/g, ''),
      'unused enrollment code': unused.enrollmentCode,
      'unused enrollment code without dashes': unused.enrollmentCode.replace(/-/g, ''),
      'board password': BOARD_PASSWORD,
      'new board password': newPassword,
      'wrong board password': wrongPassword,
      'board session': sessionToken,
      'board CSRF token': signedIn.session.csrfToken,
    };

    // Every table of every schema the hub made, each row as text.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    cleanups.push(() => client.end());
    const tables = await client.query<{ table_schema: string; table_name: string }>(
      "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'",
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['desks', 'jobs', 'applied_transitions', 'board_accounts', 'board_sessions']));
    let dump = '';
    for (const { table_schema: schema, table_name: table } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${table}" t`);
      dump += `${rows.rows.map((row) => row.row).join('\n')}\n`;
    }
    // The dump and the log hold what happened (so an empty one cannot pass) ...
    expect(dump).toContain('Dock N');
    expect(dump).toContain('maria');
    expect(dump).toContain('SEC1');
    await hub.stop();
    const output = hub.output();
    expect(output).toContain('Receiving hub: ');
    expect(output).toMatch(/POST \/v1\/transitions 200/);
    expect(output).toMatch(/POST \/board\/api\/sign-in 401/);
    // ... and none of the secrets, in any case.
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length, what).toBeGreaterThanOrEqual(16);
      expect(dump.toLowerCase().includes(secret.toLowerCase()), `${what} in the database`).toBe(false);
      expect(output.toLowerCase().includes(secret.toLowerCase()), `${what} in the hub's output`).toBe(false);
    }
  });
});
