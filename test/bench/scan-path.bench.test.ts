import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/core/desk-core';
import { startBackgroundCheckpointer, type BackgroundCheckpointer } from '../../main/db/background-checkpointer';
import { WAL_BACKSTOP_PAGES } from '../../main/db/desk-store';
import { startWebServer } from '../../main/web/server';
import { benchJobs, LARGE, type BenchJob } from './bench-data';
import { benchDir, fileSystemOf, largeDeskCopy } from './bench-dir';
import { profileTop } from './cpu-profile';
import { atMost, recordFigures, reported, round } from './results';
import { median, nowMs, percentile } from './stats';
import { truncateWal, walGrowth, type WalGrowth } from '../helpers/wal';

const ROUNDS = 20;
const WARMUP_ROUNDS = 2;
/** Jobs (of ten drives each) scanned per round and side. */
const JOBS_PER_ROUND = 10;
/** Scans (and inserts) in the pass that counts WAL frames, and in the profiled pass. */
const WAL_PASS_JOBS = 20;
const PROFILE_PASS_JOBS = 50;
const BENCH_TOKEN = 'bench-token-0123456789';

/**
 * The baseline, set up as the desk's own database is (main/db/open-database.ts, desk-store.ts): WAL,
 * synchronous=FULL, foreign keys, SQLite's own checkpoint only as the same backstop, and the same
 * background checkpointer thread; in the same folder, so on the same file system. One row a commit.
 */
function bareDatabase(file: string) {
  const db = new BetterSqlite3(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  db.exec('CREATE TABLE IF NOT EXISTS bare_scans (id INTEGER PRIMARY KEY, package_id INTEGER NOT NULL, serial TEXT NOT NULL, verdict TEXT NOT NULL, scanned_at TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO bare_scans (package_id, serial, verdict, scanned_at) VALUES (?, ?, ?, ?)');
  let checkpointer: BackgroundCheckpointer | null = null;
  return {
    file,
    startCheckpointer: () => {
      checkpointer = startBackgroundCheckpointer(file);
    },
    insert: (serial: string) => insert.run(1, serial, 'received', new Date().toISOString()),
    /** Cuts its WAL to nothing (see truncateWal), through its own connection: it is no desk database. */
    truncateWal: () => {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy !== 0) throw new Error('the bare database WAL could not be truncated');
    },
    close: async () => {
      await checkpointer?.stop();
      db.close();
    },
  };
}

/** Shipping jobs of the data set, ten drives each, handed out a job at a time. */
function shippingJobs(): () => BenchJob {
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

async function scanOk(core: DeskCore, packageId: number, serial: string): Promise<void> {
  const envelope = await core.dispatch('scans.record', { packageId, code: serial });
  if (!envelope.ok || (envelope.value as { verdict: string }).verdict !== 'received') throw new Error(`scan ${serial}: ${JSON.stringify(envelope)}`);
}

const describeWal = (growth: WalGrowth) => `${round(growth.framesPerOperation)} WAL frames (${round(growth.bytesPerOperation / 1024)} kB)`;

describe(`the scan path at ${LARGE.jobs} jobs / ${LARGE.jobs * LARGE.drivesPerJob} drives / ${LARGE.jobs * LARGE.drivesPerJob * LARGE.transitionsPerDrive} transitions`, () => {
  it('scans.record through the core against a fair bare durable insert, and over HTTP against a no-op', async () => {
    const deskFile = largeDeskCopy('scan-path');
    const bare = bareDatabase(path.join(path.dirname(deskFile), 'bare.sqlite'));
    const fileSystem = fileSystemOf(path.dirname(deskFile));
    // Both start from an empty WAL, then run with the same checkpointing.
    truncateWal(deskFile);
    bare.truncateWal();
    const core = createDeskCore({ databaseFile: deskFile });
    bare.startCheckpointer();
    const nextJob = shippingJobs();

    // Pages written per scan and per insert, counted before the timed rounds (packages checked in
    // first, so only the scans' commits are counted).
    const walPackages: { packageId: number; serials: readonly string[] }[] = [];
    for (let index = 0; index < WAL_PASS_JOBS; index += 1) {
      const job = nextJob();
      walPackages.push({ packageId: await checkIn(core, job.trackingNumber), serials: job.serials });
    }
    const walScans = walPackages.reduce((sum, item) => sum + item.serials.length, 0);
    const perScanWal = await walGrowth(deskFile, walScans, async () => {
      for (const { packageId, serials } of walPackages) for (const serial of serials) await scanOk(core, packageId, serial);
    });
    let bareRows = 0;
    const bareWal = await walGrowth(bare.file, walScans, () => {
      for (let index = 0; index < walScans; index += 1) bare.insert(`WAL${(bareRows += 1)}`);
    });
    truncateWal(deskFile);
    bare.truncateWal();

    const medianRatios: number[] = [];
    const p99Ratios: number[] = [];
    const coreAll: number[] = [];
    const bareAll: number[] = [];
    const bareInsert = (): number => {
      const started = nowMs();
      bare.insert(`BARE${(bareRows += 1)}`);
      return nowMs() - started;
    };
    const coreScan = async (packageId: number, serial: string): Promise<number> => {
      const started = nowMs();
      await scanOk(core, packageId, serial);
      return nowMs() - started;
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

    // What a scan spends its time on: V8's profile of a pass of scans (after the timed rounds).
    const scanProfile = await profileTop(async () => {
      for (let index = 0; index < PROFILE_PASS_JOBS; index += 1) {
        const job = nextJob();
        const packageId = await checkIn(core, job.trackingNumber);
        for (const serial of job.serials) await scanOk(core, packageId, serial);
      }
    });

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
    await bare.close();

    const scans = ROUNDS * JOBS_PER_ROUND * LARGE.drivesPerJob;
    const behind = `a scan's commit appends ${describeWal(perScanWal)}, the bare insert's ${describeWal(bareWal)}; scan ${round(median(coreAll))} ms vs insert ${round(median(bareAll))} ms median; CPU profile of ${PROFILE_PASS_JOBS * LARGE.drivesPerJob} scans (self time): ${scanProfile}`;
    recordFigures(
      [
        atMost('scan path: median ratio to a bare durable insert', median(medianRatios), '×', 1.5, `median over ${ROUNDS} rounds (after ${WARMUP_ROUNDS} warm-up) of ${scans / ROUNDS} scans.record calls and ${scans / ROUNDS} single-row inserts taken in turn; both WAL, synchronous=FULL, the same background checkpointer and backstop, WALs truncated before, same folder on ${fileSystem}`, behind),
        atMost('scan path: p99 ratio to a bare durable insert', median(p99Ratios), '×', 3, 'p99 latency ratio per round, median over rounds', behind),
        reported('scan path: WAL frames per scan', perScanWal.framesPerOperation, 'frames', `pages a scan's commit appends to the WAL (a second connection holds a snapshot so none is checkpointed away), ${WAL_PASS_JOBS * LARGE.drivesPerJob} scans, check-ins taken out`),
        reported('scan path: WAL bytes per scan', perScanWal.bytesPerOperation / 1024, 'kB', 'frames × (page + 24-byte frame header)'),
        reported('bare durable insert: WAL frames per insert', bareWal.framesPerOperation, 'frames', `${walScans} single-row inserts`),
        reported('bare durable insert: WAL bytes per insert', bareWal.bytesPerOperation / 1024, 'kB', 'frames × (page + 24-byte frame header)'),
        reported('scan path: median scans.record latency', median(coreAll), 'ms', `${scans} scans on the large data set`),
        reported('scan path: p99 scans.record latency', percentile(coreAll, 99), 'ms', `${scans} scans`),
        reported('scan path: p99.9 scans.record latency', percentile(coreAll, 99.9), 'ms', 'the tail the p99 leaves out: a WAL checkpoint landing on a scan'),
        reported('bare durable insert: median latency', median(bareAll), 'ms', 'one row per commit, fsync on commit'),
        atMost('web mode: median ratio of a scan to a no-op over HTTP', median(httpRatios), '×', 2, `POST /api/scans.record vs POST /api/desk.ping, interleaved, ${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up`, behind),
        reported('web mode: median scan round trip', median(httpScan), 'ms', 'fetch on loopback, keep-alive'),
        reported('web mode: median no-op round trip', median(httpPing), 'ms', 'fetch on loopback, keep-alive'),
      ],
      { fileSystem },
    );
    expect(coreAll).toHaveLength(scans);
    expect(perScanWal.framesPerOperation).toBeGreaterThan(0);
  });
});
