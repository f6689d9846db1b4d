/**
 * Property test of the receiving core on real SQLite: a small random world of jobs (serials from a
 * small alphabet, so the same serial turns up in several jobs) and a random sequence of check-ins,
 * scans, close-outs and drive moves, all sent through the dispatcher (errors are fine). After each
 * run, read the database file itself and check:
 *  (a) every drive transition in the log is a legal move (creation rows aside);
 *  (b) replaying the log from the imported states gives every drive's and job's current state;
 *  (c) every package's tally as the screen shows it equals the scans table;
 *  (d) every transition is queued for upstream exactly once (an outbox row, or the log's tail).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../main/db/open-database';
import { KNOWN_DRIVE_STATES, isLegalDriveMove, legalDriveMoves } from '../../shared/domain/drive-states';
import { isLegalJobMove } from '../../shared/domain/job-states';
import { SCAN_VERDICTS, type DriveInfo, type JobDetail, type PackageDetail, type PackageTally } from '../../shared/rpc/results';
import { normalizeCode } from '../../shared/domain/serial';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';

// ---------------------------------------------------------------------------------------------
// The world

const SERIAL_ALPHABET = ['SN-01', 'SN-02', 'SN-03', 'SN-04', 'SN-05', 'SN-06', 'SN-07'] as const;
/** Serials in no job's list: extra drives and export registrations. */
const STRAY_SERIALS = ['XS-90', 'XS-91', 'XS-92'] as const;
const UNKNOWN_TRACKING = ['UNK-001', 'UNK-002'] as const;

interface JobSpec {
  readonly name: string;
  readonly kind: 'import' | 'creating' | 'export';
  readonly trackingNumber: string;
  readonly driveCount: number | undefined;
  readonly drives: readonly string[];
  readonly cancelRequested: boolean;
}

const drivesArb = fc.uniqueArray(fc.constantFrom(...SERIAL_ALPHABET), { minLength: 1, maxLength: 5 });
const driveCountArb = fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined });
const cancelledArb = fc.boolean().chain((maybe) => (maybe ? fc.boolean() : fc.constant(false)));

const importSpecArb = fc.record({ drives: drivesArb, driveCount: driveCountArb, cancelRequested: cancelledArb });
const exportSpecArb = fc.record({ driveCount: driveCountArb, cancelRequested: cancelledArb });

/** 1–2 Import jobs in Shipping, one in Creating, optionally one Export: 2–4 jobs. */
const worldArb = fc
  .record({
    imports: fc.array(importSpecArb, { minLength: 1, maxLength: 2 }),
    creating: importSpecArb,
    exportJob: fc.option(exportSpecArb, { nil: undefined }),
  })
  .map(({ imports, creating, exportJob }): JobSpec[] => {
    const jobs: JobSpec[] = imports.map((spec, index) => ({
      name: `job-import-${index}`,
      kind: 'import',
      trackingNumber: `TRK-I-${index}0`,
      ...spec,
    }));
    jobs.push({ name: 'job-creating', kind: 'creating', trackingNumber: 'TRK-C-00', ...creating });
    if (exportJob !== undefined) {
      jobs.push({ name: 'job-export', kind: 'export', trackingNumber: 'TRK-E-00', drives: [], ...exportJob });
    }
    return jobs;
  });

function documentOf(job: JobSpec): Record<string, unknown> {
  return jobDocument(job.name, {
    state: job.kind === 'creating' ? 'Creating' : 'Shipping',
    jobType: job.kind === 'export' ? 'Export' : 'Import',
    trackingNumber: job.trackingNumber,
    ...(job.driveCount === undefined ? {} : { driveCount: job.driveCount }),
    drives: job.drives,
    cancelRequested: job.cancelRequested,
  });
}

// ---------------------------------------------------------------------------------------------
// The commands

/** How a code is typed: as listed, lower-cased, with dashes and spaces, with scanner framing. */
const spellingArb = fc.constantFrom('asIs', 'lower', 'dashed', 'framed') as fc.Arbitrary<'asIs' | 'lower' | 'dashed' | 'framed'>;

function spell(code: string, spelling: 'asIs' | 'lower' | 'dashed' | 'framed'): string {
  switch (spelling) {
    case 'asIs':
      return code;
    case 'lower':
      return code.toLowerCase();
    case 'dashed':
      return normalizeCode(code).split('').join('-').replace(/^(.)-/, '$1 ');
    case 'framed':
      return `\u0002${code}\r\n`;
  }
}

type CodeSpec =
  | { readonly kind: 'listed'; readonly job: number; readonly drive: number; readonly spelling: 'asIs' | 'lower' | 'dashed' | 'framed' }
  | { readonly kind: 'alphabet'; readonly serial: string; readonly spelling: 'asIs' | 'lower' | 'dashed' | 'framed' }
  | { readonly kind: 'tracking'; readonly job: number; readonly spelling: 'asIs' | 'lower' | 'dashed' | 'framed' }
  | { readonly kind: 'literal'; readonly code: string };

const codeArb: fc.Arbitrary<CodeSpec> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('listed' as const), job: fc.nat(), drive: fc.nat(), spelling: spellingArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('alphabet' as const),
      serial: fc.constantFrom(...SERIAL_ALPHABET, ...STRAY_SERIALS),
      spelling: spellingArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tracking' as const), job: fc.nat(), spelling: spellingArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('literal' as const),
      code: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('   ', 'AB\u0007CD', 'AB#CD', 'x'.repeat(4000), 'A'.repeat(41), ''),
      ),
    }),
  },
);

type Command =
  | { readonly kind: 'checkIn'; readonly target: number; readonly unknown: boolean; readonly spelling: 'asIs' | 'lower' | 'dashed' | 'framed' }
  | { readonly kind: 'scan'; readonly code: CodeSpec }
  | { readonly kind: 'close' }
  | { readonly kind: 'transition'; readonly job: number; readonly drive: DriveSpec; readonly to: TargetSpec };

/** Which drive a move names: one listed in the job, or a serial from the alphabet or the strays. */
type DriveSpec = { readonly kind: 'listed'; readonly index: number } | { readonly kind: 'any'; readonly serial: string };
/** Where it goes: any state name (legal or not), or one of the moves legal from where it is now. */
type TargetSpec = { readonly kind: 'state'; readonly to: string } | { readonly kind: 'legal'; readonly index: number };

const driveSpecArb: fc.Arbitrary<DriveSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('listed' as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('any' as const), serial: fc.constantFrom(...SERIAL_ALPHABET, ...STRAY_SERIALS) }) },
);
const targetArb: fc.Arbitrary<TargetSpec> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('state' as const), to: fc.constantFrom(...KNOWN_DRIVE_STATES, 'Bogus') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('legal' as const), index: fc.nat() }) },
);

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), target: fc.nat(), unknown: fc.boolean(), spelling: spellingArb }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('scan' as const), code: codeArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('transition' as const), job: fc.nat(), drive: driveSpecArb, to: targetArb }) },
);

/** Starts with a check-in of a Shipping import job, so the scans that follow have a package. */
const commandsArb = fc
  .array(commandArb, { minLength: 1, maxLength: 40, size: 'max' })
  .map((rest): Command[] => [{ kind: 'checkIn', target: 0, unknown: false, spelling: 'asIs' }, ...rest]);

function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function codeFor(spec: CodeSpec, world: readonly JobSpec[]): string {
  switch (spec.kind) {
    case 'listed': {
      const withDrives = world.filter((job) => job.drives.length > 0);
      return spell(pick(pick(withDrives, spec.job).drives, spec.drive), spec.spelling);
    }
    case 'alphabet':
      return spell(spec.serial, spec.spelling);
    case 'tracking':
      return spell(pick(world, spec.job).trackingNumber, spec.spelling);
    case 'literal':
      return spec.code;
  }
}

/** Runs the commands through the dispatcher, as a client would; errors are part of the game. */
async function run(desk: TestDesk, world: readonly JobSpec[], commands: readonly Command[], seen: Map<string, number>): Promise<void> {
  const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
  let current = 1;
  for (const command of commands) {
    switch (command.kind) {
      case 'checkIn': {
        const tracking = command.unknown ? pick(UNKNOWN_TRACKING, command.target) : pick(world, command.target).trackingNumber;
        const envelope = await desk.raw('packages.checkIn', { trackingNumber: spell(tracking, command.spelling) });
        if (envelope.ok) {
          current = (envelope.value as { packageId: number }).packageId;
          count(`checkIn:${(envelope.value as { verdict: string }).verdict}`);
        }
        break;
      }
      case 'scan': {
        const envelope = await desk.raw('scans.record', { packageId: current, code: codeFor(command.code, world) });
        count(envelope.ok ? `scan:${(envelope.value as { verdict: string }).verdict}` : `scan:error:${envelope.error.code}`);
        break;
      }
      case 'close': {
        const envelope = await desk.raw('packages.close', { packageId: current });
        count(envelope.ok ? 'close' : `close:error:${envelope.error.code}`);
        break;
      }
      case 'transition': {
        // A 'listed' move names a drive the desk has: start at the chosen job, go on to one that has drives.
        let job = pick(world, command.job);
        let drive: DriveInfo | undefined;
        for (let offset = 0; offset < world.length && command.drive.kind === 'listed'; offset += 1) {
          const candidate = pick(world, command.job + offset);
          const detail = await desk.raw('jobs.get', { jobId: candidate.name });
          const drives = detail.ok ? (detail.value as JobDetail).drives : [];
          if (drives.length === 0) continue;
          job = candidate;
          drive = pick(drives, command.drive.index);
          break;
        }
        const driveId = drive?.driveId ?? (command.drive.kind === 'any' ? command.drive.serial : pick(SERIAL_ALPHABET, 0));
        let to = command.to.kind === 'state' ? command.to.to : 'Bogus';
        if (command.to.kind === 'legal' && drive !== undefined) {
          // Faulted is legal almost everywhere; leave it to the 'state' branch so drives also go forward.
          const legal = legalDriveMoves(drive.state, { jobCancelled: job.cancelRequested, faultedFrom: drive.faultedFrom, isExtra: drive.isExtra }).filter(
            (state) => state !== 'Faulted',
          );
          if (legal.length > 0) to = pick(legal, command.to.index);
        }
        const envelope = await desk.raw('drives.transition', {
          jobId: job.name,
          driveId,
          to,
          ...(to === 'Faulted' ? { reason: 'other' } : {}),
          note: 'n',
        });
        count(envelope.ok ? `transition:${to}` : `transition:error:${envelope.error.code}`);
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The invariants, read from the database file

interface TransitionRecord {
  id: number;
  entity: 'drive' | 'job';
  jobId: number;
  driveId: number | null;
  fromState: string | null;
  toState: string;
}

function problemsIn(db: Database, world: readonly JobSpec[]): string[] {
  const problems: string[] = [];
  const jobs = db.prepare('SELECT id, name, state, cancel_requested AS cancelled FROM jobs').all() as {
    id: number;
    name: string;
    state: string;
    cancelled: number;
  }[];
  const drives = db.prepare('SELECT d.id, d.job_id AS jobId, j.name AS jobName, d.serial, d.state, d.faulted_from AS faultedFrom, d.is_extra AS isExtra FROM drives d JOIN jobs j ON j.id = d.job_id').all() as {
    id: number;
    jobId: number;
    jobName: string;
    serial: string;
    state: string;
    faultedFrom: string | null;
    isExtra: number;
  }[];
  const transitions = db
    .prepare('SELECT id, entity, job_id AS jobId, drive_id AS driveId, from_state AS fromState, to_state AS toState FROM transitions ORDER BY id')
    .all() as TransitionRecord[];
  const jobById = new Map(jobs.map((job) => [job.id, job]));
  const specByName = new Map(world.map((spec) => [spec.name, spec]));

  // (a) and (b) for drives: replay each drive's log from its imported state.
  const imported = new Set(world.flatMap((spec) => spec.drives.map((driveId) => `${spec.name}/${normalizeCode(driveId)}`)));
  for (const drive of drives) {
    const label = `drive ${drive.jobName}/${drive.serial}`;
    const job = jobById.get(drive.jobId);
    const jobCancelled = job?.cancelled === 1;
    let state: string | null = imported.has(`${drive.jobName}/${drive.serial}`) ? 'Specified' : null;
    let faultedFrom: string | null = null;
    for (const t of transitions.filter((row) => row.entity === 'drive' && row.driveId === drive.id)) {
      if (t.fromState === null) {
        if (state !== null) problems.push(`${label}: transition ${t.id} creates a drive that already is ${state}`);
      } else {
        if (t.fromState !== state) problems.push(`${label}: transition ${t.id} starts from ${t.fromState} but the drive was ${state}`);
        // An extra drive is never copied: once received it may only go back (DESIGN §1, extra drives).
        if (!isLegalDriveMove(t.fromState, t.toState, { jobCancelled, faultedFrom, isExtra: drive.isExtra === 1 })) {
          problems.push(`${label}: transition ${t.id} ${t.fromState} → ${t.toState} is illegal (faultedFrom ${faultedFrom}, cancelled ${jobCancelled}, extra ${drive.isExtra})`);
        }
      }
      if (t.toState === 'Faulted') faultedFrom = t.fromState;
      state = t.toState;
    }
    if (state !== drive.state) problems.push(`${label}: the log replays to ${state}, the row says ${drive.state}`);
    const expectedFaultedFrom = drive.state === 'Faulted' ? faultedFrom : null;
    if (drive.faultedFrom !== expectedFaultedFrom) {
      problems.push(`${label}: faulted_from is ${drive.faultedFrom}, the log says ${expectedFaultedFrom}`);
    }
  }
  for (const t of transitions) {
    if (t.entity === 'drive' && !drives.some((drive) => drive.id === t.driveId)) problems.push(`transition ${t.id}: no drive ${t.driveId}`);
  }

  // (b) for jobs, and their moves are legal too.
  for (const job of jobs) {
    const spec = specByName.get(job.name);
    let state = spec === undefined ? null : spec.kind === 'creating' ? 'Creating' : 'Shipping';
    let faultedFrom: string | null = null;
    for (const t of transitions.filter((row) => row.entity === 'job' && row.jobId === job.id)) {
      if (t.fromState !== state) problems.push(`job ${job.name}: transition ${t.id} starts from ${t.fromState} but the job was ${state}`);
      if (t.fromState !== null && !isLegalJobMove(t.fromState, t.toState, { cancelled: job.cancelled === 1, faultedFrom })) {
        problems.push(`job ${job.name}: transition ${t.id} ${t.fromState} → ${t.toState} is illegal`);
      }
      if (t.toState === 'Faulted') faultedFrom = t.fromState;
      state = t.toState;
    }
    if (state !== job.state) problems.push(`job ${job.name}: the log replays to ${state}, the row says ${job.state}`);
  }

  // (d) every transition queued for upstream exactly once: the log is the queue, so a transition has
  // one outbox row, or lies in the log's tail past the last row (enqueued when the sync engine sends
  // it) with none; no outbox row lacks its transition.
  const outbox = db.prepare('SELECT seq AS transitionId FROM outbox').all() as { transitionId: number }[];
  const enqueuedThrough = outbox.reduce((last, row) => Math.max(last, row.transitionId), 0);
  const perTransition = new Map<number, number>();
  for (const row of outbox) perTransition.set(row.transitionId, (perTransition.get(row.transitionId) ?? 0) + 1);
  for (const t of transitions) {
    const count = perTransition.get(t.id) ?? 0;
    const expected = t.id <= enqueuedThrough ? 1 : 0;
    if (count !== expected) problems.push(`transition ${t.id}: ${count} outbox rows (enqueued through ${enqueuedThrough})`);
  }
  const known = new Set(transitions.map((t) => t.id));
  for (const row of outbox) if (!known.has(row.transitionId)) problems.push(`outbox row ${row.transitionId} has no transition`);

  return problems;
}

/** (c) the tally the screen shows against the scans table, for every package. */
async function tallyProblems(desk: TestDesk, db: Database): Promise<string[]> {
  const problems: string[] = [];
  const columns = (db.prepare('PRAGMA table_info(scans)').all() as { name: string }[]).map((column) => column.name);
  const notUndone = columns.includes('undone_at') ? ' AND undone_at IS NULL' : '';
  const byVerdict = db.prepare(`SELECT verdict, count(*) AS n FROM scans WHERE package_id = ?${notUndone} GROUP BY verdict`);
  const packages = db.prepare('SELECT id FROM packages ORDER BY id').all() as { id: number }[];
  for (const { id } of packages) {
    const envelope = await desk.raw('packages.get', { packageId: id });
    if (!envelope.ok) {
      problems.push(`package ${id}: packages.get failed: ${envelope.error.message}`);
      continue;
    }
    const shown = (envelope.value as PackageDetail).tally;
    const counted = Object.fromEntries(SCAN_VERDICTS.map((verdict) => [verdict, 0])) as Record<string, number>;
    for (const row of byVerdict.all(id) as { verdict: string; n: number }[]) {
      if (!(SCAN_VERDICTS as readonly string[]).includes(row.verdict)) problems.push(`package ${id}: scans with unknown verdict ${row.verdict}`);
      counted[row.verdict] = row.n;
    }
    const expected = counted as PackageTally;
    const sameKeys = Object.keys(shown).sort().join() === [...SCAN_VERDICTS].sort().join();
    if (!sameKeys || !SCAN_VERDICTS.every((verdict) => shown[verdict] === expected[verdict])) {
      problems.push(`package ${id}: the screen shows ${JSON.stringify(shown)}, the scans table says ${JSON.stringify(expected)}`);
    }
  }
  return problems;
}

describe('receiving properties', () => {
  it('keeps the log legal and replayable, the tally true, and every transition queued once', { timeout: 60_000 }, async () => {
    let runs = 0;
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(worldArb, commandsArb, async (world, commands) => {
        runs += 1;
        const desk = openTestDesk('properties');
        try {
          for (const job of world) {
            const imported = await desk.raw('jobs.import', { document: documentOf(job) });
            if (!imported.ok) throw new Error(`import of ${job.name} failed: ${imported.error.message}`);
          }
          await run(desk, world, commands, seen);
          const db = openDatabase(desk.databaseFile, { readonly: true });
          try {
            for (const { state } of db.prepare('SELECT state FROM jobs').all() as { state: string }[]) {
              seen.set(`job:${state}`, (seen.get(`job:${state}`) ?? 0) + 1);
            }
            const problems = [...problemsIn(db, world), ...(await tallyProblems(desk, db))];
            expect(problems).toEqual([]);
            // The sync engine's view of the queue: nothing was sent, so every transition is pending.
            const { n } = db.prepare('SELECT count(*) AS n FROM transitions').get() as { n: number };
            expect(desk.core.context.store.outbox.counts()).toEqual({ pending: n, held: 0, rejected: 0, sent: 0 });
          } finally {
            db.close();
          }
        } finally {
          desk.close();
        }
      }),
      { numRuns: 60 },
    );
    expect(runs).toBeGreaterThanOrEqual(60);
    // The runs must reach the interesting paths, or the properties above prove little.
    for (const what of ['checkIn:matched', 'checkIn:notShipping', 'scan:received', 'scan:duplicate', 'scan:invalid', 'scan:held', 'close', 'transition:Faulted']) {
      expect(seen.get(what) ?? 0, `no ${what} in ${runs} runs: ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    }
    if (process.env.PROPERTY_COVERAGE === '1') console.log([...seen].sort());
  });
});
