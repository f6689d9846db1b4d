import { startUpstream, type UpstreamHandle } from '../upstream/upstream-server';
import type { FaultSwitches } from '../upstream/faults';
import type { AppliedTransition } from '../upstream/upstream-db';
import { makeTempDir } from './temp-dir';
import type { TestDesk } from './desk';
import type { SyncStatus } from '../../shared/rpc/results';
import { normalizeCode } from '../../shared/domain/serial';

export const UPSTREAM_TEST_TOKEN = 'upstream-test-token-0123456789';

export interface TestUpstream {
  readonly handle: UpstreamHandle;
  readonly url: string;
  admin<T = unknown>(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  putJob(document: Record<string, unknown>): Promise<void>;
  applied(deskId: string): Promise<AppliedTransition[]>;
  driveState(jobName: string, serial: string): Promise<string>;
  setFaults(partial: Partial<FaultSwitches>): void;
  close(): Promise<void>;
}

/** The reference upstream (test/upstream) on a free loopback port, with its own database folder. */
export async function openTestUpstream(label: string): Promise<TestUpstream> {
  const temp = makeTempDir(`upstream-${label}`);
  const handle = await startUpstream({ dataDir: temp.dir, token: UPSTREAM_TEST_TOKEN });
  async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${handle.url}/v1/admin/${path}`, {
      method,
      headers: { Authorization: `Bearer ${UPSTREAM_TEST_TOKEN}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
  return {
    handle,
    url: handle.url,
    admin,
    async putJob(document) {
      await admin('PUT', `jobs/${encodeURIComponent(String(document.name))}`, document);
    },
    async applied(deskId) {
      return (await admin<{ value: AppliedTransition[] }>('GET', `transitions?deskId=${encodeURIComponent(deskId)}`)).value;
    },
    async driveState(jobName, serial) {
      const job = await admin<{ properties: { driveList: { driveId: string; state: string }[] } }>('GET', `jobs/${encodeURIComponent(jobName)}`);
      const drive = job.properties.driveList.find((entry) => normalizeCode(entry.driveId) === serial);
      if (drive === undefined) throw new Error(`upstream job ${jobName} has no drive ${serial}`);
      return drive.state;
    },
    setFaults: (partial) => void handle.setFaults(partial),
    async close() {
      await handle.close();
      temp.remove();
    },
  };
}

/** Points a desk at the upstream. */
export async function connectDesk(desk: TestDesk, upstream: TestUpstream, token = UPSTREAM_TEST_TOKEN): Promise<void> {
  await desk.call('settings.set', { upstreamUrl: upstream.url, upstreamToken: token });
}

/** Every transition the desk recorded, in outbox (record) order, with its client id. */
export function deskTransitions(desk: TestDesk): { clientId: string; seq: number; status: string }[] {
  const { store } = desk.core.context;
  return store.outbox.listAll().map((row) => {
    const transition = store.transitions.findByRowId(row.transitionId);
    if (transition === undefined) throw new Error(`outbox row ${row.seq} has no transition`);
    return { clientId: transition.clientId, seq: row.seq, status: row.status };
  });
}

/** Longest a test waits for one scheduled attempt (a Retry-After of a few seconds fits). */
const MAX_WAIT_PER_ATTEMPT_MS = 5_000;

/**
 * Syncs until nothing is left to send, as the scheduler would: after a failure it waits until the
 * engine's next attempt time (backoff or Retry-After) before trying again.
 */
export async function syncUntilDrained(desk: TestDesk, maxAttempts = 200): Promise<{ attempts: number; status: SyncStatus }> {
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const status = await desk.core.sync.run('manual');
    if (status.lastError === null && status.pending === 0) return { attempts: attempt, status };
    if (status.pausedReason !== null) throw new Error(`sync paused: ${status.pausedReason}`);
    const wait = status.nextAttemptAt === null ? 0 : Date.parse(status.nextAttemptAt) - desk.core.context.clock.now().getTime();
    await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(wait, 0), MAX_WAIT_PER_ATTEMPT_MS)));
  }
  throw new Error(`sync did not drain in ${maxAttempts} attempts: ${JSON.stringify(desk.core.sync.status())}`);
}
