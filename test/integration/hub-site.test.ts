import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_MIGRATIONS } from '../../main/hub/migrations';
import { CHANGES_PATH } from '../../shared/sync/wire';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';
import { openTestHub } from '../helpers/hub';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { openTestSite, syncUntilDrained } from '../helpers/site';
import { makeTestCa, type TestCa } from '../helpers/test-ca';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestDatabase } from '../helpers/test-database';
import { startFaultProxy } from '../proxy/fault-proxy';

/**
 * A site as it runs: HTTPS with the site's own CA, desks told live of each other's work across
 * hub processes, `npm run hub` itself, its migrations, and the embedded default on a machine
 * without PostgreSQL.
 */
/** Generous: waiting for a condition, not timing it (timings belong in npm run bench). */
const LIVE_WAIT_MS = 20_000;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function desk(label: string): TestDesk {
  const opened = openTestDesk(label);
  cleanups.push(() => opened.close());
  return opened;
}

function ca(label: string): TestCa {
  const made = makeTestCa(label);
  cleanups.push(made.remove);
  return made;
}

async function waitFor<T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = LIVE_WAIT_MS): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function driveState(opened: TestDesk, jobId: string, serial: string): Promise<string | undefined> {
  return (await opened.call('jobs.get', { jobId })).drives.find((drive) => drive.serial === serial)?.state;
}

describe('HTTPS with the site\'s own CA', () => {
  it('the desk verifies the hub against its CA file; without it, or with verification "switched off" by the environment, it refuses', async () => {
    const authority = ca('https');
    const hub = await openTestHub('https', { tls: { cert: authority.cert, key: authority.key }, ca: readFileSync(authority.caFile) });
    cleanups.push(() => hub.close());
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const opened = desk('https');

    const untrusted = await opened.raw('sync.enroll', { upstreamUrl: hub.url, enrollmentCode: (await hub.createDesk('Dock T')).enrollmentCode });
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'upstream', key: 'enrollFailed' } });
    expect((untrusted as { error: { message: string } }).error.message).toMatch(/certificate was not accepted/);

    // The environment variable that turns Node's verification off does not reach the desk's requests.
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const still = await opened.raw('sync.enroll', { upstreamUrl: hub.url, enrollmentCode: (await hub.createDesk('Dock T2')).enrollmentCode });
      expect(still).toMatchObject({ ok: false, error: { key: 'enrollFailed' } });
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
    }

    // Another CA's certificate for the same address is refused even with a CA file.
    const impostor = ca('impostor');
    const other = await openTestHub('https-impostor', { tls: { cert: impostor.cert, key: impostor.key }, ca: readFileSync(impostor.caFile) });
    cleanups.push(() => other.close());
    const wrongCa = await opened.raw('sync.enroll', { upstreamUrl: other.url, enrollmentCode: (await other.createDesk('Dock X')).enrollmentCode, upstreamCaFile: authority.caFile });
    expect(wrongCa).toMatchObject({ ok: false, error: { key: 'enrollFailed' } });

    const settings = await opened.call('sync.enroll', { upstreamUrl: hub.url, enrollmentCode: (await hub.createDesk('Dock T3')).enrollmentCode, upstreamCaFile: authority.caFile });
    expect(settings).toMatchObject({ upstreamUrl: hub.url, upstreamCaFile: authority.caFile, upstreamTokenSet: true });
    await hub.putJob(jobDocument('tls-job', { drives: ['TLS1'] }));
    await syncUntilDrained(opened);
    expect(await driveState(opened, 'tls-job', 'TLS1')).toBe('Specified');

    // A CA file that is not there, or not a path, is refused with the field named, and nothing changes.
    expect(await opened.raw('settings.set', { upstreamCaFile: path.join(authority.dir, 'missing.pem') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', key: 'caFileUnreadable' },
    });
    expect(await opened.raw('settings.set', { upstreamCaFile: 'ca.pem' })).toMatchObject({ ok: false, error: { code: 'invalid_params', key: 'caFilePath' } });
    expect(await opened.call('settings.get', {})).toMatchObject({ upstreamCaFile: authority.caFile });
  });

  it('two desks and one hub on PostgreSQL over HTTPS: the two-desk scenario holds, and a receipt at one reaches the other live, with no one syncing', async () => {
    const authority = ca('two-desks');
    const site = await openTestSite('https-two-desks', { ca: authority });
    cleanups.push(() => site.close());
    expect(site.url).toMatch(/^https:/);
    const a = desk('https-a');
    const b = desk('https-b');
    await a.call('settings.set', { deskName: 'Dock A', operator: 'alice' });
    await b.call('settings.set', { deskName: 'Dock B', operator: 'bob' });
    await site.putJob(jobDocument('job-alpha', { trackingNumber: 'TRACK-ALPHA-1', driveCount: 3, drives: ['ALPHA-1', 'ALPHA-2', 'ALPHA-3'] }));
    await site.putJob(jobDocument('job-beta', { trackingNumber: 'TRACK-BETA-1', driveCount: 1, drives: ['BETA-1'] }));
    await site.enroll(a, 'Dock A');
    await site.enroll(b, 'Dock B');
    await syncUntilDrained(a);
    await syncUntilDrained(b);

    // From here on, desk B syncs only because the hub tells it something changed.
    b.core.sync.startLive();
    await waitFor('B live', () => b.core.sync.status().live, (state) => state === 'connected');
    const bRunsBefore = b.core.sync.status().lastAttemptAt;

    const alpha = await a.call('packages.checkIn', { trackingNumber: 'TRACK-ALPHA-1' });
    await a.call('scans.record', { packageId: alpha.packageId, code: 'ALPHA-1' });
    await a.call('scans.record', { packageId: alpha.packageId, code: 'ALPHA-2' });
    const closed = await a.call('packages.close', { packageId: alpha.packageId });
    expect(closed.neverReceived.map((drive) => drive.serial)).toEqual(['ALPHA3']);
    await syncUntilDrained(a);
    expect(await site.driveState('job-alpha', 'ALPHA3')).toBe('NeverReceived');
    await waitFor('ALPHA1 at B', () => driveState(b, 'job-alpha', 'ALPHA1'), (state) => state === 'Received');
    await waitFor('ALPHA3 at B', () => driveState(b, 'job-alpha', 'ALPHA3'), (state) => state === 'NeverReceived');
    expect(b.core.sync.status().lastAttemptAt).not.toBe(bRunsBefore);

    // B finds ALPHA-3 in job beta's box; A hears of it live too. Nobody syncs: B pushes on its own
    // right after recording (its live link is on, as in a running desk), A pulls when told.
    a.core.sync.startLive();
    await waitFor('A live', () => a.core.sync.status().live, (state) => state === 'connected');
    const beta = await b.call('packages.checkIn', { trackingNumber: 'TRACK-BETA-1' });
    expect((await b.call('scans.record', { packageId: beta.packageId, code: 'BETA-1' })).verdict).toBe('received');
    expect(await b.call('scans.record', { packageId: beta.packageId, code: 'ALPHA-3' })).toMatchObject({ verdict: 'recovered', belongsToJobId: 'job-alpha' });
    await waitFor('ALPHA3 at A', () => driveState(a, 'job-alpha', 'ALPHA3'), (state) => state === 'Received');
    await waitFor('B drained', () => b.core.sync.status().pending, (pending) => pending === 0);
    await b.call('packages.close', { packageId: beta.packageId });
    await waitFor('B drained after close', () => b.core.sync.status().pending, (pending) => pending === 0);
    expect(await site.driveState('job-alpha', 'ALPHA3')).toBe('Received');
    const bMoves = (await site.applied(b)).filter((row) => row.serial === 'ALPHA3');
    expect(bMoves.map((row) => [row.from, row.to, row.operator])).toEqual([['NeverReceived', 'Received', 'bob']]);
  });
});

describe('live across hub processes', () => {
  it('a change through one hub process reaches a desk listening on another (LISTEN/NOTIFY), and a dropped stream resumes without missing it', async () => {
    const database = await createTestDatabase('live');
    cleanups.push(() => database.drop());
    const folder = makeTempDir('live-hubs');
    cleanups.push(folder.remove);
    const tokenFile = path.join(folder.dir, 'admin-token');
    const processes: HubProcess[] = [];
    for (const name of ['one', 'two']) {
      const started = await startHubProcess(['--port', '0', '--data', path.join(folder.dir, name), '--no-demo', '--admin-token-file', tokenFile], { HUB_DATABASE_URL: database.url });
      cleanups.push(() => started.stop());
      processes.push(started);
    }
    const [one, two] = processes;
    if (one === undefined || two === undefined) throw new Error('two hubs');
    const adminToken = readFileSync(tokenFile, 'utf8').trim();
    const admin = async (method: string, route: string, body?: unknown) => {
      const response = await fetch(`${one.url}/v1/admin/${route}`, {
        method,
        headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${route}: ${response.status}`);
      return (await response.json()) as { enrollmentCode: string };
    };
    const toTwo = await startFaultProxy({ targets: [two.url] });
    cleanups.push(() => toTwo.close());
    const a = desk('live-a');
    const b = desk('live-b');
    await a.call('sync.enroll', { upstreamUrl: one.url, enrollmentCode: (await admin('POST', 'desks', { name: 'A' })).enrollmentCode });
    await b.call('sync.enroll', { upstreamUrl: toTwo.url, enrollmentCode: (await admin('POST', 'desks', { name: 'B' })).enrollmentCode });
    await admin('PUT', 'jobs/live-job', jobDocument('live-job', { trackingNumber: 'TRK-LIVE', drives: ['LIVE1', 'LIVE2'] }));
    await syncUntilDrained(a);
    await syncUntilDrained(b);
    b.core.sync.startLive();
    await waitFor('B live', () => b.core.sync.status().live, (state) => state === 'connected');

    const { packageId } = await a.call('packages.checkIn', { trackingNumber: 'TRK-LIVE' });
    await a.call('scans.record', { packageId, code: 'LIVE1' });
    await syncUntilDrained(a);
    await waitFor('LIVE1 at B', () => driveState(b, 'live-job', 'LIVE1'), (state) => state === 'Received');

    // The stream drops while the way to the hub is down; A works meanwhile; B catches up on reconnect.
    toTwo.setFaults({ outage: true });
    expect(toTwo.dropStreams()).toBe(1);
    await waitFor('B notices', () => b.core.sync.status().live, (state) => state !== 'connected');
    await a.call('scans.record', { packageId, code: 'LIVE2' });
    await syncUntilDrained(a);
    expect(await driveState(b, 'live-job', 'LIVE2')).toBe('Specified');
    toTwo.setFaults({ outage: false });
    await waitFor('LIVE2 at B', () => driveState(b, 'live-job', 'LIVE2'), (state) => state === 'Received', 60_000);
  });
});

describe('npm run hub', () => {
  it('prints one line with its URL, serves, refuses a database a newer hub migrated, and stops on SIGTERM', async () => {
    const database = await createTestDatabase('cli');
    cleanups.push(() => database.drop());
    const folder = makeTempDir('hub-cli');
    cleanups.push(folder.remove);
    const started = await startHubProcess(['--port', '0', '--data', folder.dir, '--database', database.url]);
    cleanups.push(() => started.stop());
    // The demo jobs are there; the admin token file is its owner's only; the password never printed.
    const tokenFile = path.join(folder.dir, 'admin-token');
    const adminToken = readFileSync(tokenFile, 'utf8').trim();
    const jobs = await fetch(`${started.url}/v1/admin/jobs/demo-import-4-drives`, { headers: { Authorization: `Bearer ${adminToken}` } });
    expect(jobs.status).toBe(200);
    expect((await fetch(`${started.url}${CHANGES_PATH}`)).status).toBe(401);
    expect(started.log()).not.toContain('desk_test:desk_test');
    expect(await started.stop()).toBe(0);

    // A newer hub migrated this database: an older one refuses it rather than misread it.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("INSERT INTO hub_schema (version, name) VALUES (99, 'from the future')");
    await client.end();
    await expect(startHubProcess(['--port', '0', '--data', folder.dir, '--database', database.url])).rejects.toThrow(new RegExp(`schema version 99.*knows versions up to ${HUB_MIGRATIONS.length}`));

    // Rotating the admin token is writing the file: the running hub reads it again.
    const again = await openTestHub('cli-rotate');
    cleanups.push(() => again.close());
    const rotated = 'rotated-admin-token-0123456789abcdef';
    writeFileSync(again.handle.adminTokenFile, `${rotated}\n`, { mode: 0o600 });
    expect((await fetch(`${again.url}/v1/admin/desks`, { headers: { Authorization: `Bearer ${again.adminToken}` } })).status).toBe(401);
    expect((await fetch(`${again.url}/v1/admin/desks`, { headers: { Authorization: `Bearer ${rotated}` } })).status).toBe(200);
  });

  it('on a machine without PostgreSQL it starts on the embedded default, and two desks enroll and sync through it', { timeout: 240_000 }, async () => {
    const folder = makeTempDir('hub-embedded');
    cleanups.push(folder.remove);
    // Started as `npm run hub` starts it (build, then run), with no --database, and an environment
    // with no PostgreSQL in it: no HUB_DATABASE_URL, no DATABASE_URL, no PG* variable of this
    // machine's server. This machine does run a server on libpq's default address, so PGHOST and
    // PGPORT point nowhere: a hub that reached for a server at all would fail to start.
    const noPostgres = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^PG|DATABASE_URL$/i.test(name)));
    const started = await startHubProcess(['--port', '0', '--data', folder.dir], { ...noPostgres, PGHOST: '127.0.0.1', PGPORT: '1' }, { viaNpmScript: true, exactEnv: true });
    cleanups.push(() => started.stop());
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const adminToken = readFileSync(path.join(folder.dir, 'admin-token'), 'utf8').trim();
    const code = async (name: string) => {
      const response = await fetch(`${started.url}/v1/admin/desks`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      return ((await response.json()) as { enrollmentCode: string }).enrollmentCode;
    };
    const a = desk('embedded-a');
    const b = desk('embedded-b');
    await a.call('sync.enroll', { upstreamUrl: started.url, enrollmentCode: await code('A') });
    await b.call('sync.enroll', { upstreamUrl: started.url, enrollmentCode: await code('B') });
    await syncUntilDrained(a);
    await syncUntilDrained(b);
    // The demo jobs came from the hub.
    expect(await driveState(a, 'demo-import-4-drives', '9CA995BB')).toBe('Specified');
    const { packageId } = await a.call('packages.checkIn', { trackingNumber: '787895108176' });
    expect((await a.call('scans.record', { packageId, code: '9CA995BB' })).verdict).toBe('received');
    await syncUntilDrained(a);
    await syncUntilDrained(b);
    expect(await driveState(b, 'demo-import-4-drives', '9CA995BB')).toBe('Received');
    expect(started.log()).toMatch(/POST \/v1\/transitions 200/);
    // Ctrl-C or SIGTERM reaches the hub through npm run hub's wrapper, which exits as it did.
    expect(await started.stop()).toBe(0);

    // The same folder again, now as the bundle itself (a SIGKILL must reach the holder, not a wrapper).
    const holder = await startHubProcess(['--port', '0', '--data', folder.dir], { HUB_DATABASE_URL: '', PGHOST: '127.0.0.1', PGPORT: '1' });
    cleanups.push(() => holder.stop());
    // What the desks synced is still there.
    expect(holder.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const kept = await fetch(`${holder.url}/v1/admin/jobs/demo-import-4-drives`, { headers: { Authorization: `Bearer ${adminToken}` } });
    const keptJob = (await kept.json()) as { properties: { driveList: { driveId: string; state: string }[] } };
    expect(keptJob.properties.driveList.find((drive) => drive.driveId === '9CA995BB')?.state).toBe('Received');
    // A second hub process on the same embedded folder would corrupt it: it refuses, naming the holder.
    await expect(startHubProcess(['--port', '0', '--data', folder.dir])).rejects.toThrow(new RegExp(`in use by another hub process \\(pid ${holder.child.pid}\\)`));
    // A holder killed outright (SIGKILL) leaves nothing that blocks the next start.
    await holder.stop('SIGKILL');
    const again = await startHubProcess(['--port', '0', '--data', folder.dir]);
    cleanups.push(() => again.stop());
    expect(again.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});
