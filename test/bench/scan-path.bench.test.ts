import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/core/desk-core';
import { startWebServer } from '../../main/web/server';
import { benchJobs, LARGE } from './bench-data';
import { benchDir, largeDeskCopy } from './bench-dir';
import { atMost, recordFigures, reported } from './results';
import { median, nowMs, percentile } from './stats';

const ROUNDS = 20;
const WARMUP_ROUNDS = 1;
/** Jobs (of ten drives each) scanned per round and side. */
const JOBS_PER_ROUND = 10;
const BENCH_TOKEN = 'bench-token-0123456789';

/** The baseline: the same pragmas the desk opens with (DESIGN: WAL, synchronous=FULL), one row per commit. */
function bareDatabase(file: string) {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS bare_scans (id INTEGER PRIMARY KEY, package_id INTEGER NOT NULL, serial TEXT NOT NULL, verdict TEXT NOT NULL, scanned_at TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO bare_scans (package_id, serial, verdict, scanned_at) VALUES (?, ?, ?, ?)');
  return { insert: (serial: string) => insert.run(1, serial, 'received', new Date().toISOString()), close: () => db.close() };
}

/** Shipping jobs of the data set, ten drives each, handed out a job at a time. */
function shippingJobs() {
  const queue = benchJobs().filter((job) => job.state === 'Shipping');
  return () => {
    const job = queue.shift();
    if (job === undefined) throw new Error('the data set ran out of Shipping jobs');
    return job;
  };
}

async function checkIn(core: DeskCore, trackingNumber: string): Promise<number> {
  const envelope = await core.dispatch('packages.checkIn', { trackingNumber });
  if (!envelope.ok) throw new Error(envelope.error.message);
  return (envelope.value as { packageId: number }).packageId;
}

describe(`the scan path at ${LARGE.jobs} jobs / ${LARGE.jobs * LARGE.drivesPerJob} drives / ${LARGE.jobs * LARGE.drivesPerJob * LARGE.transitionsPerDrive} transitions`, () => {
  it('scans.record through the core against a bare durable insert, and over HTTP against a no-op', async () => {
    const core = createDeskCore({ databaseFile: largeDeskCopy('scan-path') });
    const bare = bareDatabase(path.join(benchDir(), 'scan-path', 'bare.sqlite'));
    const nextJob = shippingJobs();
    const medianRatios: number[] = [];
    const p99Ratios: number[] = [];
    const coreAll: number[] = [];
    const bareAll: number[] = [];

    let bareRows = 0;
    const bareInsert = (): number => {
      const started = nowMs();
      bare.insert(`BARE${(bareRows += 1)}`);
      return nowMs() - started;
    };
    const coreScan = async (packageId: number, serial: string): Promise<number> => {
      const started = nowMs();
      const envelope = await core.dispatch('scans.record', { packageId, code: serial });
      const elapsed = nowMs() - started;
      if (!envelope.ok || (envelope.value as { verdict: string }).verdict !== 'received') throw new Error(`scan ${serial}: ${JSON.stringify(envelope)}`);
      return elapsed;
    };

    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round += 1) {
      // Side by side, one operation each in turn (which goes first alternates), so a change in the
      // disk's speed during the run touches both sides alike.
      const coreLatencies: number[] = [];
      const bareLatencies: number[] = [];
      for (let index = 0; index < JOBS_PER_ROUND; index += 1) {
        const job = nextJob();
        const packageId = await checkIn(core, job.trackingNumber);
        for (const [position, serial] of job.serials.entries()) {
          if ((position + round) % 2 === 0) {
            coreLatencies.push(await coreScan(packageId, serial));
            bareLatencies.push(bareInsert());
          } else {
            bareLatencies.push(bareInsert());
            coreLatencies.push(await coreScan(packageId, serial));
          }
        }
      }
      if (round < WARMUP_ROUNDS) continue;
      coreAll.push(...coreLatencies);
      bareAll.push(...bareLatencies);
      medianRatios.push(median(coreLatencies) / median(bareLatencies));
      p99Ratios.push(percentile(coreLatencies, 99) / percentile(bareLatencies, 99));
    }

    // Over HTTP: the same scan through web mode against a method that does nothing.
    const server = await startWebServer({ dispatch: core.dispatch, token: BENCH_TOKEN, staticDir: benchDir() });
    const call = async (method: string, params: unknown) => {
      const started = nowMs();
      const response = await fetch(new URL(`api/${method}`, server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${BENCH_TOKEN}` },
        body: JSON.stringify(params),
      });
      const envelope = (await response.json()) as { ok: boolean };
      if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope)}`);
      return nowMs() - started;
    };
    const httpRatios: number[] = [];
    const httpScan: number[] = [];
    const httpPing: number[] = [];
    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round += 1) {
      const scans: number[] = [];
      const pings: number[] = [];
      for (let index = 0; index < JOBS_PER_ROUND; index += 1) {
        const job = nextJob();
        const packageId = await checkIn(core, job.trackingNumber);
        for (const serial of job.serials) {
          if ((index + round) % 2 === 0) {
            scans.push(await call('scans.record', { packageId, code: serial }));
            pings.push(await call('desk.ping', {}));
          } else {
            pings.push(await call('desk.ping', {}));
            scans.push(await call('scans.record', { packageId, code: serial }));
          }
        }
      }
      if (round < WARMUP_ROUNDS) continue;
      httpScan.push(...scans);
      httpPing.push(...pings);
      httpRatios.push(median(scans) / median(pings));
    }
    await server.close();
    core.close();
    bare.close();

    const scans = ROUNDS * JOBS_PER_ROUND * LARGE.drivesPerJob;
    recordFigures([
      atMost('scan path: median ratio to a bare durable insert', median(medianRatios), '×', 1.5, `median over ${ROUNDS} rounds of ${scans / ROUNDS} scans.record calls and ${scans / ROUNDS} single-row inserts taken in turn (WAL, synchronous=FULL, same disk)`),
      atMost('scan path: p99 ratio to a bare durable insert', median(p99Ratios), '×', 3, 'p99 latency ratio per round, median over rounds'),
      reported('scan path: median scans.record latency', median(coreAll), 'ms', `${scans} scans on the large data set`),
      reported('scan path: p99 scans.record latency', percentile(coreAll, 99), 'ms', `${scans} scans`),
      reported('scan path: p99.9 scans.record latency', percentile(coreAll, 99.9), 'ms', 'the tail the p99 leaves out: a WAL checkpoint landing on a scan'),
      reported('bare durable insert: median latency', median(bareAll), 'ms', 'one row per commit, fsync on commit'),
      atMost('web mode: median ratio of a scan to a no-op over HTTP', median(httpRatios), '×', 2, `POST /api/scans.record vs POST /api/desk.ping, interleaved, ${ROUNDS} rounds`),
      reported('web mode: median scan round trip', median(httpScan), 'ms', 'fetch on loopback, keep-alive'),
      reported('web mode: median no-op round trip', median(httpPing), 'ms', 'fetch on loopback, keep-alive'),
    ]);
    expect(coreAll).toHaveLength(scans);
  });
});
