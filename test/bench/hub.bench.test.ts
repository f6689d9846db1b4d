import http from 'node:http';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CHANGES_PATH, EVENTS_PATH, ENROLL_PATH, TRANSITIONS_PATH, type PushItem } from '../../shared/sync/wire';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { createTestDatabase } from '../helpers/test-database';
import { benchDir } from './bench-dir';
import { atLeast, atMost, recordFigures, reported } from './results';
import { nowMs, percentile } from './stats';

/**
 * The hub at a site's scale (docs/performance.md, "Hub"), two hub processes on one PostgreSQL
 * database, 50 simulated desks:
 * 1. throughput: every desk pushes 100-item batches back to back, as fast as the hub answers;
 *    counted as transitions applied exactly once (checked in the database after);
 * 2. at the target load (the 50 desks together offering 5,000 transitions/s, one batch a second
 *    each, spread over the second): each push's round trip, and desk-to-desk propagation, from a
 *    probe receipt pushed to hub 1 to the moment a desk listening on hub 2's event stream has
 *    pulled it.
 */
const DESKS = 50;
const JOBS_PER_DESK = 20;
const DRIVES_PER_JOB = 100;
const BATCH = 100;
const PROBES = 36;
/** Phase 2 offers 50 × 100 transitions a second: the target rate. */
const PACED_BATCH_INTERVAL_MS = 1_000;
/** Batches per desk in phase 1; the rest go in phase 2. */
const SATURATED_BATCHES = 10;
const PROBE_INTERVAL_MS = 250;
/** The simulated desks push far faster than a real desk: the per-desk limit is raised for them. */
const BENCH_DESK_RATE = 5_000;
const INTAKE_CHUNK = 200;

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** One keep-alive agent per simulated desk, as a desk holds one connection. */
function request(url: string, method: string, route: string, headers: Record<string, string>, body: string | undefined, agent: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(new URL(route, url), { method, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    if (body !== undefined) outgoing.write(body);
    outgoing.end();
  });
}

const serial = (desk: number, job: number, drive: number) => `D${desk}J${job}N${drive}`;
const jobName = (desk: number, job: number) => `bench-d${desk}-j${job}`;

function jobDocument(name: string, serials: readonly string[]): Record<string, unknown> {
  return {
    name,
    type: 'Microsoft.ImportExport/jobs',
    properties: {
      jobType: 'Import',
      state: 'Shipping',
      deliveryPackage: { carrierName: 'FedEx', trackingNumber: `TRK-${name}`, driveCount: serials.length },
      driveList: serials.map((driveId) => ({ driveId, state: 'Specified' })),
    },
  };
}

function receipt(seq: number, clientId: string, job: string, driveSerial: string): PushItem {
  return {
    seq,
    clientId,
    entity: 'drive',
    jobName: job,
    serial: driveSerial,
    driveId: driveSerial,
    from: 'Specified',
    to: 'Received',
    reason: null,
    note: null,
    operator: 'bench',
    at: new Date().toISOString(),
    compensates: null,
    extra: false,
  };
}

describe('the hub at a site\'s scale', () => {
  it('50 desks pushing to two hub processes on PostgreSQL: throughput applied exactly once, push latency, desk-to-desk propagation', async () => {
    const database = await createTestDatabase('bench');
    const folder = path.join(benchDir(), 'hub');
    const tokenFile = path.join(folder, 'admin-token');
    const hubs: HubProcess[] = [];
    try {
      for (const name of ['one', 'two']) {
        hubs.push(
          await startHubProcess(
            ['--port', '0', '--data', path.join(folder, name), '--no-demo', '--admin-token-file', tokenFile, '--desk-rate-limit', String(BENCH_DESK_RATE)],
            { HUB_DATABASE_URL: database.url },
          ),
        );
      }
      const urls = hubs.map((hub) => hub.url);
      const admin = { Authorization: `Bearer ${readFileSync(tokenFile, 'utf8').trim()}` };
      const adminAgent = new http.Agent({ keepAlive: true });
      const url = (index: number) => urls[index % urls.length] ?? '';

      // Jobs in: 50 desks × 20 jobs × 100 drives, and the probe job.
      const names: { name: string; serials: string[] }[] = [];
      for (let desk = 0; desk < DESKS; desk += 1) {
        for (let job = 0; job < JOBS_PER_DESK; job += 1) {
          names.push({ name: jobName(desk, job), serials: Array.from({ length: DRIVES_PER_JOB }, (_, drive) => serial(desk, job, drive)) });
        }
      }
      names.push({ name: 'bench-probe', serials: Array.from({ length: PROBES }, (_, drive) => `PROBE${drive}`) });
      for (let start = 0; start < names.length; start += INTAKE_CHUNK) {
        const value = names.slice(start, start + INTAKE_CHUNK).map((job) => jobDocument(job.name, job.serials));
        const answer = await request(url(0), 'PUT', '/v1/admin/jobs', admin, JSON.stringify({ value }), adminAgent);
        expect(answer.status, answer.body).toBe(200);
      }

      // Desks enrolled: 50 pushers, a probe pusher on hub one, a listener on hub two.
      const enroll = async (name: string, hub: number) => {
        const created = JSON.parse((await request(url(hub), 'POST', '/v1/admin/desks', admin, JSON.stringify({ name }), adminAgent)).body) as { enrollmentCode: string };
        const answer = await request(url(hub), 'POST', ENROLL_PATH, {}, JSON.stringify({ enrollmentCode: created.enrollmentCode, deskId: name, deskName: name }), adminAgent);
        return { deskId: name, token: (JSON.parse(answer.body) as { token: string }).token, hub };
      };
      const pushers = await Promise.all(Array.from({ length: DESKS }, (_, index) => enroll(`bench-desk-${index}`, index)));
      const prober = await enroll('bench-prober', 0);
      const listener = await enroll('bench-listener', 1);

      // The listener: on every event, pull from its cursor until nothing is left, and note when each probe drive arrives.
      const seenAt = new Map<number, number>();
      let cursor = '';
      let pulling: Promise<void> | null = null;
      let again = false;
      const listenAgent = new http.Agent({ keepAlive: true });
      const pull = async (): Promise<void> => {
        for (;;) {
          const answer = await request(url(1), 'GET', `${CHANGES_PATH}?after=${encodeURIComponent(cursor)}`, { Authorization: `Bearer ${listener.token}` }, undefined, listenAgent);
          if (answer.status !== 200) throw new Error(`listener pull: ${answer.status} ${answer.body.slice(0, 300)}`);
          const page = JSON.parse(answer.body) as { value: { name: string; properties: { driveList?: { driveId: string; state: string }[] } }[]; cursor: string; hasMore: boolean };
          const at = nowMs();
          for (const job of page.value) {
            if (job.name !== 'bench-probe') continue;
            for (const drive of job.properties.driveList ?? []) {
              const index = Number(drive.driveId.slice('PROBE'.length));
              if (drive.state === 'Received' && !seenAt.has(index)) seenAt.set(index, at);
            }
          }
          cursor = page.cursor;
          if (!page.hasMore) return;
        }
      };
      const onEvent = () => {
        if (pulling !== null) {
          again = true;
          return;
        }
        pulling = pull().finally(() => {
          pulling = null;
          if (again) {
            again = false;
            onEvent();
          }
        });
      };
      await pull();
      const stream = http.get(new URL(EVENTS_PATH, url(1)), { headers: { Authorization: `Bearer ${listener.token}`, Accept: 'text/event-stream' } });
      await new Promise<void>((resolve, reject) => {
        stream.on('response', (response) => {
          let buffer = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            buffer += chunk;
            let end = buffer.indexOf('\n\n');
            while (end >= 0) {
              if (buffer.slice(0, end).includes('event: changes')) onEvent();
              buffer = buffer.slice(end + 2);
              end = buffer.indexOf('\n\n');
            }
          });
          resolve();
        });
        stream.on('error', reject);
      });

      // Each desk's receipts, numbered in its order.
      const deskItems = pushers.map((desk, index) => {
        const items: PushItem[] = [];
        for (let job = 0; job < JOBS_PER_DESK; job += 1) {
          for (let drive = 0; drive < DRIVES_PER_JOB; drive += 1) {
            const seq = items.length + 1;
            items.push(receipt(seq, `${desk.deskId}-${seq}`, jobName(index, job), serial(index, job, drive)));
          }
        }
        return items;
      });
      let applied = 0;
      const agents = pushers.map(() => new http.Agent({ keepAlive: true }));
      const pushBatch = async (index: number, batch: number): Promise<number> => {
        const desk = pushers[index];
        const items = deskItems[index];
        if (desk === undefined || items === undefined) throw new Error('no desk');
        const body = JSON.stringify({ deskId: desk.deskId, deskName: desk.deskId, items: items.slice(batch * BATCH, (batch + 1) * BATCH) });
        const sent = nowMs();
        const answer = await request(url(desk.hub), 'POST', TRANSITIONS_PATH, { Authorization: `Bearer ${desk.token}` }, body, agents[index] as http.Agent);
        const took = nowMs() - sent;
        if (answer.status !== 200) throw new Error(`push ${desk.deskId}: ${answer.status} ${answer.body}`);
        const result = JSON.parse(answer.body) as { results: { status: string }[]; expectedSeq: number };
        applied += result.results.filter((entry) => entry.status === 'applied').length;
        expect(result.expectedSeq).toBe((batch + 1) * BATCH + 1);
        return took;
      };

      // 1. Throughput: back to back.
      const started = nowMs();
      await Promise.all(
        pushers.map(async (_, index) => {
          for (let batch = 0; batch < SATURATED_BATCHES; batch += 1) await pushBatch(index, batch);
        }),
      );
      const elapsedMs = nowMs() - started;
      const saturatedApplied = applied;

      // 2. The target load, with the probes through it.
      const pushTimes: number[] = [];
      const pacedBatches = JOBS_PER_DESK * DRIVES_PER_JOB / BATCH - SATURATED_BATCHES;
      const pacedStarted = nowMs();
      const load = pushers.map(async (_, index) => {
        // Spread over the second, as desks at a dock are.
        await new Promise((resolve) => setTimeout(resolve, (index * PACED_BATCH_INTERVAL_MS) / DESKS));
        for (let batch = 0; batch < pacedBatches; batch += 1) {
          const due = pacedStarted + (index * PACED_BATCH_INTERVAL_MS) / DESKS + batch * PACED_BATCH_INTERVAL_MS;
          const wait = due - nowMs();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          pushTimes.push(await pushBatch(index, SATURATED_BATCHES + batch));
        }
      });
      const sentAt = new Map<number, number>();
      const probes = (async () => {
        const agent = new http.Agent({ keepAlive: true });
        for (let probe = 0; probe < PROBES; probe += 1) {
          const body = JSON.stringify({ deskId: prober.deskId, deskName: prober.deskId, items: [receipt(probe + 1, `probe-${probe}`, 'bench-probe', `PROBE${probe}`)] });
          sentAt.set(probe, nowMs());
          const answer = await request(url(prober.hub), 'POST', TRANSITIONS_PATH, { Authorization: `Bearer ${prober.token}` }, body, agent);
          expect(answer.status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
        }
        agent.destroy();
      })();
      await Promise.all(load);
      const pacedMs = nowMs() - pacedStarted;
      await probes;
      const deadline = Date.now() + 10_000;
      while (seenAt.size < PROBES && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      stream.destroy();
      listenAgent.destroy();
      for (const agent of agents) agent.destroy();

      // Exactly once, in each desk's order: counted in the database itself.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const perDesk = await client.query<{ desk: string; total: string; distinct_ids: string; max_seq: string }>(
        `SELECT d.client_desk_id AS desk, count(*) AS total, count(DISTINCT a.client_id) AS distinct_ids, max(a.seq) AS max_seq
           FROM applied_transitions a JOIN desks d USING (desk_id) WHERE d.client_desk_id LIKE 'bench-desk-%' GROUP BY d.client_desk_id`,
      );
      await client.end();
      const expected = JOBS_PER_DESK * DRIVES_PER_JOB;
      expect(perDesk.rows).toHaveLength(DESKS);
      for (const row of perDesk.rows) {
        expect([Number(row.total), Number(row.distinct_ids), Number(row.max_seq)], row.desk).toEqual([expected, expected, expected]);
      }
      expect(applied).toBe(DESKS * expected);

      const propagation = [...seenAt.entries()].map(([probe, at]) => at - (sentAt.get(probe) ?? at));
      expect(seenAt.size).toBe(PROBES);
      const throughput = saturatedApplied / (elapsedMs / 1000);
      // The figures depend on what else the two cores were doing: say so beside them.
      const machineLoad = `load average ${os.loadavg().map((value) => value.toFixed(1)).join(' ')} at the end`;
      recordFigures([
        atLeast('hub: transitions applied per second', throughput, 'transitions/s', 5_000, `${DESKS} desks pushing ${BATCH}-item batches back to back to 2 hub processes on one PostgreSQL 15, ${saturatedApplied} transitions, each applied exactly once (checked in the database); ${machineLoad}`),
        atMost('hub: push p95 at 5,000 transitions/s offered', percentile(pushTimes, 95), 'ms', 100, `${pushTimes.length} pushes of ${BATCH} transitions, ${DESKS} desks each sending one a second (achieved ${Math.round((applied - saturatedApplied) / (pacedMs / 1000))} transitions/s)`),
        reported('hub: push p50 at 5,000 transitions/s offered', percentile(pushTimes, 50), 'ms', 'same requests'),
        atMost('hub: desk-to-desk propagation p95', percentile(propagation, 95), 'ms', 1_000, `${PROBES} probe receipts pushed to hub 1 during the 5,000 transitions/s load, to the moment a desk listening on hub 2 had pulled them (SSE event, then pull)`),
        reported('hub: desk-to-desk propagation p50', percentile(propagation, 50), 'ms', 'same probes'),
      ]);
    } finally {
      for (const hub of hubs) await hub.stop();
      await database.drop();
    }
  });
});
