import http from 'node:http';
import https from 'node:https';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { BOARD_CSRF_HEADER, type SiteView } from '../../shared/board/site-view';
import { addDays } from '../../shared/domain/deadlines';
import { ADDRESS_THROTTLE, DEFAULT_SIGN_IN_THROTTLE, USER_THROTTLE } from '../../main/hub/board/throttle';
import { readExample } from '../helpers/fixtures';
import { openTestHub, type TestHub } from '../helpers/hub';
import { makeTempDir } from '../helpers/temp-dir';
import { makeTestCa } from '../helpers/test-ca';
import {
  answerOf,
  BOARD_PASSWORD,
  boardCall,
  createBoardAccount,
  pageHeaders,
  sendReport,
  signIn,
  statusReport,
  type SignedIn,
} from '../helpers/board';

/**
 * The site board's hub side (docs/site-board.md), over real HTTP on a fresh PostgreSQL
 * database per test: accounts with scrypt hashes, the session cookie's flags, CSRF defences, sign-in
 * throttling shared by hub processes, and desks' status reports (docs/sync-protocol.md) turned into
 * the site view.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A built board page stand-in: the real one is built by `npm run build` and tried in e2e. */
function fakeBoardDir(): string {
  const temp = makeTempDir('board-page');
  cleanups.push(() => temp.remove());
  mkdirSync(path.join(temp.dir, 'assets'));
  writeFileSync(path.join(temp.dir, 'board.html'), '<!doctype html><title>Site board</title><div id="root"></div>');
  writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><title>the desk page</title>');
  writeFileSync(path.join(temp.dir, 'assets', 'board-1.js'), 'console.log(1)');
  return temp.dir;
}

async function hubFor(label: string, options: Parameters<typeof openTestHub>[1] = {}): Promise<TestHub> {
  const hub = await openTestHub(label, { boardDir: fakeBoardDir(), ...options });
  cleanups.push(() => hub.close());
  return hub;
}

async function rows<T>(hub: TestHub, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: hub.database?.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function fixtureJob(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body = readExample('GetJob.json').responses['200']?.body as { properties: Record<string, unknown> };
  return { ...body, name, properties: { ...body.properties, ...overrides } };
}

describe('board accounts (admin route)', () => {
  it('are made with the admin token only, keep only a scrypt hash, and refuse weak or repeated input', async () => {
    const hub = await hubFor('board-accounts');
    const desk = await hub.enrollRaw('Dock 1', 'desk-1');
    const byDesk = await fetch(`${hub.url}/v1/admin/board-accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${desk.token}` },
      body: JSON.stringify({ username: 'eve', password: BOARD_PASSWORD }),
    });
    expect(byDesk.status).toBe(401);

    await createBoardAccount(hub, 'Maria.Lopez', BOARD_PASSWORD, 'Maria López');
    const listed = await hub.admin<{ value: { username: string; displayName: string }[] }>('GET', 'board-accounts');
    expect(listed.value).toEqual([expect.objectContaining({ username: 'maria.lopez', displayName: 'Maria López' })]);
    expect(JSON.stringify(listed)).not.toContain('scrypt');

    const stored = await rows<{ password_hash: string }>(hub, 'SELECT password_hash FROM board_accounts');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored[0]?.password_hash).not.toContain(BOARD_PASSWORD);

    await expect(createBoardAccount(hub, 'maria.lopez')).rejects.toThrow(/409/);
    await expect(createBoardAccount(hub, 'short', 'tooshort')).rejects.toThrow(/400.*password/);
    await expect(createBoardAccount(hub, 'same-as-name-12', 'same-as-name-12')).rejects.toThrow(/400.*user name/);
    await expect(createBoardAccount(hub, 'bad name!')).rejects.toThrow(/400.*username/);
  });
});

describe('sign-in and the session cookie', () => {
  it('sets an HttpOnly, SameSite=Strict cookie for /board, kept only as a hash; a wrong password or unknown name gets the same 401', async () => {
    const hub = await hubFor('board-sign-in');
    await createBoardAccount(hub, 'maria');
    const signedIn = await signIn(hub.url, 'Maria');
    expect(signedIn.session.account).toEqual({ username: 'maria', displayName: 'maria' });
    const flags = signedIn.setCookie.split(';').map((part) => part.trim());
    expect(flags).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/board']));
    expect(flags).not.toContain('Secure');
    const token = signedIn.cookie.split('=')[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const sessions = await rows<Record<string, unknown>>(hub, 'SELECT * FROM board_sessions');
    expect(sessions).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toContain(token);

    const session = await boardCall(hub.url, signedIn, 'GET', 'session');
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBe(signedIn.session.csrfToken);
    const anonymous = await answerOf(await fetch(`${hub.url}/board/api/site`, { headers: pageHeaders(hub.url) }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.key).toBe('boardSessionEnded');
    const forged = await answerOf(await fetch(`${hub.url}/board/api/site`, { headers: pageHeaders(hub.url, { Cookie: `hub_board_session=${'A'.repeat(43)}` }) }));
    expect(forged.status).toBe(401);

    for (const [username, password] of [
      ['maria', 'not the password at all'],
      ['nobody', BOARD_PASSWORD],
    ] as const) {
      const wrong = await answerOf(await fetch(`${hub.url}/board/api/sign-in`, { method: 'POST', headers: pageHeaders(hub.url), body: JSON.stringify({ username, password }) }));
      expect(wrong.status, username).toBe(401);
      expect(wrong.body, username).toEqual({ error: 'the user name or the password is wrong', key: 'boardSignInWrong', params: {} });
      expect(wrong.headers.get('set-cookie'), username).toBeNull();
    }
  });

  it('marks the cookie Secure when the hub serves HTTPS', async () => {
    const ca = makeTestCa('board-cookie');
    cleanups.push(() => ca.remove());
    const hub = await hubFor('board-tls', { tls: { cert: ca.cert, key: ca.key } });
    // The helper's admin() uses fetch, which does not trust the test CA: make the account over https here.
    const created = await httpsJson(hub.url, ca.caFile, 'POST', '/v1/admin/board-accounts', { username: 'maria', password: BOARD_PASSWORD }, { Authorization: `Bearer ${hub.adminToken}` });
    expect(created.status).toBe(201);
    const origin = new URL(hub.url).origin;
    const answer = await httpsJson(hub.url, ca.caFile, 'POST', '/board/api/sign-in', { username: 'maria', password: BOARD_PASSWORD }, { Origin: origin, 'Sec-Fetch-Site': 'same-origin' });
    expect(answer.status).toBe(200);
    const flags = String(answer.headers['set-cookie']).split(';').map((part) => part.trim());
    expect(flags).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Secure', 'Path=/board']));
  });

  it('signing out ends the session at once; a new password ends every session of the account', async () => {
    const hub = await hubFor('board-sign-out');
    await createBoardAccount(hub, 'maria');
    const first = await signIn(hub.url, 'maria');
    const second = await signIn(hub.url, 'maria');
    const out = await answerOf(
      await fetch(`${hub.url}/board/api/sign-out`, {
        method: 'POST',
        headers: pageHeaders(hub.url, { Cookie: first.cookie, [BOARD_CSRF_HEADER]: first.session.csrfToken }),
        body: '{}',
      }),
    );
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^hub_board_session=; Path=\/board; Max-Age=0/);
    expect((await boardCall(hub.url, first, 'GET', 'site')).status).toBe(401);
    expect((await boardCall(hub.url, second, 'GET', 'site')).status).toBe(200);

    await hub.admin('PUT', 'board-accounts/maria/password', { password: 'a whole new passphrase' });
    expect((await boardCall(hub.url, second, 'GET', 'site')).status).toBe(401);
    await expect(signIn(hub.url, 'maria')).rejects.toThrow(/401/);
    await signIn(hub.url, 'maria', 'a whole new passphrase');

    await hub.admin('DELETE', 'board-accounts/maria');
    await expect(signIn(hub.url, 'maria', 'a whole new passphrase')).rejects.toThrow(/401/);
  });
});

describe('cross-site requests', () => {
  it('refuse a change without the CSRF token, as a form, from another origin or site, and take the same change from the page', async () => {
    const hub = await hubFor('board-csrf');
    await createBoardAccount(hub, 'maria');
    const signedIn = await signIn(hub.url, 'maria');
    const document = JSON.stringify(fixtureJob('csrf-job'));
    const post = (headers: Record<string, string>, body = JSON.stringify({ document })) => fetch(`${hub.url}/board/api/jobs`, { method: 'POST', headers, body }).then(answerOf);
    const page = pageHeaders(hub.url, { Cookie: signedIn.cookie, [BOARD_CSRF_HEADER]: signedIn.session.csrfToken });
    const { [BOARD_CSRF_HEADER]: _token, ...withoutToken } = page;

    const refused = {
      'no CSRF token': await post(withoutToken),
      'a wrong CSRF token': await post({ ...page, [BOARD_CSRF_HEADER]: 'x'.repeat(43) }),
      'a form post': await post({ ...page, 'Content-Type': 'application/x-www-form-urlencoded' }, `document=${encodeURIComponent(document)}`),
      'a text/plain post': await post({ ...page, 'Content-Type': 'text/plain' }),
      'another origin': await post({ ...page, Origin: 'http://evil.example' }),
      'another port of this host': await post({ ...page, Origin: `http://127.0.0.1:${Number(new URL(hub.url).port) + 1}` }),
      'an opaque origin': await post({ ...page, Origin: 'null' }),
      'Sec-Fetch-Site same-site': await post({ ...page, 'Sec-Fetch-Site': 'same-site' }),
      'Sec-Fetch-Site cross-site': await post({ ...page, 'Sec-Fetch-Site': 'cross-site' }),
    };
    for (const [label, answer] of Object.entries(refused)) {
      expect([403, 415], label).toContain(answer.status);
      expect(answer.body.key, label).toBe('boardCrossSite');
    }
    expect(await rows(hub, 'SELECT name FROM jobs')).toEqual([]);

    const taken = await post(page);
    expect(taken.status).toBe(200);
    expect(taken.body).toEqual({ created: 1, replaced: 0, jobs: ['csrf-job'] });

    // Sign-in too (login CSRF): another origin may not sign the browser in.
    const crossSignIn = await answerOf(
      await fetch(`${hub.url}/board/api/sign-in`, {
        method: 'POST',
        headers: { ...pageHeaders(hub.url), Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' },
        body: JSON.stringify({ username: 'maria', password: BOARD_PASSWORD }),
      }),
    );
    expect(crossSignIn.status).toBe(403);
    expect(crossSignIn.headers.get('set-cookie')).toBeNull();
  });

  it('an import is checked whole and refused with the field named and a catalogue key', async () => {
    const hub = await hubFor('board-import');
    await createBoardAccount(hub, 'maria');
    const signedIn = await signIn(hub.url, 'maria');
    const cases: [string, string, string][] = [
      ['not json', '{"value": [', 'documentNotJson'],
      ['an array', '[1, 2]', 'documentNotJobDocument'],
      ['a job without a name', JSON.stringify({ ...fixtureJob('x'), name: undefined }), 'jobWithoutName'],
      ['a bad serial', JSON.stringify(fixtureJob('bad-serial', { driveList: [{ driveId: 'NOT A SERIAL !!' }] })), 'documentSerialInvalid'],
      ['a job twice', JSON.stringify({ value: [fixtureJob('twice'), fixtureJob('twice')] }), 'documentJobTwice'],
      ['a second job broken', JSON.stringify({ value: [fixtureJob('good-one'), { name: 'broken', properties: 'nope' }] }), 'fieldExpectedObject'],
    ];
    for (const [label, document, key] of cases) {
      const answer = await boardCall(hub.url, signedIn, 'POST', 'jobs', { document });
      expect(answer.status, label).toBe(400);
      expect(answer.body.key, `${label}: ${JSON.stringify(answer.body)}`).toBe(key);
    }
    expect(await rows(hub, 'SELECT name FROM jobs')).toEqual([]);
    const list = await boardCall(hub.url, signedIn, 'POST', 'jobs', { document: JSON.stringify({ value: [fixtureJob('one'), fixtureJob('two')] }) });
    expect(list.body).toEqual({ created: 2, replaced: 0, jobs: ['one', 'two'] });
  });
});

describe('sign-in throttling', () => {
  it('counts attempts per user name in PostgreSQL, so a second hub process refuses too; a right password resets the count', async () => {
    const hub = await hubFor('board-throttle');
    const second = await hubFor('board-throttle-2', { databaseUrl: hub.database?.url ?? '' });
    await createBoardAccount(hub, 'maria');
    await createBoardAccount(hub, 'lena');
    const attempt = (url: string, username: string, password: string) =>
      fetch(`${url}/board/api/sign-in`, { method: 'POST', headers: pageHeaders(url), body: JSON.stringify({ username, password }) }).then(answerOf);

    // A few wrong, then right: the count starts again.
    for (let index = 0; index < USER_THROTTLE.attempts - 1; index += 1) expect((await attempt(hub.url, 'lena', 'wrong password!')).status).toBe(401);
    expect((await attempt(hub.url, 'lena', BOARD_PASSWORD)).status).toBe(200);
    for (let index = 0; index < USER_THROTTLE.attempts - 1; index += 1) expect((await attempt(second.url, 'lena', 'wrong password!')).status).toBe(401);
    expect((await attempt(second.url, 'lena', BOARD_PASSWORD)).status).toBe(200);

    // Guesses spread over both processes, some at once: no more than the limit are ever checked.
    const guesses = await Promise.all(
      Array.from({ length: USER_THROTTLE.attempts + 3 }, (_, index) => attempt(index % 2 === 0 ? hub.url : second.url, 'maria', `guess number ${index}`)),
    );
    expect(guesses.filter((answer) => answer.status === 401)).toHaveLength(USER_THROTTLE.attempts);
    expect(guesses.filter((answer) => answer.status === 429)).toHaveLength(3);
    for (const url of [hub.url, second.url]) {
      const right = await attempt(url, 'MARIA', BOARD_PASSWORD);
      expect(right.status).toBe(429);
      expect(right.body.key).toBe('boardSignInThrottled');
      expect(right.body.params.minutes).toBeGreaterThanOrEqual(14);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(800);
    }
    // Another user is not locked by maria's guesses.
    expect((await attempt(second.url, 'lena', BOARD_PASSWORD)).status).toBe(200);
  });
});

describe('sign-in throttling per address', () => {
  it('a spray across user names from one address is stopped, and adds no rows once the address is locked', async () => {
    // The default allows 50 an address; a smaller rule keeps this test's hashing short.
    const address = { ...ADDRESS_THROTTLE, attempts: 6 };
    const hub = await hubFor('board-throttle-address', { signInThrottle: { ...DEFAULT_SIGN_IN_THROTTLE, address } });
    await createBoardAccount(hub, 'maria');
    const attempt = (username: string, password: string) =>
      fetch(`${hub.url}/board/api/sign-in`, { method: 'POST', headers: pageHeaders(hub.url), body: JSON.stringify({ username, password }) }).then(answerOf);
    for (let index = 0; index < address.attempts; index += 1) expect((await attempt(`sprayed-${index}`, 'wrong password!')).status).toBe(401);
    const countRows = async () => Number((await rows<{ n: string }>(hub, 'SELECT count(*) AS n FROM board_login_throttle'))[0]?.n);
    const before = await countRows();
    for (let index = 0; index < 5; index += 1) expect((await attempt(`more-${index}`, 'wrong password!')).status).toBe(429);
    // Even maria's right password, from this address, waits out the lock.
    const right = await attempt('maria', BOARD_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.key).toBe('boardSignInThrottled');
    expect(await countRows()).toBe(before);
  });
});

describe('desk status reports and the site view', () => {
  it('a desk reports with its own token; the site view shows desks, held packages with deadlines, Needs attention, receipts and overdue jobs', async () => {
    const hub = await hubFor('board-reports');
    await createBoardAccount(hub, 'maria');
    const signedIn = await signIn(hub.url, 'maria');
    const dock1 = await hub.enrollRaw('Dock 1', 'desk-one');
    const dock2 = await hub.enrollRaw('Dock 2', 'desk-two');
    const waiting = await hub.createDesk('Dock 3');
    const now = new Date();
    const twentyDaysAgo = new Date(now.getTime() - 20 * 86_400_000);
    const heldSince = new Date(now.getTime() - 15 * 86_400_000).toISOString();
    // Shipping for 20 days: overdue; one of them has a package open at Dock 2, so it is being received.
    await hub.putJob(fixtureJob('late-job', { state: 'Shipping', deliveryPackage: { carrierName: 'UPS', trackingNumber: '1Z999', driveCount: 1, shipDate: twentyDaysAgo.toISOString() } }));
    await hub.putJob(fixtureJob('arriving-job', { state: 'Shipping', deliveryPackage: { carrierName: 'UPS', trackingNumber: '1Z888', driveCount: 1, shipDate: twentyDaysAgo.toISOString() } }));

    const report1 = statusReport('desk-one', {
      deskName: 'Dock 1 (desk)',
      version: '0.1.0',
      sync: { pending: 3, held: 1, rejected: 1, failures: 0, lastError: null, pausedReason: null, lastSuccessAt: now.toISOString() },
      packages: [
        { packageId: 7, trackingNumber: 'TRK-HELD', carrierName: 'DHL', jobName: null, held: true, checkedInAt: heldSince, scanned: 2, declaredDriveCount: null, returnBy: addDays(heldSince, 14), destroyBy: addDays(heldSince, 90), serials: ['HELD1', 'HELD2'] },
      ],
      packagesTotal: 1,
      attention: [
        { seq: 12, status: 'rejected', entity: 'drive', jobName: 'myJob', serial: '9CA995BB', from: 'Received', to: 'Faulted', at: now.toISOString(), operator: 'alice', upstreamState: 'ShippedBack', upstreamReason: 'ShippedBack → Faulted is not a legal move' },
      ],
      attentionTotal: 2,
      today: { ...statusReport('desk-one').today, receipts: [{ operator: 'alice', received: 4, recovered: 1, registered: 0, extra: 1 }] },
    }, now);
    const stored = await sendReport(hub.url, dock1.token, report1);
    expect(stored).toMatchObject({ status: 200, body: { stored: true } });
    await sendReport(hub.url, dock2.token, statusReport('desk-two', {
      packages: [{ packageId: 1, trackingNumber: '1Z888', carrierName: 'UPS', jobName: 'arriving-job', held: false, checkedInAt: now.toISOString(), scanned: 0, declaredDriveCount: 1, returnBy: null, destroyBy: null, serials: [] }],
      packagesTotal: 1,
      sync: { pending: 0, held: 0, rejected: 0, failures: 2, lastError: 'The upstream had an error (503).', pausedReason: null, lastSuccessAt: null },
      today: { ...statusReport('desk-two').today, receipts: [{ operator: 'bob', received: 2, recovered: 0, registered: 0, extra: 0 }] },
    }, now));

    const site = (await boardCall(hub.url, signedIn, 'GET', 'site')).body as SiteView;
    expect(site.desks.map((desk) => [desk.name, desk.health])).toEqual([
      ['Dock 1', 'attention'],
      ['Dock 2', 'failing'],
      ['Dock 3', 'notEnrolled'],
    ]);
    expect(site.desks[0]).toMatchObject({ deskId: dock1.deskId, version: '0.1.0', pending: 3, rejected: 1, attention: 2, heldPackages: 1, openPackages: 0, receivedToday: 5 });
    expect(site.desks[1]).toMatchObject({ failures: 2, lastError: 'The upstream had an error (503).', openPackages: 1 });
    expect(site.desks[2]).toMatchObject({ deskId: waiting.deskId, reportedAt: null, pending: null });
    expect(site.packages.map((pkg) => [pkg.trackingNumber, pkg.deskName, pkg.held, pkg.stage])).toEqual([
      ['TRK-HELD', 'Dock 1', true, 'return'],
      ['1Z888', 'Dock 2', false, null],
    ]);
    expect(site.packages[0]).toMatchObject({ returnBy: addDays(heldSince, 14), destroyBy: addDays(heldSince, 90), serials: ['HELD1', 'HELD2'] });
    expect(site.overdueJobs.map((job) => [job.jobName, job.stage, job.trackingNumber])).toEqual([['late-job', 'overdue', '1Z999']]);
    expect(site.attention).toEqual([expect.objectContaining({ deskName: 'Dock 1', seq: 12, serial: '9CA995BB', upstreamState: 'ShippedBack' })]);
    expect(site.attentionTotal).toBe(2);
    expect(site.receipts.map((row) => [row.deskName, row.operator, row.received])).toEqual([
      ['Dock 1', 'alice', 4],
      ['Dock 2', 'bob', 2],
    ]);
    const versions = await rows<{ client_version: string }>(hub, 'SELECT client_version FROM desks WHERE desk_id = $1', [dock1.deskId]);
    expect(versions[0]?.client_version).toBe('0.1.0');

    // A job document two desks could not read: one row, naming both desks, from the first meeting.
    const unreadable = { jobName: 'odd-job', reason: 'properties.driveList[0].driveId: "" is not a drive serial', at: new Date(now.getTime() - 5_000).toISOString() };
    await sendReport(hub.url, dock1.token, { ...report1, generatedAt: new Date(now.getTime() + 1).toISOString(), unreadable: [unreadable] });
    await sendReport(hub.url, dock2.token, statusReport('desk-two', { generatedAt: new Date(now.getTime() + 1).toISOString(), unreadable: [{ ...unreadable, at: now.toISOString() }] }, now));
    const withUnreadable = (await boardCall(hub.url, signedIn, 'GET', 'site')).body as SiteView;
    expect(withUnreadable.unreadable).toEqual([{ jobName: 'odd-job', reason: unreadable.reason, deskNames: ['Dock 1', 'Dock 2'], since: unreadable.at }]);

    // An older report arriving late does not replace the newer one.
    const older = await sendReport(hub.url, dock1.token, { ...report1, generatedAt: new Date(now.getTime() - 60_000).toISOString(), attentionTotal: 0, attention: [] });
    expect(older.body).toEqual({ stored: false });
    expect(((await boardCall(hub.url, signedIn, 'GET', 'site')).body as SiteView).attentionTotal).toBe(2);
  });

  it('refuses a report from another desk, with the admin token, without a token, or off the schema, storing nothing', async () => {
    const hub = await hubFor('board-report-refusals');
    const dock1 = await hub.enrollRaw('Dock 1', 'desk-one');
    const good = statusReport('desk-one');
    expect((await sendReport(hub.url, dock1.token, { ...good, deskId: 'desk-two' })).status).toBe(403);
    expect((await sendReport(hub.url, hub.adminToken, good)).status).toBe(401);
    const anonymous = await fetch(`${hub.url}/v1/desks/status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(good) });
    expect(anonymous.status).toBe(401);
    const bad: [string, unknown, RegExp][] = [
      ['an unknown field', { ...good, extra: 1 }, /extra/],
      ['a negative count', { ...good, sync: { ...good.sync, pending: -1 } }, /sync\.pending/],
      ['a bidi override in a name', { ...good, deskName: 'Dock \u202e2' }, /deskName/],
      ['an unreadable date', { ...good, generatedAt: 'yesterday' }, /generatedAt/],
      ['too many packages', { ...good, packages: Array.from({ length: 501 }, () => good.packages[0]) }, /packages/],
    ];
    for (const [label, body, field] of bad) {
      const answer = await sendReport(hub.url, dock1.token, body);
      expect(answer.status, label).toBe(400);
      expect(answer.body.error, label).toMatch(field);
    }
    expect(await rows(hub, 'SELECT desk_id FROM desk_reports')).toEqual([]);
  });

  it('an open board hears a report stored through another hub process', async () => {
    const hub = await hubFor('board-live');
    const second = await hubFor('board-live-2', { databaseUrl: hub.database?.url ?? '' });
    await createBoardAccount(hub, 'maria');
    const signedIn = await signIn(hub.url, 'maria');
    const dock1 = await hub.enrollRaw('Dock 1', 'desk-one');
    const events = await openEvents(hub.url, signedIn);
    cleanups.push(() => events.close());
    await events.next(); // the first "changed": read the view now
    const heard = events.next();
    await sendReport(second.url, dock1.token, statusReport('desk-one'));
    await expect(heard).resolves.toBe('changed');

    // Signing out closes the stream, in every process.
    const ended = events.ended();
    await boardCall(hub.url, signedIn, 'POST', 'sign-out', {});
    await expect(ended).resolves.toBe(true);
    const refused = await fetch(`${hub.url}/board/api/events`, { headers: pageHeaders(hub.url, { Cookie: signedIn.cookie }) });
    expect(refused.status).toBe(401);
  });
});

describe('the board page', () => {
  it('serves board.html and its assets with a strict CSP, nothing else of the build, and no path out of it', async () => {
    const hub = await hubFor('board-page');
    const page = await fetch(`${hub.url}/board/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Site board');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${hub.url}/board`, { redirect: 'manual' })).headers.get('location')).toBe('/board/');
    expect((await fetch(`${hub.url}/board/assets/board-1.js`)).status).toBe(200);
    for (const probe of ['/board/index.html.bak', '/board/assets/..%2findex.html', '/board/assets/%2e%2e/%2e%2e/admin-token', '/board/assets/..%5c..%5cadmin-token', '/board/assets/nothing.js']) {
      expect((await rawGet(hub.url, probe)).status, probe).toBe(404);
    }
  });
});

/** A GET with the path sent exactly as written (fetch would normalise dot segments). */
function rawGet(base: string, pathAndQuery: string): Promise<{ status: number }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: pathAndQuery, method: 'GET' }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    request.on('error', reject);
    request.end();
  });
}

function httpsJson(
  base: string,
  caFile: string,
  method: string,
  route: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: unknown }> {
  const url = new URL(route, base);
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      { method, ca: readFileSync(caFile), headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers } },
      (response) => {
        let data = '';
        response.on('data', (chunk: Buffer) => (data += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: data === '' ? null : (JSON.parse(data) as unknown) }));
      },
    );
    request.on('error', reject);
    request.end(text);
  });
}


interface EventsReader {
  next(): Promise<string>;
  ended(): Promise<boolean>;
  close(): void;
}

/** Reads the board's event stream as the page's EventSource would, one event name at a time. */
async function openEvents(base: string, signedIn: SignedIn): Promise<EventsReader> {
  const url = new URL('/board/api/events', base);
  const queue: string[] = [];
  const waiters: ((name: string) => void)[] = [];
  let endedResolve: (value: boolean) => void = () => undefined;
  const endedPromise = new Promise<boolean>((resolve) => (endedResolve = resolve));
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, headers: pageHeaders(base, { Cookie: signedIn.cookie }) }, resolve);
    request.on('error', reject);
    request.end();
  });
  expect(response.statusCode).toBe(200);
  let buffer = '';
  response.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (\S+)$/m.exec(block)?.[1];
      if (name !== undefined) {
        const waiter = waiters.shift();
        if (waiter === undefined) queue.push(name);
        else waiter(name);
      }
      end = buffer.indexOf('\n\n');
    }
  });
  response.on('end', () => endedResolve(true));
  response.on('close', () => endedResolve(true));
  return {
    next: () => {
      const queued = queue.shift();
      return queued === undefined ? new Promise<string>((resolve) => waiters.push(resolve)) : Promise.resolve(queued);
    },
    ended: () => endedPromise,
    close: () => response.destroy(),
  };
}
