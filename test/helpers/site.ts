/**
 * A site for sync tests: the hub (the product, on a fresh PostgreSQL database) behind the
 * fault-injecting proxy, and desks enrolled through the proxy as a site's desks would be.
 */
import { readFileSync } from 'node:fs';
import type { SyncStatus } from '../../shared/rpc/results';
import { startFaultProxy, type FaultProxy, type FaultSwitchesPatch } from '../proxy/fault-proxy';
import type { TestDesk } from './desk';
import { openTestHub, type AppliedRow, type TestHub, type TestHubOptions } from './hub';
import type { TestCa } from './test-ca';

export interface TestSite {
  readonly hub: TestHub;
  readonly proxy: FaultProxy;
  /** What desks connect to: the proxy. */
  readonly url: string;
  admin<T = unknown>(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  putJob(document: Record<string, unknown>): Promise<void>;
  /** Creates the desk at the hub and enrolls it through the proxy with sync.enroll; returns its hub id. */
  enroll(desk: TestDesk, name?: string): Promise<string>;
  /** What the hub applied for this desk, in its order. */
  applied(desk: TestDesk): Promise<AppliedRow[]>;
  rejections(desk: TestDesk): Promise<unknown[]>;
  driveState(jobName: string, serial: string): Promise<string>;
  setFaults(patch: FaultSwitchesPatch): void;
  close(): Promise<void>;
}

/** The hub's id of a desk (set when it enrolled). */
export function hubDeskIdOf(desk: TestDesk): string {
  const id = desk.core.context.settings().upstreamDeskId;
  if (id === null) throw new Error('the desk is not enrolled');
  return id;
}

export interface TestSiteOptions extends Omit<TestHubOptions, 'ca' | 'tls'> {
  /** Serve HTTPS (hub and proxy) with this throwaway CA's certificate; desks trust it by its CA file. */
  readonly ca?: TestCa;
}

export async function openTestSite(label: string, options: TestSiteOptions = {}): Promise<TestSite> {
  const { ca, ...hubOptions } = options;
  const tls = ca === undefined ? undefined : { cert: ca.cert, key: ca.key };
  const hub = await openTestHub(label, { ...hubOptions, ...(ca === undefined || tls === undefined ? {} : { tls, ca: readFileSync(ca.caFile) }) });
  let proxy: FaultProxy;
  try {
    proxy = await startFaultProxy({
      targets: [hub.url],
      ...(ca === undefined ? {} : { tls: { cert: ca.cert, key: ca.key }, targetCa: readFileSync(ca.caFile) }),
    });
  } catch (error) {
    await hub.close();
    throw error;
  }
  return {
    hub,
    proxy,
    url: proxy.url,
    admin: (method, path, body) => hub.admin(method, path, body),
    putJob: (document) => hub.putJob(document),
    async enroll(desk, name) {
      const { enrollmentCode } = await hub.createDesk(name ?? desk.core.context.settings().deskName);
      const settings = await desk.call('sync.enroll', {
        upstreamUrl: proxy.url,
        enrollmentCode,
        ...(ca === undefined ? {} : { upstreamCaFile: ca.caFile }),
      });
      if (settings.upstreamDeskId === null) throw new Error('enrolled without a hub desk id');
      return settings.upstreamDeskId;
    },
    applied: (desk) => hub.applied(hubDeskIdOf(desk)),
    rejections: (desk) => hub.rejections(hubDeskIdOf(desk)),
    driveState: (jobName, serial) => hub.driveState(jobName, serial),
    setFaults: (patch) => void proxy.setFaults(patch),
    async close() {
      await proxy.close();
      await hub.close();
    },
  };
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
