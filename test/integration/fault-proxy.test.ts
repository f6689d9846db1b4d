import { afterEach, describe, expect, it } from 'vitest';
import { CHANGES_PATH, pushResponseSchema, TRANSITIONS_PATH, type PushItem } from '../../shared/sync/wire';
import { jobDocument } from '../helpers/desk';
import { openTestHub, type TestHub } from '../helpers/hub';
import { startFaultProxy, type FaultProxy } from '../proxy/fault-proxy';

/**
 * The fault-injecting proxy the sync tests put between desks and hub: each fault does what it
 * says, on the protocol routes, before or after the hub as the fault means.
 */
const DESK = 'proxy-desk';
const JOB = 'proxy-job';
const SERIAL = 'PROXY1';

interface Scene {
  readonly hub: TestHub;
  readonly proxy: FaultProxy;
  readonly token: string;
  readonly hubDeskId: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function scene(): Promise<Scene> {
  const hub = await openTestHub('proxy');
  cleanups.push(() => hub.close());
  const proxy = await startFaultProxy({ targets: [hub.url] });
  cleanups.push(() => proxy.close());
  await hub.putJob(jobDocument(JOB, { drives: [SERIAL] }));
  const enrolled = await hub.enrollRaw('Dock', DESK);
  return { hub, proxy, token: enrolled.token, hubDeskId: enrolled.deskId };
}

function item(seq: number, from: string, to: string): PushItem {
  return {
    seq,
    clientId: `client-${seq}`,
    entity: 'drive',
    jobName: JOB,
    serial: SERIAL,
    driveId: SERIAL,
    from,
    to,
    reason: null,
    note: null,
    operator: 'alice',
    at: '2026-11-21T09:00:00.000Z',
    compensates: null,
    extra: false,
  };
}

const BATCH = [item(1, 'Specified', 'Received'), item(2, 'Received', 'Transferring'), item(3, 'Transferring', 'Completed')];

async function call(s: Scene, method: string, route: string, body?: unknown): Promise<Response> {
  return fetch(`${s.proxy.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const push = (s: Scene, items: PushItem[]) => call(s, 'POST', TRANSITIONS_PATH, { deskId: DESK, deskName: 'Dock', items });

describe('the fault proxy between desks and hub', () => {
  it('passes requests through to the hub untouched when every switch is off', async () => {
    const s = await scene();
    const answer = await push(s, BATCH.slice(0, 1));
    expect(answer.status).toBe(200);
    expect(pushResponseSchema.parse(await answer.json()).expectedSeq).toBe(2);
    expect((await call(s, 'GET', CHANGES_PATH)).status).toBe(200);
    expect(s.proxy.forwarded[s.hub.url]).toBe(2);
  });

  it('answers 503 or 429 with Retry-After before the hub, and the hub sees nothing', async () => {
    const s = await scene();
    s.proxy.setFaults({ serverErrorRate: 1 });
    expect((await push(s, BATCH)).status).toBe(503);
    s.proxy.resetFaults();
    s.proxy.setFaults({ tooManyRequestsRate: 1, retryAfterSeconds: 7 });
    const limited = await call(s, 'GET', CHANGES_PATH);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(s.proxy.fired.tooManyRequests).toBe(1);
    expect(await s.hub.applied(s.hubDeskId)).toEqual([]);
  });

  it('resets before the hub (nothing applied), and loses the answer after the hub committed (all applied, resend is duplicate)', async () => {
    const s = await scene();
    s.proxy.setFaults({ resetRate: 1 });
    await expect(push(s, BATCH)).rejects.toThrow();
    expect(await s.hub.applied(s.hubDeskId)).toEqual([]);
    s.proxy.resetFaults();
    s.proxy.setFaults({ lostResponseRate: 1 });
    await expect(push(s, BATCH)).rejects.toThrow();
    expect((await s.hub.applied(s.hubDeskId)).map((row) => row.clientId)).toEqual(['client-1', 'client-2', 'client-3']);
    s.proxy.resetFaults();
    const resent = pushResponseSchema.parse(await (await push(s, BATCH)).json());
    expect(resent.results.map((result) => result.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('drops one item (never the first), so the hub sees a gap and says where to resend from', async () => {
    const s = await scene();
    s.proxy.setFaults({ sequenceGapRate: 1 });
    const answer = pushResponseSchema.parse(await (await push(s, BATCH)).json());
    expect(answer.expectedSeq).toBeGreaterThanOrEqual(2);
    expect(answer.expectedSeq).toBeLessThan(4);
    expect(s.proxy.fired.sequenceGap).toBe(1);
  });

  it('forces mustRefetch once, adds latency, trickles an answer, and hangs a request', async () => {
    const s = await scene();
    s.proxy.setFaults({ forceMustRefetch: true });
    expect(await (await call(s, 'GET', CHANGES_PATH)).json()).toMatchObject({ value: [], mustRefetch: true });
    expect(await (await call(s, 'GET', CHANGES_PATH)).json()).toMatchObject({ mustRefetch: false });

    s.proxy.setFaults({ latencyMs: 300 });
    let started = performance.now();
    expect((await call(s, 'GET', CHANGES_PATH)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    s.proxy.resetFaults();

    s.proxy.setFaults({ trickleRate: 1, trickleIntervalMs: 20 });
    started = performance.now();
    const trickled = await call(s, 'GET', `${CHANGES_PATH}?limit=1`);
    const text = await trickled.text();
    // One byte every 20 ms: the answer took at least that long per byte.
    expect(performance.now() - started).toBeGreaterThanOrEqual(text.length * 20 * 0.9);
    s.proxy.resetFaults();

    s.proxy.setFaults({ hangRate: 1 });
    await expect(fetch(`${s.proxy.url}${CHANGES_PATH}`, { headers: { Authorization: `Bearer ${s.token}` }, signal: AbortSignal.timeout(500) })).rejects.toThrow();
    expect(s.proxy.fired.hang).toBe(1);
  });

  it('answers every protocol request 503 in an outage, while the admin routes still reach the hub', async () => {
    const s = await scene();
    s.proxy.setFaults({ outage: true });
    expect((await push(s, BATCH)).status).toBe(503);
    const adminRoute = await fetch(`${s.proxy.url}/v1/admin/jobs/${JOB}`, { headers: { Authorization: `Bearer ${s.hub.adminToken}` } });
    expect(adminRoute.status).toBe(200);
    expect(s.proxy.fired.outage).toBe(1);
  });

  it('fires rate faults from a seeded PRNG: the same seed gives the same pattern', async () => {
    const s = await scene();
    const pattern = async (): Promise<number[]> => {
      s.proxy.resetFaults();
      s.proxy.setFaults({ serverErrorRate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let request = 0; request < 16; request += 1) statuses.push((await call(s, 'GET', CHANGES_PATH)).status);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
    expect(() => s.proxy.setFaults({ serverErrorRate: 2 })).toThrow();
  });
});
