/**
 * The entry of the desk's host process (docs/architecture.md, "The host"): the desktop app forks it
 * as an Electron utility process, so no scan waits on the window's main thread and no import or
 * pull freezes the window; the tests run the very same file in a Node worker thread. It speaks
 * shared/host-protocol.ts: control messages with its parent, and one MessagePort per client.
 */
import { parentPort as workerParentPort } from 'node:worker_threads';
import { DeskError } from '../../shared/rpc/envelope';
import { fail } from '../../shared/rpc/envelope';
import type { CallMessage, ClientMessage, ControlReport, ControlRequest, HostStartOptions } from '../../shared/host-protocol';
import type { SecretStore } from '../core/sync/secret-store';
import { DeskLockedError } from '../db/desk-lock';
import { startDesk, type Desk } from './start-desk';

/** The parts of Node's and Electron's MessagePort this file uses. */
interface NodePortLike {
  on(event: 'message', listener: (value: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  close(): void;
  start?(): void;
}

/** Electron's `process.parentPort` in a utility process: messages come as `{data, ports}`. */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: NodePortLike[] }) => void): unknown;
  postMessage(message: unknown): void;
}

const electronParent = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
const inElectron = electronParent !== undefined;

function report(message: ControlReport): void {
  if (electronParent !== undefined) electronParent.postMessage(message);
  else workerParentPort?.postMessage(message);
}

function onControl(listener: (request: ControlRequest, ports: NodePortLike[]) => void): void {
  if (electronParent !== undefined) {
    electronParent.on('message', (event) => listener(event.data as ControlRequest, event.ports));
    return;
  }
  // worker_threads: a transferred port travels inside the message.
  workerParentPort?.on('message', (value: unknown) => {
    const request = value as ControlRequest & { port?: NodePortLike };
    listener(request, request.port === undefined ? [] : [request.port]);
  });
}

/** Electron delivers `{data}` events on a MessagePortMain; Node delivers the value itself. */
const messageData = (value: unknown): unknown => (inElectron ? (value as { data?: unknown }).data : value);

/** The desktop app keeps the token in the OS keyring from its main process; the host keeps a copy and reports changes. */
function relayedSecretStore(relayed: NonNullable<HostStartOptions['relayedSecret']>): SecretStore {
  let value = relayed.value;
  return {
    read: () => value,
    write(secret) {
      if (secret !== null && relayed.refusal !== null) throw new DeskError('storage', relayed.refusal, undefined, { key: 'noKeyring' });
      value = secret;
      report({ kind: 'secret', value: secret });
    },
  };
}

const log = (where: string, error: unknown) =>
  report({ kind: 'log', where, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });

let desk: Desk | null = null;
let starting: Promise<void> | null = null;
const clients = new Set<NodePortLike>();
let nextClient = 1;

function connect(port: NodePortLike): void {
  if (desk === null) {
    port.close();
    return;
  }
  const current = desk;
  const client = `port-${nextClient++}`;
  clients.add(port);
  const send = (message: ClientMessage) => {
    try {
      port.postMessage(message);
    } catch {
      // The window closed between the event and this send.
    }
  };
  const unsubscribe = current.events.subscribe((event) => send({ kind: 'event', event }));
  port.on('message', (value: unknown) => {
    const message = messageData(value) as Partial<CallMessage> | null;
    if (message === null || typeof message !== 'object' || message.kind !== 'call' || typeof message.id !== 'number') return;
    const id = message.id;
    const answer =
      typeof message.method === 'string'
        ? current.dispatch(message.method, message.params, client)
        : Promise.resolve(fail('unknown_method', 'The method name must be a string.', undefined, { key: 'unknownMethod', params: { method: '?' } }));
    void answer.then((envelope) => send({ kind: 'result', id, envelope }));
  });
  port.on('close', () => {
    unsubscribe();
    clients.delete(port);
  });
  port.start?.();
  // Whatever the client shows may predate this connection: it refreshes on hello.
  send({ kind: 'event', event: { type: 'hello', client, seq: current.events.lastSeq(), at: new Date().toISOString() } });
}

async function start(dataDir: string, options: HostStartOptions): Promise<void> {
  try {
    desk = await startDesk(dataDir, {
      seedDemoWhenEmpty: options.seedDemoWhenEmpty,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
      ...(options.relayedSecret === undefined ? {} : { secrets: relayedSecretStore(options.relayedSecret) }),
      ...(options.schedulers === undefined ? {} : { schedulers: options.schedulers }),
      logError: log,
    });
    report({ kind: 'ready', dataDir: desk.dataDir, seededDemo: desk.seededDemo, warnings: desk.warnings });
  } catch (error) {
    report({
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
      holderPid: error instanceof DeskLockedError ? error.holderPid : null,
    });
    end(1);
  }
}

async function shutdown(): Promise<void> {
  await starting;
  await desk?.close();
  for (const port of clients) port.close();
  clients.clear();
  report({ kind: 'stopped' });
  end(0);
}

/** Ends the host: a utility process exits; a worker thread ends by itself once nothing keeps it busy. */
function end(code: number): void {
  if (inElectron) setImmediate(() => process.exit(code));
  else workerParentPort?.unref();
}

onControl((request, ports) => {
  switch (request.kind) {
    case 'start':
      if (starting === null) starting = start(request.dataDir, request.options);
      return;
    case 'connect':
      void starting?.then(() => {
        for (const port of ports) connect(port);
      });
      return;
    case 'shutdown':
      void shutdown();
      return;
  }
});

if (inElectron) {
  // Every file it creates is the user's alone (docs/reliability.md); a worker thread may not set the umask.
  process.umask(0o077);
}
process.on('uncaughtException', (error) => log('host', error));
process.on('unhandledRejection', (error) => log('host', error));
