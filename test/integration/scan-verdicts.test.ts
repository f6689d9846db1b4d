/**
 * Every check-in verdict and every scan verdict of DESIGN §1, one test each, through the real
 * core on a real SQLite file. Each test snapshots every job (state, drives, packages) and the
 * history of the serials it touches before and after, and asserts that exactly what the rules
 * say changed and nothing else. Then close-out, and the job state following its drives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database';
import type { DriveInfo, JobDetail, PackageTally, PackageInfo, TransitionInfo } from '../../shared/rpc/results';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

// The world every test starts from: two Import jobs in Shipping, one in Creating, one Export.
const JOB_A = 'job-a';
const JOB_B = 'job-b';
const JOB_CREATING = 'job-creating';
const JOB_EXPORT = 'job-export';
const ALL_JOBS = [JOB_A, JOB_B, JOB_CREATING, JOB_EXPORT] as const;

const TRACKING_A = 'TRK-A-100';
const TRACKING_B = 'TRK-B-200';
const TRACKING_CREATING = 'TRK-C-300';
const TRACKING_EXPORT = 'TRK-E-400';

/** Every serial the world knows, normalised, plus a few that are in no job. */
const SERIALS = ['AA001', 'AA002', 'AA003', 'BB001', 'BB002', 'CC001', 'EX001', 'EX002', 'EX003', 'ZZ998', 'ZZ999'] as const;

async function openWorld(label: string): Promise<TestDesk> {
  const opened = openTestDesk(label);
  desk = opened;
  await opened.call('jobs.import', {
    document: jobDocument(JOB_A, { trackingNumber: TRACKING_A, driveCount: 3, drives: ['AA-001', 'AA-002', 'AA-003'] }),
  });
  await opened.call('jobs.import', {
    document: jobDocument(JOB_B, { trackingNumber: TRACKING_B, driveCount: 2, drives: ['BB-001', 'BB-002'] }),
  });
  await opened.call('jobs.import', {
    document: jobDocument(JOB_CREATING, { state: 'Creating', trackingNumber: TRACKING_CREATING, driveCount: 1, drives: ['CC-001'] }),
  });
  await opened.call('jobs.import', {
    document: jobDocument(JOB_EXPORT, { jobType: 'Export', trackingNumber: TRACKING_EXPORT, driveCount: 2 }),
  });
  return opened;
}

interface JobSnapshot {
  state: string;
  drives: DriveInfo[];
  packages: PackageInfo[];
}

interface Snapshot {
  jobs: Record<string, JobSnapshot>;
  history: Record<string, TransitionInfo[]>;
}

function jobSnapshot(job: JobDetail): JobSnapshot {
  return { state: job.state, drives: [...job.drives], packages: [...job.packages] };
}

/** Every job with its drives and packages, and the history of every serial the world knows. */
async function snapshot(target: TestDesk, serials: readonly string[] = SERIALS): Promise<Snapshot> {
  const jobs: Record<string, JobSnapshot> = {};
  for (const jobId of ALL_JOBS) jobs[jobId] = jobSnapshot(await target.call('jobs.get', { jobId }));
  const history: Record<string, TransitionInfo[]> = {};
  for (const serial of serials) history[serial] = [...(await target.call('drives.history', { driveId: serial })).transitions];
  return { jobs, history };
}

/** A deep copy to edit into the expected "after". */
function copy(value: Snapshot): Snapshot {
  return structuredClone(value);
}

function jobOf(value: Snapshot, jobId: string): JobSnapshot {
  const job = value.jobs[jobId];
  if (job === undefined) throw new Error(`no job ${jobId} in the snapshot`);
  return job;
}

/** Replaces one drive of a job in the expected snapshot with the given fields. */
function setDrive(value: Snapshot, jobId: string, serial: string, fields: Partial<DriveInfo>): void {
  const job = jobOf(value, jobId);
  const index = job.drives.findIndex((drive) => drive.serial === serial);
  if (index < 0) throw new Error(`job ${jobId} has no drive ${serial} in the snapshot`);
  job.drives[index] = { ...(job.drives[index] as DriveInfo), ...fields };
}

/** The transitions of `serial` that are in `after` but not in `before`. */
function newTransitions(before: Snapshot, after: Snapshot, serial: string): TransitionInfo[] {
  const seen = new Set((before.history[serial] ?? []).map((transition) => transition.id));
  return (after.history[serial] ?? []).filter((transition) => !seen.has(transition.id));
}

/** Puts the new transitions of `serials` into the expected snapshot, so the rest can be compared whole. */
function acceptHistory(expected: Snapshot, after: Snapshot, serials: readonly string[]): void {
  for (const serial of serials) expected.history[serial] = [...(after.history[serial] ?? [])];
}

const ZERO_TALLY: PackageTally = {
  received: 0,
  recovered: 0,
  duplicate: 0,
  otherJob: 0,
  extra: 0,
  registered: 0,
  held: 0,
  invalid: 0,
};

function tally(counts: Partial<PackageTally>): PackageTally {
  return { ...ZERO_TALLY, ...counts };
}

async function checkIn(target: TestDesk, trackingNumber: string): Promise<number> {
  return (await target.call('packages.checkIn', { trackingNumber })).packageId;
}

/** The job-level transitions of one job, read from the log itself: they carry no serial. */
function jobTransitions(target: TestDesk, jobId: string): { from: string | null; to: string; reason: string | null }[] {
  const db = openDatabase(target.databaseFile, { readonly: true });
  try {
    return db
      .prepare(
        "SELECT from_state AS \"from\", to_state AS \"to\", reason FROM transitions WHERE entity = 'job' AND job_name = ? ORDER BY id",
      )
      .all(jobId) as { from: string | null; to: string; reason: string | null }[];
  } finally {
    db.close();
  }
}

describe('check-in verdicts', () => {
  it('matched: a job in Shipping; the package is open and not held, nothing else changes', async () => {
    const target = await openWorld('checkin-matched');
    const before = await snapshot(target);

    const result = await target.call('packages.checkIn', { trackingNumber: 'trk-a 100' });

    expect(result.verdict).toBe('matched');
    expect(result.package).toMatchObject({
      id: result.packageId,
      trackingNumber: 'TRKA100',
      jobId: JOB_A,
      verdict: 'matched',
      held: false,
      status: 'open',
      declaredDriveCount: 3,
      closedAt: null,
    });
    expect(result.job?.id).toBe(JOB_A);
    expect(result.expected.map((drive) => [drive.serial, drive.state])).toEqual([
      ['AA001', 'Specified'],
      ['AA002', 'Specified'],
      ['AA003', 'Specified'],
    ]);
    expect(result.tally).toEqual(ZERO_TALLY);
    expect(result.message).toContain(JOB_A);

    const after = await snapshot(target);
    const expected = copy(before);
    jobOf(expected, JOB_A).packages = [result.package];
    expect(after).toEqual(expected);
    // The job stays Shipping until the package is closed (processed).
    expect(jobOf(after, JOB_A).state).toBe('Shipping');
  });

  it('notShipping: a job in Creating; the package is held and its drives stay Specified', async () => {
    const target = await openWorld('checkin-creating');
    const before = await snapshot(target);

    const result = await target.call('packages.checkIn', { trackingNumber: TRACKING_CREATING });

    expect(result.verdict).toBe('notShipping');
    expect(result.package).toMatchObject({ jobId: JOB_CREATING, verdict: 'notShipping', held: true, status: 'open' });
    expect(result.job?.id).toBe(JOB_CREATING);
    expect(result.message).toMatch(/hold/i);
    expect(result.tally).toEqual(ZERO_TALLY);

    const after = await snapshot(target);
    const expected = copy(before);
    jobOf(expected, JOB_CREATING).packages = [result.package];
    expect(after).toEqual(expected);
    expect(jobOf(after, JOB_CREATING).state).toBe('Creating');
  });

  it('unknown: no job has the tracking number; the package is held with no job', async () => {
    const target = await openWorld('checkin-unknown');
    const before = await snapshot(target);

    const result = await target.call('packages.checkIn', { trackingNumber: 'NOBODY-777' });

    expect(result.verdict).toBe('unknown');
    expect(result.package).toMatchObject({ trackingNumber: 'NOBODY777', jobId: null, verdict: 'unknown', held: true, status: 'open' });
    expect(result.job).toBeNull();
    expect(result.expected).toEqual([]);
    expect(result.message).toMatch(/hold/i);
    expect(await snapshot(target)).toEqual(before);
  });

  it('reopened: the same tracking number again, open or closed, reopens the one package', async () => {
    const target = await openWorld('checkin-reopened');
    const first = await target.call('packages.checkIn', { trackingNumber: TRACKING_A });
    await target.call('scans.record', { packageId: first.packageId, code: 'AA-001' });

    // Checked in again while still open: the same package, still open, nothing changes.
    const beforeAgain = await snapshot(target);
    const again = await target.call('packages.checkIn', { trackingNumber: 'trka100' });
    expect(again.verdict).toBe('reopened');
    expect(again.packageId).toBe(first.packageId);
    expect(again.package).toMatchObject({ status: 'open', verdict: 'matched', held: false, jobId: JOB_A });
    expect(again.tally).toEqual(tally({ received: 1 }));
    expect(await snapshot(target)).toEqual(beforeAgain);

    // Closed, then checked in again: reopened; the close-out's effects stay as they were.
    await target.call('packages.close', { packageId: first.packageId });
    const beforeReopen = await snapshot(target);
    expect(jobOf(beforeReopen, JOB_A).packages[0]?.status).toBe('closed');
    const reopened = await target.call('packages.checkIn', { trackingNumber: 'TRK A-100' });
    expect(reopened.verdict).toBe('reopened');
    expect(reopened.packageId).toBe(first.packageId);
    expect(reopened.package).toMatchObject({ status: 'open', closedAt: null, held: false, jobId: JOB_A });
    expect(reopened.tally).toEqual(tally({ received: 1 }));
    expect(reopened.message).toMatch(/reopened/);

    const afterReopen = await snapshot(target);
    const expected = copy(beforeReopen);
    jobOf(expected, JOB_A).packages = [reopened.package];
    expect(afterReopen).toEqual(expected);
    expect(jobOf(afterReopen, JOB_A).drives.map((drive) => drive.state)).toEqual(['Received', 'NeverReceived', 'NeverReceived']);

    // The reopened package takes scans again: a late drive of its own job is recovered.
    const late = await target.call('scans.record', { packageId: first.packageId, code: 'AA-002' });
    expect(late).toMatchObject({ verdict: 'recovered', belongsToJobId: null, drive: { jobId: JOB_A, serial: 'AA002', state: 'Received' } });
  });
});

describe('scan verdicts', () => {
  it('received: a listed Specified drive of the package\'s job becomes Received, and only it', async () => {
    const target = await openWorld('scan-received');
    const packageId = await checkIn(target, TRACKING_A);
    const before = await snapshot(target);

    const result = await target.call('scans.record', { packageId, code: ' aa-00 1\r\n' });

    expect(result).toMatchObject({
      verdict: 'received',
      serial: 'AA001',
      reason: null,
      belongsToJobId: null,
      drive: { jobId: JOB_A, serial: 'AA001', driveId: 'AA-001', state: 'Received', isExtra: false, packageId, faultedFrom: null },
    });
    expect(result.tally).toEqual(tally({ received: 1 }));

    const after = await snapshot(target);
    expect(newTransitions(before, after, 'AA001')).toEqual([
      expect.objectContaining({ entity: 'drive', jobId: JOB_A, serial: 'AA001', from: 'Specified', to: 'Received', packageId }),
    ]);
    const expected = copy(before);
    setDrive(expected, JOB_A, 'AA001', { state: 'Received', packageId });
    acceptHistory(expected, after, ['AA001']);
    expect(after).toEqual(expected);
  });

  it('recovered: a drive NeverReceived in job A arrives in job B\'s package and goes back to Received for A', async () => {
    const target = await openWorld('scan-recovered');
    const packageA = await checkIn(target, TRACKING_A);
    await target.call('scans.record', { packageId: packageA, code: 'AA001' });
    await target.call('scans.record', { packageId: packageA, code: 'AA002' });
    const closed = await target.call('packages.close', { packageId: packageA });
    expect(closed.neverReceived.map((drive) => drive.serial)).toEqual(['AA003']);
    const packageB = await checkIn(target, TRACKING_B);
    const before = await snapshot(target);
    expect(jobOf(before, JOB_A).drives.find((drive) => drive.serial === 'AA003')?.state).toBe('NeverReceived');

    const result = await target.call('scans.record', { packageId: packageB, code: 'aa-003' });

    expect(result).toMatchObject({
      verdict: 'recovered',
      serial: 'AA003',
      belongsToJobId: JOB_A,
      drive: { jobId: JOB_A, serial: 'AA003', state: 'Received', isExtra: false, packageId: packageB },
    });
    expect(result.message).toContain(JOB_A);
    expect(result.tally).toEqual(tally({ recovered: 1 }));

    const after = await snapshot(target);
    expect(newTransitions(before, after, 'AA003')).toEqual([
      expect.objectContaining({ jobId: JOB_A, from: 'NeverReceived', to: 'Received', packageId: packageB }),
    ]);
    expect(after.history.AA003?.map((t) => `${t.from}>${t.to}`)).toEqual(['Specified>NeverReceived', 'NeverReceived>Received']);
    const expected = copy(before);
    setDrive(expected, JOB_A, 'AA003', { state: 'Received', packageId: packageB });
    acceptHistory(expected, after, ['AA003']);
    // Job B's drives and states are untouched; the drive is not added to job B.
    expect(after).toEqual(expected);
  });

  it('duplicate: a drive scanned a second time changes nothing', async () => {
    const target = await openWorld('scan-duplicate');
    const packageId = await checkIn(target, TRACKING_A);
    await target.call('scans.record', { packageId, code: 'AA001' });
    const before = await snapshot(target);

    const result = await target.call('scans.record', { packageId, code: 'aa-001' });

    expect(result).toMatchObject({ verdict: 'duplicate', serial: 'AA001', reason: null });
    expect(result.message).toMatch(/scanned before/);
    expect(result.text).toEqual({ key: 'scanDuplicate', params: { serial: 'AA001', job: JOB_A, state: 'Received' } });
    expect(result.tally).toEqual(tally({ received: 1, duplicate: 1 }));
    expect(await snapshot(target)).toEqual(before);
  });

  it('duplicate: a drive of another job already received there changes nothing either', async () => {
    const target = await openWorld('scan-duplicate-other');
    const packageB = await checkIn(target, TRACKING_B);
    await target.call('scans.record', { packageId: packageB, code: 'BB001' });
    const packageA = await checkIn(target, TRACKING_A);
    const before = await snapshot(target);

    const result = await target.call('scans.record', { packageId: packageA, code: 'BB001' });

    expect(result).toMatchObject({ verdict: 'duplicate', serial: 'BB001', belongsToJobId: JOB_B });
    expect(result.tally).toEqual(tally({ duplicate: 1 }));
    expect(await snapshot(target)).toEqual(before);
  });

  it('otherJob: a drive listed in job B scanned in job A\'s package is received for B, and the message names B', async () => {
    const target = await openWorld('scan-other-job');
    const packageA = await checkIn(target, TRACKING_A);
    const before = await snapshot(target);

    const result = await target.call('scans.record', { packageId: packageA, code: 'BB-002' });

    expect(result).toMatchObject({
      verdict: 'otherJob',
      serial: 'BB002',
      belongsToJobId: JOB_B,
      drive: { jobId: JOB_B, serial: 'BB002', state: 'Received', isExtra: false, packageId: packageA },
    });
    expect(result.message).toContain(JOB_B);
    expect(result.tally).toEqual(tally({ otherJob: 1 }));

    const after = await snapshot(target);
    expect(newTransitions(before, after, 'BB002')).toEqual([
      expect.objectContaining({ jobId: JOB_B, from: 'Specified', to: 'Received', packageId: packageA }),
    ]);
    const expected = copy(before);
    setDrive(expected, JOB_B, 'BB002', { state: 'Received', packageId: packageA });
    acceptHistory(expected, after, ['BB002']);
    // Job A gains no drive; job B keeps its state (Shipping) and gains no package.
    expect(after).toEqual(expected);
  });

  it('extra: a drive in no job is kept as an extra drive with the package\'s job', async () => {
    const target = await openWorld('scan-extra');
    const packageId = await checkIn(target, TRACKING_A);
    const before = await snapshot(target);

    const result = await target.call('scans.record', { packageId, code: 'zz-999' });

    expect(result).toMatchObject({
      verdict: 'extra',
      serial: 'ZZ999',
      belongsToJobId: null,
      drive: { jobId: JOB_A, serial: 'ZZ999', driveId: 'zz-999', state: 'Received', isExtra: true, packageId },
    });
    expect(result.message).toContain(JOB_A);
    expect(result.tally).toEqual(tally({ extra: 1 }));

    const after = await snapshot(target);
    expect(newTransitions(before, after, 'ZZ999')).toEqual([
      expect.objectContaining({ jobId: JOB_A, from: null, to: 'Received', reason: 'extraDrive', packageId }),
    ]);
    const expected = copy(before);
    jobOf(expected, JOB_A).drives.push(result.drive as DriveInfo);
    acceptHistory(expected, after, ['ZZ999']);
    expect(after).toEqual(expected);
    // An extra drive is counted apart from the listed ones.
    const job = await target.call('jobs.get', { jobId: JOB_A });
    expect(job.driveCounts).toMatchObject({ listed: 3, extra: 1 });
  });

  it('registered: an export job registers scanned drives up to the declared count; one more is flagged extra', async () => {
    const target = await openWorld('scan-registered');
    const packageId = await checkIn(target, TRACKING_EXPORT);
    const before = await snapshot(target);

    const first = await target.call('scans.record', { packageId, code: 'EX-001' });
    const second = await target.call('scans.record', { packageId, code: 'EX-002' });
    const third = await target.call('scans.record', { packageId, code: 'EX-003' });

    expect(first).toMatchObject({
      verdict: 'registered',
      drive: { jobId: JOB_EXPORT, serial: 'EX001', state: 'Received', isExtra: false, packageId },
    });
    expect(second).toMatchObject({
      verdict: 'registered',
      drive: { jobId: JOB_EXPORT, serial: 'EX002', state: 'Received', isExtra: false, packageId },
    });
    expect(first.message).toContain('1 of 2');
    expect(second.message).toContain('2 of 2');
    // One more than declared: kept with the job as an extra drive and flagged.
    expect(third).toMatchObject({
      verdict: 'extra',
      drive: { jobId: JOB_EXPORT, serial: 'EX003', state: 'Received', isExtra: true, packageId },
    });
    expect(third.message).toMatch(/declared/);
    expect(third.tally).toEqual(tally({ registered: 2, extra: 1 }));

    const after = await snapshot(target);
    for (const [serial, reason] of [['EX001', 'registered'], ['EX002', 'registered'], ['EX003', 'extraDrive']] as const) {
      expect(newTransitions(before, after, serial)).toEqual([
        expect.objectContaining({ jobId: JOB_EXPORT, from: null, to: 'Received', reason, packageId }),
      ]);
    }
    const expected = copy(before);
    jobOf(expected, JOB_EXPORT).drives.push(first.drive as DriveInfo, second.drive as DriveInfo, third.drive as DriveInfo);
    acceptHistory(expected, after, ['EX001', 'EX002', 'EX003']);
    expect(after).toEqual(expected);

    // Scanning a registered drive again is a duplicate, not a third registration.
    const again = await target.call('scans.record', { packageId, code: 'EX001' });
    expect(again.verdict).toBe('duplicate');

    // Close-out: three drives in the box against two declared; the job is processed.
    const closed = await target.call('packages.close', { packageId });
    expect(closed.countMismatch).toEqual({ declared: 2, counted: 3 });
    expect(closed.neverReceived).toEqual([]);
    expect(closed.extraDrives.map((drive) => drive.serial)).toEqual(['EX003']);
    expect(closed.jobState).toBe('Received');
  });

  it('held: a scan in a held package (job in Creating) receives nothing', async () => {
    const target = await openWorld('scan-held');
    const packageId = await checkIn(target, TRACKING_CREATING);
    const before = await snapshot(target);

    const result = await target.call('scans.record', { packageId, code: 'CC-001' });

    expect(result).toMatchObject({ verdict: 'held', serial: 'CC001', drive: null, belongsToJobId: null, reason: null });
    expect(result.message).toMatch(/held/);
    expect(result.tally).toEqual(tally({ held: 1 }));
    expect(await snapshot(target)).toEqual(before);
    expect(jobOf(before, JOB_CREATING).drives.map((drive) => drive.state)).toEqual(['Specified']);
  });

  it('held: a scan in a held package (unknown tracking number) receives nothing, even a drive listed in a job', async () => {
    const target = await openWorld('scan-held-unknown');
    const packageId = await checkIn(target, 'NOBODY-777');
    const before = await snapshot(target);

    for (const code of ['AA-001', 'BB-001', 'ZZ-999']) {
      expect((await target.call('scans.record', { packageId, code })).verdict).toBe('held');
    }
    expect((await target.call('packages.get', { packageId })).tally).toEqual(tally({ held: 3 }));
    expect(await snapshot(target)).toEqual(before);
  });

  describe('invalid: rejected with a reason, and nothing changes at all', () => {
    const cases = [
      { reason: 'empty', code: '   ' },
      { reason: 'empty', code: ' - -\r\n' },
      { reason: 'controlCharacters', code: 'AB\u0007CD' },
      { reason: 'tooLong', code: 'X'.repeat(4000) },
      { reason: 'tooLong', code: 'A'.repeat(41) },
      { reason: 'badCharacters', code: 'AB#CD' },
      { reason: 'trackingNumber', code: TRACKING_A },
      { reason: 'trackingNumber', code: 'trk-a-100' },
      { reason: 'trackingNumber', code: 'TRKA100' },
      { reason: 'trackingNumber', code: ' Trk A 100 ' },
    ] as const;

    for (const { reason, code } of cases) {
      it(`${reason}: ${JSON.stringify(code.length > 20 ? `${code.slice(0, 10)}… (${code.length})` : code)}`, async () => {
        const target = await openWorld(`scan-invalid-${reason}`);
        const packageId = await checkIn(target, TRACKING_A);
        // Some data first, so "nothing changed" is not trivially about an empty package.
        await target.call('scans.record', { packageId, code: 'AA001' });
        await target.call('scans.record', { packageId, code: 'ZZ999' });
        const before = await snapshot(target);
        const packageBefore = await target.call('packages.get', { packageId });

        const result = await target.call('scans.record', { packageId, code });

        expect(result).toMatchObject({ verdict: 'invalid', reason, serial: null, drive: null, belongsToJobId: null });
        expect(result.text.key).toMatch(/^scanInvalid/);
        expect(result.message).toMatch(/nothing was recorded|scan again/);
        expect(result.message.length).toBeLessThan(300);
        expect(result.tally).toEqual(packageBefore.tally);
        expect(result.tally).toEqual(tally({ received: 1, extra: 1 }));
        expect(await target.call('packages.get', { packageId })).toEqual(packageBefore);
        expect(await snapshot(target)).toEqual(before);
      });
    }
  });

  it('invalid: another known tracking number is not a drive serial either, and nothing changes', async () => {
    // DESIGN §1: "A scan that is not a drive serial at all (a tracking number, …): rejected … nothing changes."
    const target = await openWorld('scan-invalid-other-tracking');
    const packageA = await checkIn(target, TRACKING_A);
    const before = await snapshot(target);
    const packageBefore = await target.call('packages.get', { packageId: packageA });

    const result = await target.call('scans.record', { packageId: packageA, code: TRACKING_B });

    expect(result).toMatchObject({ verdict: 'invalid', drive: null });
    expect(await target.call('packages.get', { packageId: packageA })).toEqual(packageBefore);
    expect(await snapshot(target)).toEqual(before);
  });
});

describe('close-out', () => {
  it('makes every drive still Specified NeverReceived, flags the count, and moves the job Shipping → Received', async () => {
    const target = await openWorld('close-out');
    const packageId = await checkIn(target, TRACKING_A);
    await target.call('scans.record', { packageId, code: 'AA001' });
    const extra = await target.call('scans.record', { packageId, code: 'ZZ999' });
    const other = await target.call('scans.record', { packageId, code: 'BB001' });
    await target.call('scans.record', { packageId, code: 'ZZ998' });
    await target.call('scans.record', { packageId, code: 'AA001' });
    const before = await snapshot(target);

    const closed = await target.call('packages.close', { packageId });

    expect(closed.neverReceived.map((drive) => [drive.serial, drive.state])).toEqual([
      ['AA002', 'NeverReceived'],
      ['AA003', 'NeverReceived'],
    ]);
    expect(closed.extraDrives.map((drive) => drive.serial)).toEqual(['ZZ999', 'ZZ998']);
    // Received + extra + otherJob are drives in the box (1 + 2 + 1); a duplicate is not.
    expect(closed.countMismatch).toEqual({ declared: 3, counted: 4 });
    expect(closed.jobState).toBe('Received');
    expect(closed.package).toMatchObject({ status: 'closed' });
    expect(closed.package.closedAt).not.toBeNull();
    expect(closed.tally).toEqual(tally({ received: 1, extra: 2, otherJob: 1, duplicate: 1 }));

    const after = await snapshot(target);
    for (const serial of ['AA002', 'AA003']) {
      expect(newTransitions(before, after, serial)).toEqual([
        expect.objectContaining({ jobId: JOB_A, from: 'Specified', to: 'NeverReceived', reason: 'notInPackage', packageId }),
      ]);
    }
    const expected = copy(before);
    setDrive(expected, JOB_A, 'AA002', { state: 'NeverReceived', packageId });
    setDrive(expected, JOB_A, 'AA003', { state: 'NeverReceived', packageId });
    jobOf(expected, JOB_A).state = 'Received';
    jobOf(expected, JOB_A).packages = [closed.package];
    acceptHistory(expected, after, ['AA002', 'AA003']);
    expect(after).toEqual(expected);
    // Job B, whose drive came in job A's package, is not processed by closing A's package.
    expect(jobOf(after, JOB_B).state).toBe('Shipping');
    expect(extra.drive?.jobId).toBe(JOB_A);
    expect(other.drive?.jobId).toBe(JOB_B);
    expect(jobTransitions(target, JOB_A)).toEqual([{ from: 'Shipping', to: 'Received', reason: 'packageProcessed' }]);
  });

  it('flags a count below the declared one, and none when it matches', async () => {
    const target = await openWorld('close-count');
    const packageB = await checkIn(target, TRACKING_B);
    await target.call('scans.record', { packageId: packageB, code: 'BB001' });
    expect((await target.call('packages.close', { packageId: packageB })).countMismatch).toEqual({ declared: 2, counted: 1 });

    const packageA = await checkIn(target, TRACKING_A);
    for (const code of ['AA001', 'AA002', 'AA003']) await target.call('scans.record', { packageId: packageA, code });
    const closed = await target.call('packages.close', { packageId: packageA });
    expect(closed.countMismatch).toBeNull();
    expect(closed.neverReceived).toEqual([]);
  });

  it('closing a held package receives nothing and leaves the job where it was', async () => {
    const target = await openWorld('close-held');
    const packageId = await checkIn(target, TRACKING_CREATING);
    await target.call('scans.record', { packageId, code: 'CC001' });
    const before = await snapshot(target);

    const closed = await target.call('packages.close', { packageId });

    expect(closed.neverReceived).toEqual([]);
    expect(closed.jobState).toBe('Creating');
    const expected = copy(before);
    jobOf(expected, JOB_CREATING).packages = [closed.package];
    expect(await snapshot(target)).toEqual(expected);
    expect(jobTransitions(target, JOB_CREATING)).toEqual([]);
  });

  it('the job catches up at close-out when its drives moved on before the package was closed', async () => {
    // The drive moves are legal while the package is open; the job is still Shipping, so it cannot follow yet.
    const target = await openWorld('close-catch-up');
    const packageId = await checkIn(target, TRACKING_B);
    for (const serial of ['BB001', 'BB002']) {
      await target.call('scans.record', { packageId, code: serial });
      for (const to of ['Transferring', 'Completed', 'ShippedBack']) {
        await target.call('drives.transition', { jobId: JOB_B, driveId: serial, to });
      }
    }
    expect((await target.call('jobs.get', { jobId: JOB_B })).state).toBe('Shipping');

    const closed = await target.call('packages.close', { packageId });

    // Every drive copied clean and is shipped back: DESIGN §1 says the job is Completed. No drive move
    // is left that could move it later, so close-out is the last chance.
    expect(closed.jobState).toBe('Completed');
    expect((await target.call('jobs.get', { jobId: JOB_B })).state).toBe('Completed');
  });

  it('refuses to close a package twice', async () => {
    const target = await openWorld('close-twice');
    const packageId = await checkIn(target, TRACKING_A);
    await target.call('packages.close', { packageId });
    const before = await snapshot(target);
    const again = await target.raw('packages.close', { packageId });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await snapshot(target)).toEqual(before);
  });
});

describe('the job state follows its drives', () => {
  /** Checks a job's package in, scans the given codes, closes it. */
  async function receive(target: TestDesk, tracking: string, codes: readonly string[]): Promise<number> {
    const packageId = await checkIn(target, tracking);
    for (const code of codes) await target.call('scans.record', { packageId, code });
    await target.call('packages.close', { packageId });
    return packageId;
  }

  /** Moves a drive and returns the job state the move answered with, checked against jobs.get. */
  async function move(target: TestDesk, jobId: string, driveId: string, to: string, extra: { reason?: 'other' | 'damagedInShipment'; note?: string } = {}): Promise<string> {
    const result = await target.call('drives.transition', { jobId, driveId, to, ...extra });
    expect(result.drive.state).toBe(to);
    const job = await target.call('jobs.get', { jobId });
    expect(job.state).toBe(result.jobState);
    return result.jobState;
  }

  it('Received → Transferring → Packaging → Completed when every drive copies clean and ships back', async () => {
    const target = await openWorld('follow-completed');
    await receive(target, TRACKING_B, ['BB001', 'BB002']);
    expect((await target.call('jobs.get', { jobId: JOB_B })).state).toBe('Received');

    expect(await move(target, JOB_B, 'BB001', 'Transferring')).toBe('Transferring');
    expect(await move(target, JOB_B, 'BB001', 'Completed')).toBe('Transferring');
    expect(await move(target, JOB_B, 'BB002', 'Transferring')).toBe('Transferring');
    expect(await move(target, JOB_B, 'BB002', 'Completed')).toBe('Packaging');
    expect(await move(target, JOB_B, 'BB001', 'ShippedBack')).toBe('Packaging');
    expect(await move(target, JOB_B, 'BB002', 'ShippedBack')).toBe('Completed');

    expect(jobTransitions(target, JOB_B).map((t) => `${t.from}>${t.to}`)).toEqual([
      'Shipping>Received',
      'Received>Transferring',
      'Transferring>Packaging',
      'Packaging>Completed',
    ]);
    // Job transitions carry no serial: they are not in any drive's history.
    const history = await target.call('drives.history', { driveId: 'BB001' });
    expect(history.transitions.every((t) => t.entity === 'drive' && t.serial === 'BB001')).toBe(true);
    // A final job moves no further: a drive of it has nowhere to go.
    const stuck = await target.raw('drives.transition', { jobId: JOB_B, driveId: 'BB001', to: 'Faulted', reason: 'other', note: 'n' });
    expect(stuck).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
  });

  it('an extra drive does not hold the job up', async () => {
    const target = await openWorld('follow-extra');
    await receive(target, TRACKING_B, ['BB001', 'BB002', 'ZZ999']);
    for (const serial of ['BB001', 'BB002']) {
      await move(target, JOB_B, serial, 'Transferring');
      await move(target, JOB_B, serial, 'Completed');
    }
    await move(target, JOB_B, 'BB001', 'ShippedBack');
    expect(await move(target, JOB_B, 'BB002', 'ShippedBack')).toBe('Completed');
    const job = await target.call('jobs.get', { jobId: JOB_B });
    expect(job.drives.find((drive) => drive.serial === 'ZZ999')).toMatchObject({ isExtra: true, state: 'Received' });
  });

  it('Closed when a drive ends CompletedMoreInfo', async () => {
    const target = await openWorld('follow-more-info');
    await receive(target, TRACKING_B, ['BB001', 'BB002']);
    await move(target, JOB_B, 'BB001', 'Transferring');
    await move(target, JOB_B, 'BB002', 'Transferring');
    await move(target, JOB_B, 'BB001', 'Completed');
    expect(await move(target, JOB_B, 'BB002', 'CompletedMoreInfo')).toBe('Packaging');
    await move(target, JOB_B, 'BB001', 'ShippedBack');
    expect(await move(target, JOB_B, 'BB002', 'ShippedBack')).toBe('Closed');
    expect(jobTransitions(target, JOB_B).map((t) => t.to)).toEqual(['Received', 'Transferring', 'Packaging', 'Closed']);
  });

  it('Closed when a drive was NeverReceived', async () => {
    const target = await openWorld('follow-never-received');
    await receive(target, TRACKING_A, ['AA001', 'AA002']);
    await move(target, JOB_A, 'AA001', 'Transferring');
    await move(target, JOB_A, 'AA001', 'Completed');
    await move(target, JOB_A, 'AA002', 'Transferring');
    // AA003 is NeverReceived, which counts as done: the last copy puts the job in Packaging.
    expect(await move(target, JOB_A, 'AA002', 'Completed')).toBe('Packaging');
    await move(target, JOB_A, 'AA001', 'ShippedBack');
    expect(await move(target, JOB_A, 'AA002', 'ShippedBack')).toBe('Closed');
    expect(jobTransitions(target, JOB_A).map((t) => t.to)).toEqual(['Received', 'Transferring', 'Packaging', 'Closed']);
  });

  it('Closed when a drive was ever Faulted, even once resolved', async () => {
    const target = await openWorld('follow-faulted');
    await receive(target, TRACKING_B, ['BB001', 'BB002']);
    expect(await move(target, JOB_B, 'BB001', 'Faulted', { reason: 'damagedInShipment', note: 'dent' })).toBe('Received');
    expect(await move(target, JOB_B, 'BB001', 'Transferring', { note: 'dent is cosmetic' })).toBe('Transferring');
    await move(target, JOB_B, 'BB001', 'Completed');
    await move(target, JOB_B, 'BB002', 'Transferring');
    // A Faulted drive is not done: it holds the job in Transferring until resolved.
    await move(target, JOB_B, 'BB002', 'Faulted', { reason: 'other', note: 'copy stalled' });
    expect((await target.call('jobs.get', { jobId: JOB_B })).state).toBe('Transferring');
    expect(await move(target, JOB_B, 'BB002', 'Completed', { note: 'retried' })).toBe('Packaging');
    await move(target, JOB_B, 'BB001', 'ShippedBack');
    expect(await move(target, JOB_B, 'BB002', 'ShippedBack')).toBe('Closed');
  });

  it('a cancelled job ships its Received drives straight back: Received → Packaging → Completed', async () => {
    const target = await openWorld('follow-cancelled');
    await target.call('jobs.import', {
      document: jobDocument('job-cancelled', { trackingNumber: 'TRK-X-500', driveCount: 2, drives: ['XX-001', 'XX-002'], cancelRequested: true }),
    });
    await receive(target, 'TRK-X-500', ['XX001', 'XX002']);
    expect((await target.call('jobs.get', { jobId: 'job-cancelled' })).state).toBe('Received');

    expect(await move(target, 'job-cancelled', 'XX001', 'ShippedBack')).toBe('Received');
    expect(await move(target, 'job-cancelled', 'XX002', 'ShippedBack')).toBe('Completed');
    expect(jobTransitions(target, 'job-cancelled').map((t) => `${t.from}>${t.to}`)).toEqual([
      'Shipping>Received',
      'Received>Packaging',
      'Packaging>Completed',
    ]);
  });

  it('a cancelled job with a NeverReceived drive goes Received → Packaging → Closed', async () => {
    const target = await openWorld('follow-cancelled-closed');
    await target.call('jobs.import', {
      document: jobDocument('job-cancelled', { trackingNumber: 'TRK-X-500', driveCount: 2, drives: ['XX-001', 'XX-002'], cancelRequested: true }),
    });
    await receive(target, 'TRK-X-500', ['XX001']);
    expect(await move(target, 'job-cancelled', 'XX001', 'ShippedBack')).toBe('Closed');
    expect(jobTransitions(target, 'job-cancelled').map((t) => `${t.from}>${t.to}`)).toEqual([
      'Shipping>Received',
      'Received>Packaging',
      'Packaging>Closed',
    ]);
  });

  it('a drive of a job that is not cancelled cannot skip the copy', async () => {
    const target = await openWorld('follow-not-cancelled');
    await receive(target, TRACKING_B, ['BB001', 'BB002']);
    const skip = await target.raw('drives.transition', { jobId: JOB_B, driveId: 'BB001', to: 'ShippedBack' });
    expect(skip).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
    expect((await target.call('jobs.get', { jobId: JOB_B })).state).toBe('Received');
  });
});
