/**
 * The datacenter-scale data set the benchmarks run on (issue 7): 10,000 jobs, 100,000 drives,
 * 1,000,000 historical transitions, with realistic states, serials and tracking numbers, the same
 * for a given seed. Written straight into a desk database (schema by the desk itself, rows by bulk
 * insert), because recording a million transitions one scan at a time would take an hour.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDeskCore } from '../../main/core/desk-core';
import { seededRandom } from './stats';

export const BENCH_SEED = 20261121;
export const LARGE = { jobs: 10_000, drivesPerJob: 10, transitionsPerDrive: 10 } as const;
const CHUNK_ROWS = 50_000;
const HEX = '0123456789ABCDEF';
const ALNUM = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Job states in the proportions a busy site has, with where their drives stand. */
const JOB_MIX: readonly { state: string; share: number; drive: string }[] = [
  { state: 'Shipping', share: 0.3, drive: 'Specified' },
  { state: 'Received', share: 0.2, drive: 'Received' },
  { state: 'Transferring', share: 0.15, drive: 'Transferring' },
  { state: 'Packaging', share: 0.05, drive: 'Completed' },
  { state: 'Completed', share: 0.2, drive: 'ShippedBack' },
  { state: 'Closed', share: 0.1, drive: 'ShippedBack' },
];
/** A drive's life as history rows: ten moves, faults and resolutions included. */
const HISTORY: readonly [string | null, string][] = [
  ['Specified', 'Received'],
  ['Received', 'Faulted'],
  ['Faulted', 'Received'],
  ['Received', 'Transferring'],
  ['Transferring', 'Faulted'],
  ['Faulted', 'Transferring'],
  ['Transferring', 'Completed'],
  ['Completed', 'Faulted'],
  ['Faulted', 'Completed'],
  ['Completed', 'ShippedBack'],
];

export interface BenchJob {
  readonly name: string;
  readonly state: string;
  readonly driveState: string;
  readonly trackingNumber: string;
  readonly serials: readonly string[];
}

function pick(random: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let index = 0; index < length; index += 1) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** The jobs of the data set: names, states, UPS-style tracking numbers, unique 8-hex serials. */
export function benchJobs(count: number = LARGE.jobs, drivesPerJob: number = LARGE.drivesPerJob, seed = BENCH_SEED): BenchJob[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const jobs: BenchJob[] = [];
  for (let index = 0; index < count; index += 1) {
    const roll = random();
    let cumulative = 0;
    const mix = JOB_MIX.find((entry) => (cumulative += entry.share) >= roll) ?? (JOB_MIX[0] as (typeof JOB_MIX)[number]);
    const serials: string[] = [];
    while (serials.length < drivesPerJob) {
      const serial = pick(random, HEX, 8);
      if (seen.has(serial)) continue;
      seen.add(serial);
      serials.push(serial);
    }
    jobs.push({
      name: `bench-job-${String(index).padStart(5, '0')}`,
      state: mix.state,
      driveState: mix.drive,
      trackingNumber: `1Z${pick(random, ALNUM, 16)}`,
      serials,
    });
  }
  return jobs;
}

/** A job in the public API's shape, as the upstream or a list import would carry it. */
export function jobDocumentOf(job: BenchJob): Record<string, unknown> {
  return {
    name: job.name,
    type: 'Microsoft.ImportExport/jobs',
    properties: {
      jobType: 'Import',
      state: job.state,
      deliveryPackage: { carrierName: 'UPS', trackingNumber: job.trackingNumber, driveCount: job.serials.length },
      returnAddress: { recipientName: 'Contoso', streetAddress1: '1 Main St', city: 'Redmond', postalCode: '98052', countryOrRegion: 'USA', phone: '4250000000', email: 'ops@contoso.example' },
      returnShipping: { carrierName: 'UPS', carrierAccountNumber: '1234567' },
      driveList: job.serials.map((driveId) => ({ driveId, state: job.state === 'Shipping' ? 'Specified' : 'Received' })),
    },
  };
}

/**
 * Builds the large desk database in `dir` (once per directory): jobs, drives, packages, scans,
 * a million transitions with their outbox rows marked sent. Returns the database file.
 */
export function buildLargeDesk(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'large-desk.sqlite');
  if (existsSync(file)) return file;
  createDeskCore({ databaseFile: file }).close();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const jobs = benchJobs();
  const at = '2026-06-01T08:00:00.000Z';
  const insertJob = db.prepare(`INSERT INTO jobs (id, name, job_type, state, cancel_requested, tracking_number, carrier_name,
      declared_drive_count, document_json, imported_at, updated_at) VALUES (?, ?, 'Import', ?, 0, ?, 'UPS', ?, ?, ?, ?)`);
  const insertDrive = db.prepare(`INSERT INTO drives (id, job_id, serial, drive_id_raw, state, package_id) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertPackage = db.prepare(`INSERT INTO packages (id, tracking_number, carrier_name, job_id, verdict, held, status,
      declared_drive_count, checked_in_at, checked_in_by, desk_id, closed_at, closed_by) VALUES (?, ?, 'UPS', ?, 'matched', 0, 'closed', ?, ?, 'bench', 'bench-desk', ?, 'bench')`);
  const insertTransition = db.prepare(`INSERT INTO transitions (id, client_id, entity, job_id, job_name, drive_id, serial, from_state,
      to_state, operator, desk_id, at) VALUES (?, ?, 'drive', ?, ?, ?, ?, ?, ?, 'bench', 'bench-desk', ?)`);
  const insertOutbox = db.prepare(`INSERT INTO outbox (seq, subject, status, wire_seq, sent_at) VALUES (?, ?, 'sent', ?, ?)`);

  let driveId = 0;
  let transitionId = 0;
  const base = Date.parse(at);
  const rows: (() => void)[] = [];
  const flush = () => {
    db.transaction(() => rows.splice(0).forEach((write) => write()))();
  };
  jobs.forEach((job, jobIndex) => {
    const jobId = jobIndex + 1;
    const arrived = job.state !== 'Shipping';
    rows.push(() => insertJob.run(jobId, job.name, job.state, job.trackingNumber, job.serials.length, JSON.stringify(jobDocumentOf(job)), at, at));
    if (arrived) rows.push(() => insertPackage.run(jobId, job.trackingNumber, jobId, job.serials.length, at, at));
    for (const serial of job.serials) {
      driveId += 1;
      const id = driveId;
      rows.push(() => insertDrive.run(id, jobId, serial, serial, job.driveState, arrived ? jobId : null));
      // Every drive carries ten moves of history (from an earlier job of the same disk, for a Shipping one).
      for (const [from, to] of HISTORY.slice(0, LARGE.transitionsPerDrive)) {
        transitionId += 1;
        const tid = transitionId;
        const when = new Date(base + tid * 1000).toISOString();
        rows.push(() => {
          insertTransition.run(tid, `bench-${tid}`, jobId, job.name, id, serial, from, to, when);
          insertOutbox.run(tid, `drive:${id}`, tid, when);
        });
      }
      if (rows.length >= CHUNK_ROWS) flush();
    }
  });
  flush();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  return file;
}
