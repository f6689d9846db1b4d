import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDesk } from '../../main/host/start-desk';
import { DeskLockedError } from '../../main/db/desk-lock';
import { startWebServer, type WebServer } from '../../main/web/server';
import type { DeskEvent } from '../../shared/events';
import { jobDocument } from '../helpers/desk';
import { makeTempDir } from '../helpers/temp-dir';

const WEB_CLI = path.resolve(__dirname, '..', '..', 'dist', 'main', 'web-cli.cjs');
const TOKEN = 'desk-host-token-0123456789';
const START_TIMEOUT_MS = 15_000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function tempDir(label: string): string {
  const temp = makeTempDir(label);
  cleanups.push(temp.remove);
  return temp.dir;
}

interface WebDesk {
  readonly child: ChildProcess;
  readonly base: string;
  readonly stderr: () => string;
}

/** `npm run web` as a real process; `shell` runs it under `sh -c` (for a umask). */
function startWebDesk(args: readonly string[], options: { env?: NodeJS.ProcessEnv; umask?: string } = {}): Promise<WebDesk> {
  const argv = [WEB_CLI, '--port', '0', '--no-open', '--no-demo', ...args];
  const child =
    options.umask === undefined
      ? spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } })
      : spawn('sh', ['-c', `umask ${options.umask} && exec "$0" "$@"`, process.execPath, ...argv], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, ...options.env },
        });
  cleanups.push(() => {
    child.kill('SIGKILL');
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the desk did not start: ${err}`)), START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)#token=/.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, base: match[1] as string, stderr: () => err });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`the desk exited with ${code}: ${err}`), { code, stderr: err }));
    });
  });
}

async function api(base: string, method: string, params: unknown, token = TOKEN): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const response = await fetch(new URL(`api/${method}`, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(params),
  });
  return (await response.json()) as never;
}

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe('one desk per data folder (an OS lock the holder keeps until it dies)', () => {
  it('refuses a second desk naming the first, and a desk killed with SIGKILL never blocks the next start', async () => {
    const dir = tempDir('lock');
    const first = await startWebDesk(['--data', dir, '--token', TOKEN]);

    const second = await startWebDesk(['--data', dir, '--token', TOKEN]).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(second?.code).toBe(1);
    expect(second?.stderr).toContain(`Another Receiving Desk (process ${first.child.pid}) is running on ${dir}`);
    // The first desk is unharmed.
    expect(await api(first.base, 'desk.ping', {})).toMatchObject({ ok: true });

    // Nothing a user can delete or rewrite takes the hold away: the lock file is not the lock.
    writeFileSync(path.join(dir, 'desk.lock.pid'), '1');
    const third = await startWebDesk(['--data', dir, '--token', TOKEN]).then(
      () => null,
      (error: { code?: number }) => error,
    );
    expect(third?.code).toBe(1);
    // Nor does deleting the lock file: the next desk makes a new one, but finds the database in use.
    unlinkSync(path.join(dir, 'desk.lock'));
    const fourth = await startWebDesk(['--data', dir, '--token', TOKEN]).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(fourth?.code).toBe(1);
    expect(fourth?.stderr).toContain(`Another Receiving Desk is running on ${dir}`);
    expect(await api(first.base, 'desk.ping', {})).toMatchObject({ ok: true });

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const next = await startWebDesk(['--data', dir, '--token', TOKEN]);
    expect(await api(next.base, 'desk.ping', {})).toMatchObject({ ok: true });
  });

  it('two desks started at the same moment: exactly one runs', async () => {
    const dir = tempDir('lock-race');
    const outcomes = await Promise.all(
      [0, 1, 2].map(() =>
        startWebDesk(['--data', dir, '--token', TOKEN]).then(
          () => 'runs',
          () => 'refused',
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'runs')).toHaveLength(1);
  });

  it('in one process too: a second startDesk on a held folder is refused, and the folder is free after close', async () => {
    const dir = tempDir('lock-in-process');
    const desk = await startDesk(dir, { schedulers: false });
    await expect(startDesk(dir, { schedulers: false })).rejects.toBeInstanceOf(DeskLockedError);
    await desk.close();
    const again = await startDesk(dir, { schedulers: false });
    await again.close();
  });
});

describe('owner-only files, whatever the umask', () => {
  it('creates the folder 0700 and the database, its -wal and -shm, the lock, backups and the token file 0600 under umask 000', async () => {
    const parent = tempDir('modes');
    const dir = path.join(parent, 'new', 'data');
    const desk = await startWebDesk(['--data', dir, '--token', TOKEN], { umask: '000' });
    expect(await api(desk.base, 'jobs.import', { document: jobDocument('MODES-1', { drives: ['M-1'] }) })).toMatchObject({ ok: true });
    expect(await api(desk.base, 'settings.set', { upstreamUrl: 'http://127.0.0.1:9/', upstreamToken: 'upstream-secret-123' })).toMatchObject({ ok: true });
    expect(await api(desk.base, 'backups.create', {})).toMatchObject({ ok: true });

    expect(mode(path.join(parent, 'new'))).toBe('700');
    expect(mode(dir)).toBe('700');
    for (const file of ['desk.sqlite', 'desk.sqlite-wal', 'desk.sqlite-shm', 'desk.lock', 'upstream-token']) {
      expect(mode(path.join(dir, file)), file).toBe('600');
    }
    expect(mode(path.join(dir, 'backups'))).toBe('700');
    const backups = readdirSync(path.join(dir, 'backups'));
    expect(backups.length).toBeGreaterThan(0);
    for (const file of backups) expect(mode(path.join(dir, 'backups', file)), file).toBe('600');
  });

  it('reports a data folder others can read, at start', async () => {
    const dir = tempDir('open-folder');
    chmodSync(dir, 0o755);
    const desk = await startWebDesk(['--data', dir, '--token', TOKEN]);
    await expect.poll(() => desk.stderr()).toContain(`The data folder ${dir} can be read by other users of this computer (mode 755)`);
    const inProcess = await startDesk(tempDir('closed-folder'), { schedulers: false });
    expect(inProcess.warnings).toEqual([]);
    await inProcess.close();
  });
});

describe('the token stays out of process lists', () => {
  it('takes the token from --token-file or RECEIVING_DESK_TOKEN, and refuses a bad one naming the flag', async () => {
    const dir = tempDir('token-file');
    const file = path.join(dir, 'token');
    writeFileSync(file, `${TOKEN}\n`, { mode: 0o600 });
    const fromFile = await startWebDesk(['--data', path.join(dir, 'a'), '--token-file', file]);
    expect(await api(fromFile.base, 'desk.ping', {})).toMatchObject({ ok: true });
    expect(await api(fromFile.base, 'desk.ping', {}, 'wrong-token-123')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // No secret on its command line.
    expect(spawnSync('ps', ['-o', 'args=', '-p', String(fromFile.child.pid)], { encoding: 'utf8' }).stdout).not.toContain(TOKEN);

    const fromEnv = await startWebDesk(['--data', path.join(dir, 'b')], { env: { RECEIVING_DESK_TOKEN: TOKEN } });
    expect(await api(fromEnv.base, 'desk.ping', {})).toMatchObject({ ok: true });

    writeFileSync(path.join(dir, 'short'), 'abc\n');
    const refused = spawnSync(process.execPath, [WEB_CLI, '--data', path.join(dir, 'c'), '--token-file', path.join(dir, 'short'), '--no-open'], { encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--token-file: use at least 8 characters');
    const missing = spawnSync(process.execPath, [WEB_CLI, '--data', path.join(dir, 'd'), '--token-file', path.join(dir, 'nope'), '--no-open'], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--token-file: cannot read');
    expect(existsSync(path.join(dir, 'c'))).toBe(false);
  });

  it('opens the browser with a launch code that works once, within a minute, for the token', async () => {
    const dir = tempDir('launch');
    mkdirSync(path.join(dir, 'renderer'));
    writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>desk</title>');
    let now = Date.parse('2026-11-21T09:00:00Z');
    const server = await startWebServer({ dispatch: async () => ({ ok: true, value: null }), token: TOKEN, staticDir: path.join(dir, 'renderer'), now: () => now });
    cleanups.push(() => server.close());
    const exchange = async (code: string) => {
      const response = await fetch(new URL('launch', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
      return { status: response.status, body: (await response.json()) as { ok: boolean; value?: { token: string } } };
    };
    const code = (url: string) => new URL(url).hash.replace(/^#launch=/, '');
    const launch = server.mintLaunchUrl();
    expect(launch).not.toContain(TOKEN);
    expect(await exchange(code(launch))).toEqual({ status: 200, body: { ok: true, value: { token: TOKEN } } });
    // Once only.
    expect((await exchange(code(launch))).status).toBe(401);
    // Within the minute only.
    const late = server.mintLaunchUrl();
    now += 61_000;
    expect(await exchange(code(late))).toMatchObject({ status: 401, body: { ok: false } });
    expect((await exchange('made-up')).status).toBe(401);
  });
});

/** Reads Server-Sent Events from GET /api/events. */
function openEvents(server: WebServer, token: string | null, client?: string): Promise<{ status: number; events: DeskEvent[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (client !== undefined) headers['X-Desk-Client'] = client;
    const request = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers }, (response) => {
      const events: DeskEvent[] = [];
      let buffer = '';
      response.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('');
          buffer = buffer.slice(end + 2);
          if (data !== '') events.push(JSON.parse(data) as DeskEvent);
        }
      });
      resolve({ status: response.statusCode ?? 0, events, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

describe('the event stream over Server-Sent Events (GET /api/events)', () => {
  it('needs the token, says hello, and announces each change made by any client, naming it', async () => {
    const dir = tempDir('events');
    mkdirSync(path.join(dir, 'renderer'));
    const desk = await startDesk(path.join(dir, 'data'), { schedulers: false });
    cleanups.push(() => desk.close());
    const server = await startWebServer({ dispatch: desk.dispatch, events: desk.events, token: TOKEN, staticDir: path.join(dir, 'renderer') });
    cleanups.push(() => server.close());

    const refused = await openEvents(server, null);
    expect(refused.status).toBe(401);
    refused.close();
    const wrong = await openEvents(server, 'not-the-token');
    expect(wrong.status).toBe(401);
    wrong.close();

    const stream = await openEvents(server, TOKEN, 'watcher-tab');
    cleanups.push(() => stream.close());
    await expect.poll(() => stream.events[0]).toMatchObject({ type: 'hello', client: 'watcher-tab', seq: 0 });

    const call = (method: string, params: unknown, client: string) =>
      fetch(new URL(`api/${method}`, server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, 'X-Desk-Client': client },
        body: JSON.stringify(params),
      }).then((response) => response.json() as Promise<{ ok: boolean; value: { packageId: number } }>);
    await call('jobs.import', { document: jobDocument('EVT-1', { trackingNumber: 'TRK-EVT', drives: ['E-1', 'E-2'] }) }, 'script');
    const checkIn = await call('packages.checkIn', { trackingNumber: 'TRK-EVT' }, 'script');
    await call('jobs.list', {}, 'script');
    await call('scans.record', { packageId: checkIn.value.packageId, code: 'E-1' }, 'other-tab');
    // A refused call changes nothing and announces nothing.
    await call('scans.record', { packageId: 999_999, code: 'E-2' }, 'other-tab');
    await call('settings.set', { deskName: 'Dock 4' }, 'script');

    await expect.poll(() => stream.events.length).toBe(6);
    expect(stream.events.slice(1).map((event) => [event.seq, event.type, event.type === 'changed' ? event.source : null])).toEqual([
      [1, 'changed', 'jobs.import'],
      [2, 'changed', 'packages.checkIn'],
      [3, 'changed', 'scans.record'],
      [4, 'changed', 'settings.set'],
      [5, 'settings', null],
    ]);
    expect(stream.events[3]).toMatchObject({ packageId: checkIn.value.packageId, client: 'other-tab', topics: expect.arrayContaining(['drives']) });
    expect(stream.events[5]).toMatchObject({ type: 'settings', settings: { deskName: 'Dock 4' } });
  });
});
