import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/core/desk-core';
import { outboxSubject } from '../../main/db/transitions-repository';
import { pushOutbox } from '../../main/core/sync/push-outbox';
import { createUpstreamClient } from '../../main/core/sync/upstream-client';
import { MAX_PUSH_BATCH } from '../../shared/sync/wire';
import { openTestHub, type TestHub } from '../helpers/hub';
import { benchJobs, jobDocumentOf, LARGE, type BenchJob } from './bench-data';
import { benchDir } from './bench-dir';
import { atLeast, recordFigures, reported } from './results';
import { median, nowMs } from './stats';

/** Transitions pushed per round and side; five rounds make the 10,000 of the target. */
const PER_ROUND = 2_000;
const ROUNDS = 5;
/** Jobs per List Jobs body at intake. */
const INTAKE_CHUNK = 500;

function folder(label: string): string {
  const dir = path.join(benchDir(), 'sync', label);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A desk whose outbox holds one Specified → Received per drive of `jobs`, not yet sent. */
function deskWithPendingReceipts(label: string, jobs: readonly BenchJob[]): DeskCore {
  const file = path.join(folder(label), 'desk.sqlite');
  createDeskCore({ databaseFile: file }).close();
  const db = new BetterSqlite3(file);
  const at = new Date().toISOString();
  const insertJob = db.prepare(`INSERT INTO jobs (id, name, job_type, state, document_json, imported_at, updated_at) VALUES (?, ?, 'Import', 'Received', '{}', ?, ?)`);
  const insertDrive = db.prepare(`INSERT INTO drives (id, job_id, serial, drive_id_raw, state) VALUES (?, ?, ?, ?, 'Received')`);
  const insertTransition = db.prepare(`INSERT INTO transitions (id, client_id, entity, job_id, job_name, drive_id, serial, from_state, to_state, operator, desk_id, at)
    VALUES (?, ?, 'drive', ?, ?, ?, ?, 'Specified', 'Received', 'bench', 'bench', ?)`);
  const enqueue = db.prepare('INSERT INTO outbox (seq, subject) VALUES (?, ?)');
  let driveId = 0;
  db.transaction(() => {
    jobs.forEach((job, index) => {
      insertJob.run(index + 1, job.name, at, at);
      for (const serial of job.serials) {
        driveId += 1;
        insertDrive.run(driveId, index + 1, serial, serial);
        insertTransition.run(driveId, `${label}-${driveId}`, index + 1, job.name, driveId, serial, at);
        enqueue.run(driveId, outboxSubject({ entity: 'drive', driveRowId: driveId, jobRowId: index + 1 }));
      }
    });
  })();
  db.close();
  return createDeskCore({ databaseFile: file });
}

async function putJobs(hub: TestHub, jobs: readonly BenchJob[]): Promise<void> {
  for (let start = 0; start < jobs.length; start += INTAKE_CHUNK) {
    const value = jobs.slice(start, start + INTAKE_CHUNK).map((job) => {
      const document = jobDocumentOf(job);
      (document.properties as Record<string, unknown>).state = 'Shipping';
      return document;
    });
    await hub.admin('PUT', 'jobs', { value });
  }
}

/** Push only (the pull is measured on its own below), through the engine's own push. */
async function pushAll(core: DeskCore, hub: TestHub, batchSize: number): Promise<number> {
  const { token } = await hub.enrollRaw(`bench ${batchSize}`, core.context.settings().deskId);
  const started = nowMs();
  await pushOutbox(core.context, createUpstreamClient({ baseUrl: hub.url, token }), () => undefined, batchSize);
  const elapsed = nowMs() - started;
  expect(core.context.store.outbox.counts()).toMatchObject({ pending: 0, rejected: 0 });
  return elapsed;
}

describe('sync at datacenter scale, on loopback against the hub on PostgreSQL', () => {
  it('pushes 10,000 transitions in batches against one request per transition, and pulls 100,000 drives', async () => {
    const upstream = await openTestHub('bench-push');
    const perRoundJobs = PER_ROUND / LARGE.drivesPerJob;
    const jobs = benchJobs(ROUNDS * 2 * perRoundJobs, LARGE.drivesPerJob, 7);
    await putJobs(upstream, jobs);

    const batchTimes: number[] = [];
    const singleTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const batchJobs = jobs.slice(2 * round * perRoundJobs, (2 * round + 1) * perRoundJobs);
      const singleJobs = jobs.slice((2 * round + 1) * perRoundJobs, (2 * round + 2) * perRoundJobs);
      const sides = [
        async () => {
          const core = deskWithPendingReceipts(`batch-${round}`, batchJobs);
          batchTimes.push(await pushAll(core, upstream, MAX_PUSH_BATCH));
          core.close();
        },
        async () => {
          const core = deskWithPendingReceipts(`single-${round}`, singleJobs);
          singleTimes.push(await pushAll(core, upstream, 1));
          core.close();
        },
      ];
      if (round % 2 === 1) sides.reverse();
      for (const side of sides) await side();
    }
    const batchTotal = batchTimes.reduce((sum, time) => sum + time, 0);
    const singleTotal = singleTimes.reduce((sum, time) => sum + time, 0);

    // Pull: a new desk fetches every job of a 10,000-job upstream.
    const pullJobs = benchJobs(LARGE.jobs, LARGE.drivesPerJob, 11);
    const pullUpstream = await openTestHub('bench-pull');
    await putJobs(pullUpstream, pullJobs);
    const puller = createDeskCore({ databaseFile: path.join(folder('puller'), 'desk.sqlite') });
    const { enrollmentCode } = await pullUpstream.createDesk('puller');
    await puller.dispatch('sync.enroll', { upstreamUrl: pullUpstream.url, enrollmentCode });
    const pullStarted = nowMs();
    const status = await puller.sync.run('manual');
    const pullMs = nowMs() - pullStarted;
    expect(status.lastError).toBeNull();
    const pulled = await puller.dispatch('jobs.list', { limit: 1 });
    expect(pulled.ok && (pulled.value as { total: number }).total).toBe(LARGE.jobs);
    puller.close();
    await pullUpstream.close();
    await upstream.close();

    const drives = LARGE.jobs * LARGE.drivesPerJob;
    recordFigures([
      atLeast('sync push: batches against one request per transition', singleTotal / batchTotal, '× faster', 20, `${ROUNDS * PER_ROUND} transitions each way in ${ROUNDS} alternating rounds, batches of 100 vs 1, the hub on loopback on PostgreSQL`),
      reported('sync push: batched throughput', (ROUNDS * PER_ROUND) / (batchTotal / 1000), 'transitions/s', 'batches of 100'),
      reported('sync push: one request per transition', (ROUNDS * PER_ROUND) / (singleTotal / 1000), 'transitions/s', 'batch size 1'),
      reported('sync push: median batched round', median(batchTimes), 'ms', `${PER_ROUND} transitions`),
      reported('sync pull: 100,000 drives', pullMs, 'ms', `${LARGE.jobs} jobs of ${LARGE.drivesPerJob} drives, pages of 200, each page one transaction`),
      reported('sync pull: rate', drives / (pullMs / 1000), 'drives/s', 'bounded: one page (200 jobs) in memory at a time'),
    ]);
  });
});
