import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestHub, type TestHub } from '../helpers/hub';
import { benchJobs, jobDocumentOf, LARGE, type BenchJob } from './bench-data';
import { benchDir, largeDeskCopy } from './bench-dir';
import { atMost, recordFigures, reported } from './results';
import { median, percentile } from './stats';
import { startWebDesk, summariseCpuProfiles, type WebDeskProcess } from './web-desk-process';

/** Scans before measuring (the process warms up), and scans measured idle. */
const WARMUP_SCANS = 200;
const IDLE_SCANS = 1_000;
/**
 * Fewer scans than this under load and there is no p99 to speak of (not measured). Few scans in a
 * long piece of work mean each waited long: that is a miss to show, so the bar is low, and the
 * figure's detail says how many scans the p99 is of.
 */
const MIN_SCANS_UNDER_LOAD = 10;
const PUT_CONCURRENCY = 8;

/** One operator scanning the data set's Shipping jobs one after another, box by box, over HTTP. */
function scanner(desk: WebDeskProcess) {
  const queue = benchJobs().filter((job) => job.state === 'Shipping');
  let box: { packageId: number; serials: string[] } | null = null;
  return async function nextScan(): Promise<number> {
    if (box === null || box.serials.length === 0) {
      const job = queue.shift();
      if (job === undefined) throw new Error('the data set ran out of Shipping jobs');
      const { value } = await desk.call<{ packageId: number }>('packages.checkIn', { trackingNumber: job.trackingNumber });
      box = { packageId: value.packageId, serials: [...job.serials] };
    }
    const serial = box.serials.shift() as string;
    const { value, ms } = await desk.call<{ verdict: string }>('scans.record', { packageId: box.packageId, code: serial });
    if (value.verdict !== 'received') throw new Error(`scan ${serial}: ${value.verdict}`);
    return ms;
  };
}

async function scansWhile(nextScan: () => Promise<number>, busy: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (busy()) latencies.push(await nextScan());
  return latencies;
}

/** Jobs the desk does not have yet, named apart from the data set's. */
const renamed = (jobs: readonly BenchJob[], prefix: string): BenchJob[] => jobs.map((job, index) => ({ ...job, name: `${prefix}-${String(index).padStart(5, '0')}`, state: 'Shipping' }));

async function putJobs(hub: TestHub, jobs: readonly BenchJob[]): Promise<void> {
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: PUT_CONCURRENCY }, async () => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) await hub.putJob(jobDocumentOf(job));
    }),
  );
}

const p99Ratio = (during: readonly number[], idle: readonly number[]) => (during.length < MIN_SCANS_UNDER_LOAD ? Number.NaN : percentile(during, 99) / percentile(idle, 99));

describe('a scan while long work runs (web mode on the large data set)', () => {
  it('scan p99 during a 10,000-job import and during a 100,000-drive pull, against idle', async () => {
    const dataDir = path.dirname(largeDeskCopy('load'));
    const profileDir = path.join(benchDir(), 'load-profile');
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
    // A hub holding 10,000 jobs the desk has never seen, filled before the desk starts.
    const hub = await openTestHub('bench-load-pull');
    const pullJobs = renamed(benchJobs(LARGE.jobs, LARGE.drivesPerJob, 17), 'pull-job');
    await putJobs(hub, pullJobs);

    const desk = await startWebDesk(dataDir, { cpuProfileDir: profileDir });
    let importMs: number;
    let pullMs: number;
    const idle: number[] = [];
    let duringImport: number[];
    let duringPull: number[];
    try {
      const nextScan = scanner(desk);
      for (let index = 0; index < WARMUP_SCANS; index += 1) await nextScan();
      for (let index = 0; index < IDLE_SCANS; index += 1) idle.push(await nextScan());

      // A 10,000-job list document (100,000 drives), sent as a site's import script would.
      const importBody = JSON.stringify({ document: { value: renamed(benchJobs(LARGE.jobs, LARGE.drivesPerJob, 13), 'import-job').map(jobDocumentOf) } });
      let importing = true;
      const imported = desk.call<{ jobs: unknown[] }>('jobs.import', importBody).finally(() => (importing = false));
      duringImport = await scansWhile(nextScan, () => importing);
      const importResult = await imported;
      importMs = importResult.ms;
      expect(importResult.value.jobs).toHaveLength(LARGE.jobs);

      // The desk joins the hub and pulls its 10,000 jobs; the scans go on meanwhile.
      const { enrollmentCode } = await hub.createDesk('bench-load-desk');
      await desk.call('sync.enroll', { upstreamUrl: hub.url, enrollmentCode });
      let pulling = true;
      const pulled = desk.call<{ lastError: string | null }>('sync.run', {}).finally(() => (pulling = false));
      duringPull = await scansWhile(nextScan, () => pulling);
      const pullResult = await pulled;
      pullMs = pullResult.ms;
      const { value: listed } = await desk.call<{ total: number }>('jobs.list', { search: 'pull-job', limit: 1 });
      expect(listed.total).toBe(LARGE.jobs);
    } finally {
      await desk.stop();
      await hub.close();
    }
    const profile = summariseCpuProfiles(profileDir);
    const importRatio = p99Ratio(duringImport, idle);
    const pullRatio = p99Ratio(duringPull, idle);
    const describeRun = (label: string, during: readonly number[]) =>
      `${during.length} scans during the ${label}, one after another over HTTP: p99 ${percentile(during, 99).toFixed(1)} ms, max ${Math.max(...during).toFixed(1)} ms, against idle p99 ${percentile(idle, 99).toFixed(1)} ms (${idle.length} scans)`;
    recordFigures([
      atMost('scan under load: p99 during a 10,000-job import, ratio to idle p99', importRatio, '×', 3, describeRun('import', duringImport), `desk process CPU profile (self time, whole run): ${profile}`),
      atMost('scan under load: p99 during a 100,000-drive pull, ratio to idle p99', pullRatio, '×', 3, describeRun('pull', duringPull), `desk process CPU profile (self time, whole run): ${profile}`),
      reported('scan under load: idle scan p99 over HTTP', percentile(idle, 99), 'ms', `${idle.length} scans after ${WARMUP_SCANS} warm-up, web mode process`),
      reported('scan under load: idle scan median over HTTP', median(idle), 'ms', 'same scans'),
      reported('scan under load: p99 during the import', percentile(duringImport, 99), 'ms', `${duringImport.length} scans`),
      reported('scan under load: p99 during the pull', percentile(duringPull, 99), 'ms', `${duringPull.length} scans`),
      reported('scan under load: the import took', importMs, 'ms', `jobs.import of ${LARGE.jobs} jobs (${LARGE.jobs * LARGE.drivesPerJob} drives) over HTTP while scanning`),
      reported('scan under load: the pull took', pullMs, 'ms', `sync.run pulling ${LARGE.jobs} jobs (${LARGE.jobs * LARGE.drivesPerJob} drives) from the hub on PostgreSQL while scanning`),
    ]);
  });
});
