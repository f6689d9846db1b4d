import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostClient, type ControlReport, type HostClient } from '../../shared/host-protocol';
import type { DeskEvent } from '../../shared/events';
import { superviseHost, type HostChild, type HostSupervisor } from '../../main/host/host-supervisor';
import { acquireDeskLock } from '../../main/db/desk-lock';
import { openDatabase } from '../../main/db/open-database';
import { jobDocument } from '../helpers/desk';
import { makeTempDir } from '../helpers/temp-dir';

/** The very file the desktop app forks as its utility process (scripts/build.mjs). */
const HOST_ENTRY = path.resolve(__dirname, '..', '..', 'dist', 'main', 'desk-host.cjs');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** The host in a worker thread, as the desktop app has it in a utility process. */
function forkHost(): { child: HostChild; exited: Promise<number> } {
  const worker = new Worker(HOST_ENTRY);
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  cleanups.push(() => void worker.terminate());
  return {
    exited,
    child: {
      post: (message) => worker.postMessage(message),
      postConnect: (port) => worker.postMessage({ kind: 'connect', port }, [port as MessagePort]),
      onMessage: (listener) => worker.on('message', (message: ControlReport) => listener(message)),
      onExit: (listener) => worker.on('exit', listener),
      kill: () => void worker.terminate(),
    },
  };
}

/** A client on its own MessagePort, as a window has one. */
function connectClient(host: HostSupervisor): { client: HostClient; events: DeskEvent[] } {
  const { port1, port2 } = new MessageChannel();
  host.connect(port1);
  const client = createHostClient({
    send: (message) => port2.postMessage(message),
    onMessage: (listener) => port2.on('message', listener),
    close: () => port2.close(),
  });
  const events: DeskEvent[] = [];
  client.subscribe((event) => events.push(event));
  cleanups.push(() => client.close());
  return { client, events };
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function value<T>(envelope: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const answer = await envelope;
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

describe('the desk host off the main thread, driven over its MessagePort protocol (shared/host-protocol.ts)', () => {
  it('receives a package, tells another client of each change, and shuts down in order with nothing lost', async () => {
    const temp = makeTempDir('host-process');
    cleanups.push(temp.remove);
    const { child, exited } = forkHost();
    const logs: string[] = [];
    const host = superviseHost(child, { onLog: (where, message) => logs.push(`${where}: ${message}`) });
    const started = await host.start(temp.dir, { seedDemoWhenEmpty: false, schedulers: false });
    expect(started).toMatchObject({ ok: true, dataDir: temp.dir, seededDemo: false });

    // Two windows: the operator's, and another that only watches.
    const operator = connectClient(host);
    const watcher = connectClient(host);
    await waitFor(() => watcher.events.find((event) => event.type === 'hello'), 'the hello');

    await value(
      operator.client.call('jobs.import', {
        document: jobDocument('HOST-JOB', { trackingNumber: '1Z-HOST', driveCount: 3, drives: ['HOST-1', 'HOST-2', 'HOST-3'] }),
      }),
    );
    const checkIn = await value(operator.client.call('packages.checkIn', { trackingNumber: '1Z-HOST' }));
    expect(checkIn.verdict).toBe('matched');
    const scan = await value(operator.client.call('scans.record', { packageId: checkIn.packageId, code: 'HOST-1' }));
    expect(scan.verdict).toBe('received');

    // The watcher hears of the scan, naming the package, the topics and the client that made it.
    const operatorHello = operator.events.find((event) => event.type === 'hello');
    const announced = await waitFor(
      () => watcher.events.find((event) => event.type === 'changed' && event.source === 'scans.record'),
      'the scan announced to the other client',
    );
    expect(announced).toMatchObject({ type: 'changed', packageId: checkIn.packageId, topics: expect.arrayContaining(['drives', 'packages']) });
    expect(announced.type === 'changed' && operatorHello?.type === 'hello' ? announced.client : null).toBe(
      operatorHello?.type === 'hello' ? operatorHello.client : 'missing',
    );
    // Reads announce nothing.
    const before = watcher.events.length;
    await value(operator.client.call('packages.get', { packageId: checkIn.packageId }));
    await value(operator.client.call('desk.ping', {}));
    await value(operator.client.call('scans.record', { packageId: checkIn.packageId, code: 'HOST-2' }));
    await waitFor(() => (watcher.events.length > before ? true : undefined), 'the second scan announced');
    expect(watcher.events.slice(before).map((event) => (event.type === 'changed' ? event.source : event.type))).toEqual(['scans.record']);

    // A second host on the same folder is refused, naming the holder.
    const second = forkHost();
    const refused = await superviseHost(second.child).start(temp.dir, { seedDemoWhenEmpty: false, schedulers: false });
    expect(refused).toMatchObject({ ok: false, holderPid: process.pid });
    expect(refused.ok ? '' : refused.message).toContain(`is running on ${temp.dir}`);
    expect(await second.exited).toBe(0);

    // Scans in flight when the shutdown comes: each one is answered, and each answered `received` is on disk.
    const burst = ['HOST-3', 'EXTRA-1', 'EXTRA-2', 'EXTRA-3', 'EXTRA-4', 'EXTRA-5'];
    const answers = burst.map((code) => operator.client.call('scans.record', { packageId: checkIn.packageId, code }));
    const stopping = host.shutdown();
    const settled = await Promise.all(answers);
    expect(await stopping).toBe('stopped');
    // The host's thread ends by itself once it has stopped.
    expect(await exited).toBe(0);
    const recorded = burst.filter((_code, index) => settled[index]?.ok === true);
    for (const answer of settled) if (!answer.ok) expect(answer.error.code).toBe('unavailable');

    // After the shutdown the folder is free (the lock was given up) and the database whole.
    const lock = acquireDeskLock(temp.dir);
    lock.release();
    const db = openDatabase(path.join(temp.dir, 'desk.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const serials = (db.prepare('SELECT serial FROM scans ORDER BY id').all() as { serial: string }[]).map((row) => row.serial);
      // Serials are stored normalised (dashes dropped).
      expect(serials).toEqual(['HOST-1', 'HOST-2', ...recorded].map((code) => code.replace('-', '')));
    } finally {
      db.close();
    }
    expect(logs).toEqual([]);
  });
});
