import path from 'node:path';
import { changedTopics, ERRORS_THAT_RECORD } from '../../shared/events';
import { fail, type Envelope } from '../../shared/rpc/envelope';
import type { MethodResults } from '../../shared/rpc/contract';
import { createDeskCore, UPSTREAM_TOKEN_FILE_NAME, type DeskCore } from '../core/desk-core';
import type { Clock } from '../core/clock';
import { createFileSecretStore, type SecretStore } from '../core/sync/secret-store';
import { startSyncScheduler, type SyncScheduler } from '../core/sync/sync-scheduler';
import { startBackupScheduler, type BackupScheduler } from '../core/backups/backups';
import type { SyncEngineOptions } from '../core/sync/sync-engine';
import { acquireDeskLock, type DeskLock } from '../db/desk-lock';
import { createOwnerOnlyDir, othersAccess } from '../db/owner-only';
import { DATABASE_FILE_NAME } from './data-dir';
import { createEventBus, type DeskEvents } from './event-bus';

/** An orderly shutdown waits this long for calls and a sync run under way before it closes the database anyway. */
export const SHUTDOWN_GRACE_MS = 10_000;
/** Sync progress can tick hundreds of times a second during a large pull; screens hear of it at most this often. */
export const SYNC_EVENT_INTERVAL_MS = 100;

export interface StartDeskOptions {
  /** Seed the demo set when the database holds no job (what `npm start` does on a new desk). */
  readonly seedDemoWhenEmpty?: boolean;
  /** Where the upstream token is kept; a 0600 file in the data folder unless the shell has better. */
  readonly secrets?: SecretStore;
  /** An Electron-ABI build of better-sqlite3 (docs/packaging.md). */
  readonly nativeBinding?: string;
  readonly clock?: Clock;
  /** Unexpected errors (never a payload); `where` is a method name, `sync` or `backup`. */
  readonly logError?: (where: string, error: unknown) => void;
  /** The sync and backup schedules run unless a test turns them off. */
  readonly schedulers?: boolean;
  readonly sync?: Omit<SyncEngineOptions, 'secrets' | 'logError' | 'onPulled' | 'onStatus'>;
}

/**
 * The dispatcher every shell calls. `client` names the connection the call came over (a window's
 * port, a page's X-Desk-Client header): the change event it causes carries it.
 */
export type HostDispatch = (method: string, params: unknown, client?: string) => Promise<Envelope<unknown>>;

export interface Desk {
  readonly dataDir: string;
  readonly databaseFile: string;
  /** The one dispatcher, announcing every change on `events`. */
  readonly dispatch: HostDispatch;
  readonly events: DeskEvents;
  readonly seededDemo: boolean;
  /** Things the operator should know at start (a data folder others can read …), in English. */
  readonly warnings: readonly string[];
  /** For tests and the benchmarks: the core under the host. */
  readonly core: DeskCore;
  /**
   * Orderly shutdown: refuses new calls, lets calls and a sync run under way finish (up to
   * SHUTDOWN_GRACE_MS), stops the schedules, closes the database, and gives the folder up.
   */
  close(): Promise<void>;
}

function warningsFor(dataDir: string): string[] {
  const open = othersAccess(dataDir);
  if (open === 0) return [];
  return [
    `The data folder ${dataDir} can be read by other users of this computer (mode ${(0o700 | open).toString(8)}): ` +
      `it holds customers' job documents and the desk's history. Run: chmod 700 ${JSON.stringify(dataDir)}`,
  ];
}

const stopping = (method: string): Envelope<never> =>
  fail('unavailable', `The desk is shutting down; ${method} was not run and nothing was recorded. Try again once it has restarted.`, undefined, {
    key: 'deskStopping',
  });

/**
 * Starts the desk on a data folder: the folder (0700) and its exclusive lock, the core, the sync and
 * backup schedules, the event stream, and the orderly shutdown. Every shell (the desktop app's host
 * process, web mode, the tests) starts the desk through this and nothing else (docs/architecture.md,
 * "The host").
 */
export async function startDesk(dataDir: string, options: StartDeskOptions = {}): Promise<Desk> {
  const folder = path.resolve(dataDir);
  createOwnerOnlyDir(folder);
  const warnings = warningsFor(folder);
  const databaseFile = path.join(folder, DATABASE_FILE_NAME);
  const lock: DeskLock = acquireDeskLock(folder, { databaseFile, ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }) });
  const logError = options.logError ?? (() => undefined);
  const bus = createEventBus(() => (options.clock ?? { now: () => new Date() }).now(), (error) => logError('events', error));

  let syncEventTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let core: DeskCore;
  try {
    core = createDeskCore({
      databaseFile,
      ...(options.seedDemoWhenEmpty === undefined ? {} : { seedDemoWhenEmpty: options.seedDemoWhenEmpty }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      database: options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding },
      secrets: options.secrets ?? createFileSecretStore(path.join(folder, UPSTREAM_TOKEN_FILE_NAME)),
      logError,
      sync: {
        ...options.sync,
        onPulled: () => bus.publish({ type: 'changed', source: 'sync', topics: changedTopics('sync.run') }),
        // Trailing edge at most every SYNC_EVENT_INTERVAL_MS: the last status always goes out.
        onStatus: () => {
          if (syncEventTimer !== null) return;
          syncEventTimer = setTimeout(() => {
            syncEventTimer = null;
            if (!closed) bus.publish({ type: 'sync', status: core.sync.status() });
          }, SYNC_EVENT_INTERVAL_MS);
        },
      },
    });
  } catch (error) {
    lock.release();
    throw error;
  }

  let inFlight = 0;
  let drained: (() => void) | null = null;

  const dispatch: HostDispatch = async (method, params, client) => {
    if (closed) return stopping(method);
    inFlight += 1;
    try {
      const envelope = await core.dispatch(method, params);
      announce(method, params, envelope, client);
      return envelope;
    } finally {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    }
  };

  function announce(method: string, params: unknown, envelope: Envelope<unknown>, client: string | undefined): void {
    if (!envelope.ok && !ERRORS_THAT_RECORD.includes(envelope.error.code)) return;
    const topics = changedTopics(method);
    if (topics.length === 0) return;
    const packageId = (params as { packageId?: unknown } | null)?.packageId;
    bus.publish({
      type: 'changed',
      source: method as keyof MethodResults,
      topics,
      ...(typeof packageId === 'number' ? { packageId } : {}),
      ...(client === undefined ? {} : { client }),
    });
    if (!envelope.ok) return;
    if (method === 'settings.set' || method === 'operators.signIn') {
      bus.publish({ type: 'settings', settings: envelope.value as MethodResults['settings.get'] });
    } else if (method === 'labels.print' || method === 'printers.testPrint') {
      bus.publish({ type: 'printed', entry: (envelope.value as MethodResults['labels.print']).entry });
    }
  }

  const scheduled = options.schedulers !== false;
  const syncScheduler: SyncScheduler | null = scheduled ? startSyncScheduler(core.sync) : null;
  const backupScheduler: BackupScheduler | null = scheduled
    ? startBackupScheduler(core.context, databaseFile, (error) => logError('backup', error), () =>
        bus.publish({ type: 'changed', source: 'backup', topics: ['backups'] }),
      )
    : null;

  let closing: Promise<void> | null = null;
  async function shutdown(): Promise<void> {
    closed = true;
    syncScheduler?.stop();
    const settled = Promise.all([
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve)),
      core.sync.whenIdle(),
      backupScheduler?.stop(),
    ]);
    let grace: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([settled, new Promise<void>((resolve) => (grace = setTimeout(resolve, SHUTDOWN_GRACE_MS)))]);
    clearTimeout(grace);
    if (syncEventTimer !== null) clearTimeout(syncEventTimer);
    try {
      await core.close();
    } finally {
      lock.release();
    }
  }

  return {
    dataDir: folder,
    databaseFile,
    dispatch,
    events: bus,
    seededDemo: core.seededDemo,
    warnings,
    core,
    close: () => (closing ??= shutdown()),
  };
}
