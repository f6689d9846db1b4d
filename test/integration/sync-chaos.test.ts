import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDesk, type TestDesk } from '../helpers/desk';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { seededRandom } from '../helpers/seeded-random';
import { deskTransitions, hubDeskIdOf, syncUntilDrained } from '../helpers/site';
import { recordJobWork } from '../helpers/sync-work';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startFaultProxy, type FaultCounters, type FaultProxy, type FaultSwitchesPatch } from '../proxy/fault-proxy';

/**
 * Chaos through the proxy: three desks push through the fault-injecting proxy to two hub
 * processes on one PostgreSQL database, while every fault switch is on in turn. The hub ends with
 * each desk's transitions exactly once, in that desk's order, and every desk converges on the
 * hub's state. `npm test` runs a short pass; `npm run test:chaos` (CHAOS_SCALE=full) pushes 2,000+.
 */
const FULL = process.env.CHAOS_SCALE === 'full';
const TARGET_TRANSITIONS = FULL ? 2_000 : 300;
const DESKS = 3;
/** Small batches mean many requests, so every fault rate gets its chances to fire. */
const PUSH_BATCH = FULL ? 25 : 8;
const MAX_ROUNDS_PER_PHASE = 20;
/** A hung request or a trickling answer ends at this deadline, and is retried. */
const REQUEST_TIMEOUT_MS = 1_500;

const PHASES: readonly { name: keyof FaultCounters; switches: FaultSwitchesPatch }[] = [
  { name: 'serverError', switches: { serverErrorRate: 0.4 } },
  { name: 'tooManyRequests', switches: { tooManyRequestsRate: 0.3, retryAfterSeconds: 1 } },
  { name: 'latency', switches: { latencyMs: 40 } },
  { name: 'reset', switches: { resetRate: 0.4 } },
  { name: 'lostResponse', switches: { lostResponseRate: 0.4 } },
  { name: 'sequenceGap', switches: { sequenceGapRate: 0.6 } },
  { name: 'mustRefetch', switches: { forceMustRefetch: true } },
  { name: 'trickle', switches: { trickleRate: 0.15, trickleIntervalMs: 100 } },
  { name: 'hang', switches: { hangRate: 0.15 } },
];

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

interface AdminApi {
  <T>(method: string, route: string, body?: unknown): Promise<T>;
}

function adminOf(url: string, token: string): AdminApi {
  return async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/v1/admin/${route}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`admin ${method} ${route}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

describe('sync chaos: three desks, two hub processes, one PostgreSQL, every fault in turn', () => {
  it(`pushes ${TARGET_TRANSITIONS}+ transitions, each applied exactly once in its desk's order, and every desk converges`, { timeout: FULL ? 1_200_000 : 300_000 }, async () => {
    const database: TestDatabase = await createTestDatabase('chaos');
    cleanups.push(() => database.drop());
    const folder = makeTempDir('chaos-hubs');
    cleanups.push(folder.remove);
    const tokenFile = path.join(folder.dir, 'admin-token');
    const hubs: HubProcess[] = [];
    for (const name of ['hub-1', 'hub-2']) {
      const hub = await startHubProcess(['--port', '0', '--data', path.join(folder.dir, name), '--no-demo', '--admin-token-file', tokenFile], {
        HUB_DATABASE_URL: database.url,
      });
      cleanups.push(() => hub.stop());
      hubs.push(hub);
    }
    const [first, second] = hubs.map((hub) => hub.url);
    if (first === undefined || second === undefined) throw new Error('two hubs');
    const admin = adminOf(first, readFileSync(tokenFile, 'utf8').trim());
    const proxy: FaultProxy = await startFaultProxy({ targets: [first, second] });
    cleanups.push(() => proxy.close());

    const desks: TestDesk[] = [];
    for (let index = 0; index < DESKS; index += 1) {
      const desk = openTestDesk(`chaos-${index}`, undefined, {
        sync: { backoff: { baseMs: 5, capMs: 50 }, pushBatchSize: PUSH_BATCH, random: seededRandom(7 + index), requestTimeoutMs: REQUEST_TIMEOUT_MS },
      });
      cleanups.push(() => desk.close());
      await desk.call('settings.set', { deskName: `Chaos ${index}`, operator: `op${index}` });
      const { enrollmentCode } = await admin<{ enrollmentCode: string }>('POST', 'desks', { name: `Chaos ${index}` });
      await desk.call('sync.enroll', { upstreamUrl: proxy.url, enrollmentCode });
      desks.push(desk);
    }
    const hubJobs = { putJob: (document: Record<string, unknown>) => admin('PUT', `jobs/${encodeURIComponent(String(document.name))}`, document).then(() => undefined) };

    const perPhase = Math.ceil(TARGET_TRANSITIONS / PHASES.length);
    const perDeskRound = Math.max(Math.floor(perPhase / DESKS / 2), 8);
    const drivesPerJob = Math.min(Math.max(Math.floor(perDeskRound / 3) - 4, 3), 100);
    const jobs: string[] = [];
    let recorded = 0;
    const report: string[] = [];
    for (const [phaseIndex, phase] of PHASES.entries()) {
      proxy.resetFaults();
      proxy.setFaults({ ...phase.switches, seed: phaseIndex + 1 });
      let phaseRecorded = 0;
      let attempts = 0;
      let fired = 0;
      for (let round = 0; round < MAX_ROUNDS_PER_PHASE && (phaseRecorded < perPhase || fired === 0); round += 1) {
        // The three desks work and sync at the same time, as a dock's desks do.
        const outcomes = await Promise.all(
          desks.map(async (desk, index) => {
            const name = `chaos-p${phaseIndex}-r${round}-d${index}`;
            jobs.push(name);
            const made = await recordJobWork(desk, hubJobs, name, drivesPerJob);
            const { attempts: tries } = await syncUntilDrained(desk, 2_000);
            return { made, tries };
          }),
        );
        for (const outcome of outcomes) {
          phaseRecorded += outcome.made;
          attempts += outcome.tries;
        }
        fired = proxy.fired[phase.name];
      }
      recorded += phaseRecorded;
      report.push(`${phase.name}: ${phaseRecorded} transitions, ${attempts} sync runs, fault fired ${fired}×`);
      expect(fired, phase.name).toBeGreaterThan(0);
    }
    proxy.resetFaults();
    console.log(`sync chaos: ${recorded} transitions from ${DESKS} desks via ${JSON.stringify(proxy.forwarded)}\n  ${report.join('\n  ')}`);
    expect(recorded).toBeGreaterThanOrEqual(TARGET_TRANSITIONS);
    // Both hub processes served.
    for (const count of Object.values(proxy.forwarded)) expect(count).toBeGreaterThan(0);

    let total = 0;
    for (const desk of desks) {
      const local = deskTransitions(desk);
      expect(local.filter((row) => row.status !== 'sent')).toEqual([]);
      total += local.length;
      const hubDeskId = hubDeskIdOf(desk);
      const applied: { clientId: string; seq: number }[] = [];
      for (let after = 0; ; ) {
        const page = await admin<{ value: { id: number; clientId: string; seq: number }[]; next: number | null }>('GET', `transitions?deskId=${hubDeskId}&after=${after}`);
        applied.push(...page.value);
        if (page.next === null) break;
        after = page.next;
      }
      // Exactly the desk's transitions, once each, in the order it recorded them, seqs without a gap.
      expect(applied.map((row) => row.clientId)).toEqual(local.map((row) => row.clientId));
      expect(applied.map((row) => row.seq)).toEqual(applied.map((_, index) => index + 1));
      expect((await admin<{ value: unknown[] }>('GET', `rejections?deskId=${hubDeskId}`)).value).toEqual([]);
    }
    expect(total).toBe(recorded);

    // Every desk, after a last pull, agrees with the hub on every job and drive, its own and the others'.
    for (const desk of desks) await syncUntilDrained(desk);
    for (const name of jobs) {
      const theirs = await admin<{ properties: { state: string; driveList: { driveId: string; state: string }[] } }>('GET', `jobs/${name}`);
      for (const desk of desks) {
        const mine = await desk.call('jobs.get', { jobId: name });
        expect(mine.state, `${name} at ${desk.core.context.settings().deskName}`).toBe(theirs.properties.state);
        expect(mine.drives.filter((drive) => !drive.isExtra).map((drive) => drive.state)).toEqual(theirs.properties.driveList.map((drive) => drive.state));
      }
    }
  });
});
