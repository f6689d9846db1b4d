import type { ControlReport, ControlRequest, HostStartOptions } from '../../shared/host-protocol';

/** How long an orderly shutdown of the host may take before its process is killed. */
export const HOST_SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * The host's process or thread as its parent sees it: an Electron utility process in the desktop
 * app, a worker thread in the tests. The two differ only in how a port is handed over.
 */
export interface HostChild {
  post(message: ControlRequest): void;
  /** Sends `{kind: 'connect'}` with the client's port transferred. */
  postConnect(port: unknown): void;
  onMessage(listener: (message: ControlReport) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export type HostStart =
  | { readonly ok: true; readonly dataDir: string; readonly seededDemo: boolean; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string; readonly holderPid: number | null };

export interface HostSupervisor {
  /** Starts the desk in the child; settles with what the child reported (or that it died). */
  start(dataDir: string, options: HostStartOptions): Promise<HostStart>;
  /** Hands a client's port to the host (one per window). */
  connect(port: unknown): void;
  /** Orderly shutdown; kills the child if it has not stopped within `timeoutMs`. Settles either way. */
  shutdown(timeoutMs?: number): Promise<'stopped' | 'killed' | 'exited'>;
}

export interface SuperviseOptions {
  /** The host changed the upstream token: the parent keeps it (the desktop app: safeStorage). */
  readonly onSecret?: (value: string | null) => void;
  readonly onLog?: (where: string, message: string) => void;
  /** The child ended without being asked to (a crash): the parent tells the operator. */
  readonly onUnexpectedExit?: (code: number) => void;
}

/** The parent's side of the control channel (shared/host-protocol.ts): kept free of Electron so a Node test drives it. */
export function superviseHost(child: HostChild, options: SuperviseOptions = {}): HostSupervisor {
  let started: ((start: HostStart) => void) | null = null;
  let stopped: (() => void) | null = null;
  let exited = false;
  let stopping = false;
  const exitWaiters: (() => void)[] = [];

  child.onMessage((message) => {
    switch (message.kind) {
      case 'ready':
        started?.({ ok: true, dataDir: message.dataDir, seededDemo: message.seededDemo, warnings: message.warnings });
        started = null;
        return;
      case 'failed':
        started?.({ ok: false, message: message.message, holderPid: message.holderPid });
        started = null;
        return;
      case 'secret':
        options.onSecret?.(message.value);
        return;
      case 'log':
        options.onLog?.(message.where, message.message);
        return;
      case 'stopped':
        stopped?.();
        return;
    }
  });
  child.onExit((code) => {
    exited = true;
    started?.({ ok: false, message: `The desk's host process ended unexpectedly (exit code ${code}).`, holderPid: null });
    started = null;
    for (const waiter of exitWaiters.splice(0)) waiter();
    if (!stopping) options.onUnexpectedExit?.(code);
  });

  return {
    start(dataDir, startOptions) {
      return new Promise((resolve) => {
        started = resolve;
        child.post({ kind: 'start', dataDir, options: startOptions });
      });
    },
    connect(port) {
      if (!exited) child.postConnect(port);
    },
    async shutdown(timeoutMs = HOST_SHUTDOWN_TIMEOUT_MS) {
      if (exited) return 'exited';
      stopping = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settled = Promise.race([
        new Promise<'stopped'>((resolve) => (stopped = () => resolve('stopped'))),
        new Promise<'exited'>((resolve) => exitWaiters.push(() => resolve('exited'))),
        new Promise<'killed'>((resolve) => (timer = setTimeout(() => resolve('killed'), timeoutMs))),
      ]).finally(() => clearTimeout(timer));
      child.post({ kind: 'shutdown' });
      const outcome = await settled;
      if (outcome === 'killed') child.kill();
      return outcome;
    },
  };
}
