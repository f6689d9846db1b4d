import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database';
import { jobDocument } from '../helpers/desk';
import { seededRandom } from '../helpers/seeded-random';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * The desk (web mode, a real child process) takes scans from several clients as fast as they come
 * and is killed with SIGKILL while requests are in flight. After each restart every acknowledged
 * scan is there, no package is half-processed, the database is intact and every transition is
 * queued for upstream. Every answer is judged: the only failures allowed are a request cut by the
 * kill, and, for a request whose answer the kill took, the answer a repeat gets when the first one
 * had committed (a duplicate scan, a reopened check-in, a close of a closed package). Anything else
 * (a storage error, an internal one, a scan refused) fails the test.
 *
 * The kill points come from a seed, printed, so a failing run's kill points replay:
 * CRASH_SEED=<seed>. 3 kills in `npm test`, 20 in `npm run test:chaos` (CHAOS_SCALE=full).
 */
const FULL = process.env.CHAOS_SCALE === 'full';
const KILLS = FULL ? 20 : 3;
const CLIENTS = 4;
// Enough work that the clients are still scanning when the last kill comes, and small enough boxes
// that packages are closed (and closes cut) in the short run too.
const JOBS_PER_CLIENT = FULL ? 60 : 20;
const DRIVES_PER_JOB = FULL ? 40 : 8;
/**
 * Where each kill lands: after a number of answered requests drawn from the seed (so every round
 * gets work done however slow the machine), then a few milliseconds more, also drawn, so the kill
 * falls at a different point inside the requests in flight.
 */
const MIN_ANSWERS_BEFORE_KILL = 5;
const MAX_ANSWERS_BEFORE_KILL = 120;
const MAX_EXTRA_DELAY_MS = 15;
/** How long a kill waits for a request to be in flight (four clients keep one there nearly always). */
const IN_FLIGHT_WAIT_MS = 5_000;
const TOKEN = 'crash-test-token-0123456789';
const WEB_CLI = path.resolve(__dirname, '..', '..', 'dist', 'main', 'web-cli.cjs');
const START_TIMEOUT_MS = 15_000;
/** Drives of the job whose close is cut (the most a job may list): every one becomes NeverReceived. */
const CLOSE_DRIVES = 100;
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Desk {
  readonly child: ChildProcess;
  readonly base: string;
}

function startDesk(dataDir: string): Promise<Desk> {
  const child = spawn(process.execPath, [WEB_CLI, '--port', '0', '--data', dataDir, '--token', TOKEN, '--no-open', '--no-demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the desk did not start: ${err}`)), START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)#token=/.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, base: match[1] as string });
      }
    });
    child.once('exit', (code) => reject(new Error(`the desk exited with ${code}: ${err}`)));
  });
}

interface ErrorEnvelope {
  readonly code: string;
  readonly message: string;
  readonly key?: string;
}

/** What one request came to: an answer (value or error envelope), or the connection cut. */
type Outcome<T> = { readonly kind: 'value'; readonly value: T } | { readonly kind: 'error'; readonly error: ErrorEnvelope } | { readonly kind: 'cut'; readonly reason: string };

interface Acknowledged {
  readonly scanId: number;
  readonly packageId: number;
  readonly serial: string;
  readonly verdict: string;
}

let running: ChildProcess | null = null;
const temp = makeTempDir('crash');
afterEach(() => {
  running?.kill('SIGKILL');
  temp.remove();
});

describe('crash safety', () => {
  it(`loses no acknowledged scan and leaves no half-done package across ${KILLS} SIGKILLs with requests in flight`, { timeout: FULL ? 900_000 : 180_000 }, async () => {
    console.log(`crash safety: seed ${SEED} (replay the kill points with CRASH_SEED=${SEED})`);
    const random = seededRandom(SEED);
    const failures: string[] = [];
    const fail = (what: string) => failures.push(`[seed ${SEED}] ${what}`);
    const dataDir = path.join(temp.dir, 'data');
    let desk = await startDesk(dataDir);
    running = desk.child;

    // Requests sent and not yet answered, and whether a kill has been sent (a cut connection is
    // expected only then).
    let inFlight = 0;
    let answers = 0;
    let killing = false;
    async function request<T>(method: string, params: unknown): Promise<Outcome<T>> {
      inFlight += 1;
      try {
        let response: Response;
        try {
          response = await fetch(new URL(`api/${method}`, desk.base), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify(params),
          });
        } catch (error) {
          return { kind: 'cut', reason: String((error as { cause?: unknown }).cause ?? error) };
        }
        let text: string;
        try {
          text = await response.text();
        } catch (error) {
          return { kind: 'cut', reason: `body: ${String(error)}` };
        }
        let envelope: { ok: boolean; value?: T; error?: ErrorEnvelope };
        try {
          envelope = JSON.parse(text) as typeof envelope;
        } catch {
          // A whole answer that is not an envelope is a defect, kill or no kill.
          fail(`${method}: HTTP ${response.status} answered ${JSON.stringify(text.slice(0, 200))}`);
          return { kind: 'cut', reason: 'not an envelope' };
        }
        answers += 1;
        if (envelope.ok) return { kind: 'value', value: envelope.value as T };
        return { kind: 'error', error: envelope.error ?? { code: '?', message: 'no error in the envelope' } };
      } finally {
        inFlight -= 1;
      }
    }

    const jobs = Array.from({ length: CLIENTS * JOBS_PER_CLIENT }, (_, index) => {
      const serials = Array.from({ length: DRIVES_PER_JOB }, (_, drive) => `CR${String(index).padStart(3, '0')}D${String(drive).padStart(3, '0')}`);
      return { name: `crash-job-${index}`, tracking: `TRK-CRASH-${index}`, serials };
    });
    const imported = await request('jobs.import', { document: { value: jobs.map((job) => jobDocument(job.name, { trackingNumber: job.tracking, driveCount: job.serials.length, drives: job.serials })) } });
    expect(imported.kind, JSON.stringify(imported)).toBe('value');

    const acknowledged: Acknowledged[] = [];
    const closedPackages = new Set<number>();
    const repeatsRecognised = { checkIn: 0, scan: 0, close: 0 };
    /**
     * Each client works through its own jobs: check in, scan every drive, close. A request the kill
     * cut is unanswered: after the restart it is sent again, and if the first one had committed the
     * repeat's answer says so (that, and only that, is accepted as already done).
     */
    const progress = jobs.map(() => ({ packageId: null as number | null, next: 0, closed: false, unanswered: null as null | 'checkIn' | 'scan' | 'close' }));
    let stopClients = false;

    /** Judges an answer: a value, or `null` after recording what is wrong. */
    function judge<T>(method: string, outcome: Outcome<T>): T | null {
      if (outcome.kind === 'value') return outcome.value;
      if (outcome.kind === 'cut') {
        if (!killing) fail(`${method}: the connection was cut with no kill: ${outcome.reason}`);
        return null;
      }
      fail(`${method}: unexpected error ${outcome.error.code} (${outcome.error.key ?? 'no key'}): ${outcome.error.message}`);
      return null;
    }

    const client = async (index: number) => {
      for (let jobIndex = index * JOBS_PER_CLIENT; jobIndex < (index + 1) * JOBS_PER_CLIENT && !stopClients; jobIndex += 1) {
        const job = jobs[jobIndex] as (typeof jobs)[number];
        const state = progress[jobIndex] as (typeof progress)[number];
        if (state.closed) continue;
        if (state.packageId === null) {
          const repeat = state.unanswered === 'checkIn';
          state.unanswered = 'checkIn';
          const checked = judge('packages.checkIn', await request<{ packageId: number; verdict: string }>('packages.checkIn', { trackingNumber: job.tracking }));
          if (checked === null) return;
          state.unanswered = null;
          // The first check-in of a tracking number matches its job; a repeat after a cut one that had
          // committed finds the package already there.
          if (checked.verdict === 'reopened' && repeat) repeatsRecognised.checkIn += 1;
          else if (checked.verdict !== 'matched') fail(`packages.checkIn ${job.tracking}: verdict ${checked.verdict}${repeat ? ' on a repeat' : ''}`);
          state.packageId = checked.packageId;
        }
        while (state.next < job.serials.length && !stopClients) {
          const serial = job.serials[state.next] as string;
          const repeat = state.unanswered === 'scan';
          state.unanswered = 'scan';
          const scanned = judge('scans.record', await request<{ scanId: number; verdict: string }>('scans.record', { packageId: state.packageId, code: serial }));
          if (scanned === null) return;
          state.unanswered = null;
          if (scanned.verdict === 'duplicate' && repeat) repeatsRecognised.scan += 1;
          else if (scanned.verdict !== 'received') fail(`scans.record ${serial}: verdict ${scanned.verdict}${repeat ? ' on a repeat' : ''}`);
          else acknowledged.push({ scanId: scanned.scanId, packageId: state.packageId, serial, verdict: scanned.verdict });
          state.next += 1;
        }
        if (stopClients) return;
        const repeat = state.unanswered === 'close';
        state.unanswered = 'close';
        const outcome = await request('packages.close', { packageId: state.packageId });
        if (outcome.kind === 'error' && repeat && outcome.error.code === 'conflict' && outcome.error.key === 'packageClosed') {
          // The cut close had committed: already done.
          repeatsRecognised.close += 1;
        } else if (judge('packages.close', outcome) === null) {
          return;
        }
        state.unanswered = null;
        state.closed = true;
        closedPackages.add(state.packageId);
      }
    };

    const report: string[] = [];
    let inFlightAtKills = 0;
    for (let kill = 1; kill <= KILLS; kill += 1) {
      stopClients = false;
      killing = false;
      let clientsDone = 0;
      const clients = Array.from({ length: CLIENTS }, (_, index) => client(index).finally(() => (clientsDone += 1)));
      const answersBeforeKill = MIN_ANSWERS_BEFORE_KILL + Math.floor(random() * (MAX_ANSWERS_BEFORE_KILL - MIN_ANSWERS_BEFORE_KILL + 1));
      const extraDelayMs = random() * MAX_EXTRA_DELAY_MS;
      const killAfter = answers + answersBeforeKill;
      while (answers < killAfter && clientsDone < CLIENTS && failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      // A wrong answer fails the run at once (the clients stop at it); running out of work is a
      // fault of the test's sizes, not a pass.
      expect(failures, failures.join('\n')).toEqual([]);
      expect(clientsDone, `[seed ${SEED}] kill ${kill}: the clients ran out of work before the kill`).toBeLessThan(CLIENTS);
      await new Promise((resolve) => setTimeout(resolve, extraDelayMs));
      // Kill only with a request in flight: that is the moment the test is about.
      const waitUntil = Date.now() + IN_FLIGHT_WAIT_MS;
      while (inFlight === 0 && Date.now() < waitUntil) await new Promise((resolve) => setImmediate(resolve));
      const inFlightAtKill = inFlight;
      expect(inFlightAtKill, `[seed ${SEED}] kill ${kill}: no request in flight`).toBeGreaterThan(0);
      inFlightAtKills += inFlightAtKill;
      killing = true;
      stopClients = true;
      const exited = new Promise((resolve) => desk.child.once('exit', resolve));
      desk.child.kill('SIGKILL');
      await exited;
      await Promise.all(clients);

      desk = await startDesk(dataDir);
      running = desk.child;
      killing = false;
      const found = await acknowledgedFound(desk.base, acknowledged);
      report.push(`kill ${kill} after ${answersBeforeKill} answers + ${extraDelayMs.toFixed(1)} ms, ${inFlightAtKill} in flight: ${acknowledged.length} acknowledged, ${found} found`);
      expect(failures, failures.join('\n')).toEqual([]);
      expect(found, `[seed ${SEED}] after kill ${kill}`).toBe(acknowledged.length);
      checkDatabase(path.join(dataDir, 'desk.sqlite'), closedPackages);
    }
    console.log(`crash safety (seed ${SEED}):\n  ${report.join('\n  ')}\n  repeats found already done: ${JSON.stringify(repeatsRecognised)}`);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS * MIN_ANSWERS_BEFORE_KILL - KILLS * CLIENTS);
    expect(inFlightAtKills).toBeGreaterThanOrEqual(KILLS);
    expect(closedPackages.size, 'no package was closed: the close path was never crossed').toBeGreaterThan(0);
  });
});

describe('a close repeated after a kill', () => {
  it('sent again after a kill that came just after it committed, is found already done, and nothing of it is doubled', { timeout: 120_000 }, async () => {
    const dataDir = path.join(temp.dir, 'close');
    let desk = await startDesk(dataDir);
    running = desk.child;
    const post = (method: string, params: unknown) =>
      fetch(new URL(`api/${method}`, desk.base), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(params),
      }).then((response) => response.json() as Promise<{ ok: boolean; value?: { packageId: number }; error?: ErrorEnvelope }>);
    // A close with work to do (every listed drive becomes NeverReceived), so it is in flight a while.
    const serials = Array.from({ length: CLOSE_DRIVES }, (_, index) => `CUT${String(index).padStart(5, '0')}`);
    expect((await post('jobs.import', { document: jobDocument('cut-close', { trackingNumber: 'TRK-CUT', driveCount: serials.length, drives: serials }) })).ok).toBe(true);
    const checked = await post('packages.checkIn', { trackingNumber: 'TRK-CUT' });
    const packageId = checked.value?.packageId ?? 0;

    // The kill lands the moment the close has committed, before its answer is read.
    const file = path.join(dataDir, 'desk.sqlite');
    const closing = post('packages.close', { packageId }).then(
      () => 'answered',
      () => 'cut',
    );
    const watcher = openDatabase(file, { readonly: true });
    const closedNow = watcher.prepare('SELECT status FROM packages WHERE id = ?');
    try {
      const until = Date.now() + START_TIMEOUT_MS;
      // Let the request go out, then watch without yielding: the test reads no answer before the kill.
      await new Promise((resolve) => setTimeout(resolve, 1));
      while ((closedNow.get(packageId) as { status: string }).status !== 'closed') {
        if (Date.now() > until) throw new Error('the close never committed');
      }
    } finally {
      watcher.close();
    }
    const exited = new Promise((resolve) => desk.child.once('exit', resolve));
    desk.child.kill('SIGKILL');
    await exited;
    console.log(`a close repeated after a kill: the first close was ${await closing}`);

    desk = await startDesk(dataDir);
    running = desk.child;
    const repeat = await post('packages.close', { packageId });
    expect(repeat).toMatchObject({ ok: false, error: { code: 'conflict', key: 'packageClosed' } });
    const db = openDatabase(file, { readonly: true });
    try {
      const one = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
      expect(one(`SELECT count(*) AS n FROM drives WHERE state = 'NeverReceived'`)).toBe(CLOSE_DRIVES);
      expect(one(`SELECT count(*) AS n FROM transitions WHERE to_state = 'NeverReceived'`)).toBe(CLOSE_DRIVES);
      expect(one(`SELECT count(*) AS n FROM transitions WHERE entity = 'job' AND to_state = 'Received'`)).toBe(1);
    } finally {
      db.close();
    }
  });
});

async function acknowledgedFound(base: string, acknowledged: readonly Acknowledged[]): Promise<number> {
  const byPackage = new Map<number, Map<number, { serial: string; verdict: string }>>();
  for (const packageId of new Set(acknowledged.map((scan) => scan.packageId))) {
    const response = await fetch(new URL('api/packages.get', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ packageId }),
    });
    const envelope = (await response.json()) as { ok: boolean; value?: { scans: { id: number; serial: string; verdict: string }[] } };
    if (!envelope.ok || envelope.value === undefined) throw new Error(`packages.get ${packageId}: ${JSON.stringify(envelope)}`);
    byPackage.set(packageId, new Map(envelope.value.scans.map((scan) => [scan.id, scan])));
  }
  return acknowledged.filter((scan) => {
    const stored = byPackage.get(scan.packageId)?.get(scan.scanId);
    return stored !== undefined && stored.serial === scan.serial && stored.verdict === scan.verdict;
  }).length;
}

/** Integrity, and every transaction whole: the queue matches the log, scans have their moves, closes are complete. */
function checkDatabase(file: string, closedPackages: ReadonlySet<number>): void {
  const db = openDatabase(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const one = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    // Every transition queued once: an outbox row each up to the last enqueued, none past it (the
    // log's tail, which the sync engine enqueues when it sends), and no outbox row without its transition.
    expect(one('SELECT count(*) AS n FROM transitions t LEFT JOIN outbox o ON o.seq = t.id WHERE o.seq IS NULL AND t.id <= (SELECT COALESCE(MAX(seq), 0) FROM outbox)')).toBe(0);
    expect(one('SELECT count(*) AS n FROM outbox o LEFT JOIN transitions t ON t.id = o.seq WHERE t.id IS NULL')).toBe(0);
    // A receiving scan and its drive's move are one transaction: never one without the other.
    expect(one(`SELECT count(*) AS n FROM scans s WHERE s.verdict = 'received' AND s.undone_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM transitions t WHERE t.scan_id = s.id AND t.to_state = 'Received')`)).toBe(0);
    expect(one(`SELECT count(*) AS n FROM drives d WHERE d.state = 'Received'
      AND NOT EXISTS (SELECT 1 FROM scans s WHERE s.drive_id = d.id AND s.verdict = 'received')`)).toBe(0);
    // One receiving scan per drive: a repeat after a cut scan was a duplicate, never a second receipt.
    expect(one(`SELECT count(*) AS n FROM (SELECT drive_id FROM scans WHERE verdict = 'received' GROUP BY drive_id HAVING count(*) > 1)`)).toBe(0);
    // A close is whole: a closed package left no drive of its job Specified, and its job moved on.
    expect(one(`SELECT count(*) AS n FROM packages p JOIN drives d ON d.job_id = p.job_id WHERE p.status = 'closed' AND d.state = 'Specified'`)).toBe(0);
    expect(one(`SELECT count(*) AS n FROM packages p JOIN jobs j ON j.id = p.job_id WHERE p.status = 'closed' AND j.state = 'Shipping'`)).toBe(0);
    // And an open package's close left no trace: no NeverReceived without a closed package.
    expect(one(`SELECT count(*) AS n FROM packages p JOIN drives d ON d.job_id = p.job_id WHERE p.status = 'open' AND d.state = 'NeverReceived'`)).toBe(0);
    for (const packageId of closedPackages) {
      expect(one(`SELECT count(*) AS n FROM packages WHERE id = ${packageId} AND status = 'closed'`), `package ${packageId} acknowledged closed`).toBe(1);
    }
  } finally {
    db.close();
  }
}
