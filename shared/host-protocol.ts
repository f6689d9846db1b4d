/**
 * The protocol between the desk's host, running in a process or thread of its own, and what drives
 * it (docs/architecture.md, "The host"). The desktop app runs the host in an Electron utility
 * process; the tests run the same entry in a Node worker thread.
 *
 * Two channels:
 * - control, between the parent and the host: start, connect a client, shut down;
 * - one MessagePort per client (a window, a test): calls and their answers, and the event stream.
 */
import type { DeskEvent } from './events';
import { asDeskEvent } from './events';
import type { Envelope } from './rpc/envelope';
import { fail } from './rpc/envelope';
import type { MethodInput, MethodName, MethodResult } from './rpc/contract';

export interface HostStartOptions {
  readonly seedDemoWhenEmpty: boolean;
  /** An Electron-ABI build of better-sqlite3. */
  readonly nativeBinding?: string;
  /**
   * The upstream token, when the parent keeps it (the desktop app's safeStorage, which a utility
   * process cannot reach): its value now, and whether a new one may be kept. The host tells the
   * parent of every change with a `secret` message.
   */
  readonly relayedSecret?: {
    readonly value: string | null;
    /** Why a new token cannot be kept (no keyring and no consent), in English; null when it can. */
    readonly refusal: string | null;
  };
  /** Scheduled sync and backups; on unless a test turns them off. */
  readonly schedulers?: boolean;
}

/** Parent to host. A `connect` message carries the client's port alongside it. */
export type ControlRequest =
  | { readonly kind: 'start'; readonly dataDir: string; readonly options: HostStartOptions }
  | { readonly kind: 'connect' }
  | { readonly kind: 'shutdown' };

/** Host to parent. */
export type ControlReport =
  | { readonly kind: 'ready'; readonly dataDir: string; readonly seededDemo: boolean; readonly warnings: readonly string[] }
  /** Start failed; the host exits after this. `holderPid` is set when another desk holds the folder. */
  | { readonly kind: 'failed'; readonly message: string; readonly holderPid: number | null }
  | { readonly kind: 'secret'; readonly value: string | null }
  | { readonly kind: 'log'; readonly where: string; readonly message: string }
  /** Shutdown is complete: every call answered, the database closed, the folder's lock given up. */
  | { readonly kind: 'stopped' };

/** Client to host, over the client's port. */
export interface CallMessage {
  readonly kind: 'call';
  readonly id: number;
  readonly method: string;
  readonly params: unknown;
}

/** Host to client, over the client's port. */
export type ClientMessage =
  | { readonly kind: 'result'; readonly id: number; readonly envelope: Envelope<unknown> }
  | { readonly kind: 'event'; readonly event: DeskEvent };

/** One end of a message channel, whatever the runtime (DOM, Node worker_threads, Electron). */
export interface MessageLink {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  close(): void;
}

export interface HostClient {
  call<M extends MethodName>(method: M, params: MethodInput<M>): Promise<Envelope<MethodResult<M>>>;
  /** Any method name, any payload: what a transport passes through untyped. */
  callRaw(method: string, params: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** Fails every call still waiting (the host went away). */
  close(): void;
}

function isClientMessage(value: unknown): value is ClientMessage {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'result' || kind === 'event';
}

/** A client of the host over one port: calls matched to answers by id, events to subscribers. */
export function createHostClient(link: MessageLink): HostClient {
  let nextId = 1;
  const waiting = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Set<(event: DeskEvent) => void>();
  let closed = false;
  link.onMessage((message) => {
    if (!isClientMessage(message)) return;
    if (message.kind === 'result') {
      const resolve = waiting.get(message.id);
      waiting.delete(message.id);
      resolve?.(message.envelope);
      return;
    }
    const event = asDeskEvent(message.event);
    if (event === null) return;
    for (const listener of [...listeners]) listener(event);
  });
  const callRaw = (method: string, params: unknown): Promise<Envelope<unknown>> => {
    if (closed) return Promise.resolve(gone());
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      const message: CallMessage = { kind: 'call', id, method, params };
      link.send(message);
    });
  };
  return {
    call: (method, params) => callRaw(method, params) as never,
    callRaw,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      for (const resolve of waiting.values()) resolve(gone());
      waiting.clear();
      link.close();
    },
  };
}

const gone = (): Envelope<never> =>
  fail('unavailable', 'The desk is not running; nothing was recorded. Try again once it has restarted.', undefined, { key: 'deskStopping' });
