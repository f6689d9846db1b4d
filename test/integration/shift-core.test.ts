/**
 * What the desk says and keeps across a shift (docs/receiving-rules.md): every verdict says exactly
 * what happened (one key per case, its params, and the English message read from the same
 * catalogue), a reopened package brings back its whole scan list, a mistaken drive can be taken off
 * its job until it ships, a code scanned on any screen is looked up, the open and held packages
 * board, the drive card, the job header, the day's report and the ship-back plan.
 */
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/locales/en.json';
import type { CoreText } from '../../shared/rpc/envelope';
import { fixedClock } from '../../main/core/clock';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

const CORE = en.core as Record<string, string>;

/** The English a key says with its params, as the catalogue has it: the message must be exactly this. */
function english(text: CoreText): string {
  const template = CORE[text.key] ?? '';
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(text.params?.[name] ?? ''));
}

async function world(label: string): Promise<TestDesk> {
  const opened = openTestDesk(label);
  desk = opened;
  await opened.call('jobs.import', {
    document: {
      value: [
        jobDocument('job-a', { trackingNumber: 'TRK-A', driveCount: 3, drives: ['AA001', 'AA002', 'AA003'] }),
        jobDocument('job-b', { trackingNumber: 'TRK-B', driveCount: 1, drives: ['BB001'] }),
        jobDocument('job-creating', { state: 'Creating', trackingNumber: 'TRK-C', driveCount: 1, drives: ['CC001'] }),
        jobDocument('job-export', { jobType: 'Export', trackingNumber: 'TRK-E', driveCount: 1 }),
      ],
    },
  });
  return opened;
}

describe('every verdict says exactly what happened', () => {
  it('check-ins: matched, not Shipping, unknown, reopened (held or for a job)', async () => {
    const d = await world('texts-check-in');
    const matched = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    expect(matched.text).toEqual({ key: 'checkInMatched', params: { tracking: 'TRKA', job: 'job-a' } });
    expect(matched.message).toBe(english(matched.text));
    const creating = await d.call('packages.checkIn', { trackingNumber: 'TRK-C' });
    expect(creating.text).toEqual({ key: 'checkInNotShipping', params: { tracking: 'TRKC', job: 'job-creating', jobState: 'Creating' } });
    const unknown = await d.call('packages.checkIn', { trackingNumber: 'TRK-NOBODY' });
    expect(unknown.text).toEqual({ key: 'checkInUnknown', params: { tracking: 'TRKNOBODY' } });
    expect((await d.call('packages.checkIn', { trackingNumber: 'TRK-A' })).text).toEqual({ key: 'checkInReopenedForJob', params: { tracking: 'TRKA', job: 'job-a' } });
    expect((await d.call('packages.checkIn', { trackingNumber: 'TRK-NOBODY' })).text).toEqual({ key: 'checkInReopenedHeld', params: { tracking: 'TRKNOBODY' } });
  });

  it('scans: one text per case, the held package told apart from a job that is not Shipping', async () => {
    const d = await world('texts-scans');
    const a = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    const scan = async (code: string) => {
      const result = await d.call('scans.record', { packageId: a.packageId, code });
      expect(result.message, code).toBe(english(result.text));
      return result.text;
    };
    expect(await scan('AA001')).toEqual({ key: 'scanReceived', params: { serial: 'AA001', job: 'job-a' } });
    expect(await scan('AA001')).toEqual({ key: 'scanDuplicate', params: { serial: 'AA001', job: 'job-a', state: 'Received' } });
    expect(await scan('BB001')).toEqual({ key: 'scanOtherJob', params: { serial: 'BB001', job: 'job-b', packageJob: 'job-a' } });
    expect(await scan('CC001')).toEqual({ key: 'scanHeldJobNotShipping', params: { serial: 'CC001', job: 'job-creating', jobState: 'Creating' } });
    expect(await scan('ZZ999')).toEqual({ key: 'scanExtra', params: { serial: 'ZZ999', job: 'job-a' } });
    expect(await scan('TRK-B')).toEqual({ key: 'scanInvalidOtherTrackingNumber', params: { code: 'TRKB' } });
    expect(await scan('TRK-A')).toEqual({ key: 'scanInvalidOwnTrackingNumber', params: { code: 'TRK-A' } });
    expect(await scan('x'.repeat(300))).toMatchObject({ key: 'scanInvalidTooLong' });

    // An unknown package holds everything; a drive of a Shipping job in it is told why it is held.
    const unknown = await d.call('packages.checkIn', { trackingNumber: 'TRK-NOBODY' });
    const inHeld = await d.call('scans.record', { packageId: unknown.packageId, code: 'AA002' });
    expect(inHeld.verdict).toBe('held');
    expect(inHeld.text).toEqual({ key: 'scanHeldInHeldPackage', params: { serial: 'AA002', tracking: 'TRKNOBODY', job: 'job-a' } });
    expect(inHeld.message).not.toMatch(/not Shipping/);
    expect((await d.call('scans.record', { packageId: unknown.packageId, code: 'QQ123' })).text).toEqual({
      key: 'scanHeldUnknownPackage',
      params: { serial: 'QQ123', tracking: 'TRKNOBODY' },
    });
    const creating = await d.call('packages.checkIn', { trackingNumber: 'TRK-C' });
    expect((await d.call('scans.record', { packageId: creating.packageId, code: 'CC001' })).text).toEqual({
      key: 'scanHeldPackageNotShipping',
      params: { serial: 'CC001', tracking: 'TRKC', job: 'job-creating', jobState: 'Creating' },
    });
  });

  it('a recovered drive is received now, not "again"; an export over-count is not "off the list"', async () => {
    const d = await world('texts-recovered');
    const a = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    await d.call('packages.close', { packageId: a.packageId });
    await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    const recovered = await d.call('scans.record', { packageId: a.packageId, code: 'AA003' });
    expect(recovered.text).toEqual({ key: 'scanRecovered', params: { serial: 'AA003', job: 'job-a' } });
    expect(recovered.message).not.toMatch(/again/i);

    const e = await d.call('packages.checkIn', { trackingNumber: 'TRK-E' });
    expect((await d.call('scans.record', { packageId: e.packageId, code: 'EX001' })).text).toEqual({
      key: 'scanRegisteredOf',
      params: { serial: 'EX001', job: 'job-export', count: 1, declared: 1 },
    });
    const over = await d.call('scans.record', { packageId: e.packageId, code: 'EX002' });
    expect(over.text).toEqual({ key: 'scanExportOverCount', params: { serial: 'EX002', job: 'job-export', declared: 1 } });
    expect(over.message).not.toMatch(/not on the list|no job/);
  });

  it('undo says what it undid: a move back, a drive taken off, or a scan that changed nothing', async () => {
    const d = await world('texts-undo');
    const a = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    const received = await d.call('scans.record', { packageId: a.packageId, code: 'AA001' });
    const duplicate = await d.call('scans.record', { packageId: a.packageId, code: 'AA001' });
    const extra = await d.call('scans.record', { packageId: a.packageId, code: 'ZZ999' });
    const undoDuplicate = await d.call('scans.undo', { scanId: duplicate.scanId as number });
    expect(undoDuplicate.text).toEqual({ key: 'undoneNothingMoved', params: { serial: 'AA001' } });
    expect(undoDuplicate.message).not.toMatch(/both moves/);
    expect((await d.call('scans.undo', { scanId: extra.scanId as number })).text).toEqual({ key: 'undoneRemoved', params: { serial: 'ZZ999', job: 'job-a' } });
    expect((await d.call('scans.undo', { scanId: received.scanId as number })).text).toEqual({ key: 'undoneMoved', params: { serial: 'AA001', state: 'Specified' } });
  });
});

describe('a reopened package brings back its whole scan list', () => {
  it('the check-in after a close (or a reload) answers with every scan, undone ones marked, in order', async () => {
    const d = await world('reopen-scans');
    const a = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    const first = await d.call('scans.record', { packageId: a.packageId, code: 'AA001' });
    await d.call('scans.record', { packageId: a.packageId, code: 'AA002' });
    await d.call('scans.undo', { scanId: first.scanId as number });
    await d.call('packages.close', { packageId: a.packageId });
    const again = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    expect(again.verdict).toBe('reopened');
    expect(again.scans.map((scan) => [scan.serial, scan.verdict, scan.undone])).toEqual([
      ['AA001', 'received', true],
      ['AA002', 'received', false],
    ]);
    // The scans after the reopen can be undone like any other.
    const scanned = again.scans.find((scan) => scan.serial === 'AA002');
    expect((await d.call('scans.undo', { scanId: scanned?.id as number })).text.key).toBe('undoneMoved');
  });
});

describe('a drive added by mistake is taken off its job, with the reason, until it ships', () => {
  it('an extra drive and a registered export drive go; a listed drive and a shipped one do not', async () => {
    const d = await world('remove-drive');
    const a = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    await d.call('scans.record', { packageId: a.packageId, code: 'AA0O1' });
    const removed = await d.call('drives.remove', { jobId: 'job-a', driveId: 'AA0O1', reason: 'look-alike of AA001, misread label' });
    expect(removed.drive.state).toBe('Removed');
    expect(removed.transition).toMatchObject({ from: 'Received', to: 'Removed', reason: 'removedByOperator', note: 'look-alike of AA001, misread label' });
    expect(removed.text).toEqual({ key: 'driveRemoved', params: { serial: 'AA0O1', job: 'job-a' } });
    const job = await d.call('jobs.get', { jobId: 'job-a' });
    expect(job.drives.map((drive) => drive.serial)).not.toContain('AA0O1');

    expect(await d.raw('drives.remove', { jobId: 'job-a', driveId: 'AA001', reason: 'why not' })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'removeListedDrive' } });
    expect(await d.raw('drives.remove', { jobId: 'job-a', driveId: 'AA0O1', reason: 'again' })).toMatchObject({ ok: false, error: { code: 'not_found', key: 'driveNotInJob' } });
    expect(await d.raw('drives.remove', { jobId: 'job-a', driveId: 'AA002', reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid_params', params: { field: 'reason' } } });

    const e = await d.call('packages.checkIn', { trackingNumber: 'TRK-E' });
    await d.call('scans.record', { packageId: e.packageId, code: 'EX001' });
    await d.call('packages.close', { packageId: e.packageId });
    expect((await d.call('drives.remove', { jobId: 'job-export', driveId: 'EX001', reason: 'not the customer\'s drive' })).drive.state).toBe('Removed');

    await d.call('scans.record', { packageId: a.packageId, code: 'ZZ777' });
    await d.call('jobs.shipBack', { jobId: 'job-a', carrierName: 'UPS', trackingNumber: '1ZRETURN' });
    expect(await d.raw('drives.remove', { jobId: 'job-a', driveId: 'ZZ777', reason: 'too late' })).toMatchObject({ ok: false, error: { code: 'illegal_transition', key: 'removeShippedDrive' } });
  });
});

describe('a code scanned on any screen is looked up, never dropped', () => {
  it('a package, a job\'s tracking number, a listed or held drive, and anything else said why', async () => {
    const d = await world('lookup');
    const a = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    expect(await d.call('codes.lookup', { code: 'trk-a' })).toEqual({ kind: 'package', trackingNumber: 'TRKA', packageId: a.packageId, jobId: 'job-a' });
    expect(await d.call('codes.lookup', { code: 'TRK-B' })).toEqual({ kind: 'package', trackingNumber: 'TRKB', packageId: null, jobId: 'job-b' });
    expect(await d.call('codes.lookup', { code: 'bb-001' })).toEqual({ kind: 'drive', serial: 'BB001', jobIds: ['job-b'] });
    const unknown = await d.call('packages.checkIn', { trackingNumber: 'TRK-NOBODY' });
    await d.call('scans.record', { packageId: unknown.packageId, code: 'HELD42' });
    expect(await d.call('codes.lookup', { code: 'HELD42' })).toEqual({ kind: 'drive', serial: 'HELD42', jobIds: [] });
    expect(await d.call('codes.lookup', { code: 'NOTHING-HERE' })).toMatchObject({ kind: 'unknown', text: { key: 'lookupUnknown', params: { code: 'NOTHINGHERE' } } });
    expect(await d.call('codes.lookup', { code: 'x'.repeat(300) })).toMatchObject({ kind: 'unknown', text: { key: 'scanInvalidTooLong' } });
  });
});

describe('the open and held packages board, the drive card and the job header', () => {
  it('lists every package not closed and every held one, with its next step and deadline', async () => {
    const d = await world('board');
    const a = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    await d.call('scans.record', { packageId: a.packageId, code: 'AA001' });
    const b = await d.call('packages.checkIn', { trackingNumber: 'TRK-B' });
    await d.call('scans.record', { packageId: b.packageId, code: 'BB001' });
    const closed = await d.call('packages.checkIn', { trackingNumber: 'TRK-E' });
    await d.call('packages.close', { packageId: closed.packageId });
    const held = await d.call('packages.checkIn', { trackingNumber: 'TRK-C' });
    await d.call('scans.record', { packageId: held.packageId, code: 'CC001' });

    const board = await d.call('packages.list', {});
    const byTracking = Object.fromEntries(board.packages.map((row) => [row.package.trackingNumber, row]));
    expect(Object.keys(byTracking).sort()).toEqual(['TRKA', 'TRKB', 'TRKC']);
    expect(byTracking.TRKA).toMatchObject({ listed: 3, received: 1, missing: 2, nextStep: 'scanDrives', dueAt: null });
    expect(byTracking.TRKB).toMatchObject({ listed: 1, received: 1, missing: 0, nextStep: 'close' });
    expect(byTracking.TRKC).toMatchObject({ held: 1, nextStep: 'contactCustomer', job: { id: 'job-creating', state: 'Creating' } });
    expect(byTracking.TRKC?.dueAt).toBe(new Date(new Date(byTracking.TRKC?.package.checkedInAt ?? '').getTime() + 14 * 86_400_000).toISOString());
    const later = await d.call('packages.list', { asOf: new Date(Date.now() + 100 * 86_400_000).toISOString() });
    expect(later.packages.find((row) => row.package.trackingNumber === 'TRKC')?.nextStep).toBe('destroyDrives');
  });

  it('the drive card says where the drive is; the job header says what blocks the job', async () => {
    const d = await world('card');
    const a = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    await d.call('scans.record', { packageId: a.packageId, code: 'AA001' });
    await d.call('drives.transition', { jobId: 'job-a', driveId: 'AA002', to: 'Faulted', reason: 'damagedInShipment', note: 'cracked case' });
    const card = await d.call('drives.history', { driveId: 'aa-001' });
    expect(card.cards).toHaveLength(1);
    expect(card.cards[0]).toMatchObject({ drive: { state: 'Received' }, job: { id: 'job-a' }, package: { trackingNumber: 'TRKA' }, whereabouts: { key: 'whereAtSiteFromPackage', params: { job: 'job-a', tracking: 'TRKA' } } });
    expect(card.packages.map((pkg) => pkg.trackingNumber)).toEqual(['TRKA']);
    expect((await d.call('drives.history', { driveId: 'AA003' })).cards[0]?.whereabouts).toEqual({ key: 'whereExpected', params: { job: 'job-a' } });
    const faulted = await d.call('drives.history', { driveId: 'AA002' });
    expect(faulted.transitions.at(-1)).toMatchObject({ to: 'Faulted', reason: 'damagedInShipment', note: 'cracked case', operator: 'operator' });

    const header = (await d.call('jobs.get', { jobId: 'job-a' })).header;
    expect(header.deliveryTracking).toBe('TRKA');
    expect(header.blocking).toEqual([
      { key: 'jobPackageOpen', params: { tracking: 'TRKA' } },
      { key: 'jobDrivesFaulted', params: { count: 1 } },
    ]);
    expect((await d.call('jobs.get', { jobId: 'job-creating' })).header.blocking).toEqual([{ key: 'jobBlockedCreating', params: { job: 'job-creating' } }]);
    expect((await d.call('jobs.get', { jobId: 'job-b' })).header.blocking).toEqual([{ key: 'jobAwaitingPackage', params: { tracking: 'TRKB' } }]);
  });
});

describe('the day\'s report and shipping back', () => {
  it('names who received each drive, marks a drive from another job\'s box, and lists a held drive under its own job', async () => {
    const clock = fixedClock('2026-11-20T09:00:00.000Z');
    const opened = openTestDesk('report', clock);
    desk = opened;
    await opened.call('jobs.import', {
      document: {
        value: [
          jobDocument('job-a', { trackingNumber: 'TRK-A', driveCount: 2, drives: ['AA001', 'AA002'] }),
          jobDocument('job-b', { trackingNumber: 'TRK-B', driveCount: 1, drives: ['BB001'] }),
          jobDocument('job-creating', { state: 'Creating', trackingNumber: 'TRK-C', driveCount: 1, drives: ['CC001'] }),
        ],
      },
    });
    await opened.call('operators.save', { name: 'Alice' });
    await opened.call('operators.save', { name: 'Bob' });
    await opened.call('operators.signIn', { name: 'Alice' });
    const a = await opened.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    await opened.call('scans.record', { packageId: a.packageId, code: 'AA001' });
    await opened.call('scans.record', { packageId: a.packageId, code: 'BB001' });
    await opened.call('scans.record', { packageId: a.packageId, code: 'CC001' });
    await opened.call('operators.signIn', { name: 'Bob' });
    await opened.call('drives.transition', { jobId: 'job-a', driveId: 'AA001', to: 'Faulted', reason: 'labelUnreadable', note: 'smudged' });
    const report = await opened.call('reports.daily', { day: '2026-11-20' });
    const row = (serial: string) => report.rows.find((entry) => entry.serial === serial);
    expect(row('AA001')).toMatchObject({ jobId: 'job-a', receipt: 'received', operator: 'Alice', discrepancies: ['faulted'] });
    expect(row('BB001')).toMatchObject({ jobId: 'job-b', receipt: 'otherJob', operator: 'Alice', packageTracking: 'TRKA' });
    expect(row('CC001')).toMatchObject({ jobId: 'job-creating', discrepancies: ['held'], packageTracking: 'TRKA' });
    expect(report.counts).toMatchObject({ received: 1, otherJob: 1, held: 1, faulted: 1 });
  });

  it('the ship-back plan says what goes, what stays and why, and changes nothing', async () => {
    const d = await world('ship-plan');
    const a = await d.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    await d.call('scans.record', { packageId: a.packageId, code: 'AA001' });
    await d.call('scans.record', { packageId: a.packageId, code: 'ZZ999' });
    await d.call('packages.close', { packageId: a.packageId });
    const plan = await d.call('jobs.shipBackPlan', { jobId: 'job-a' });
    expect(plan.goes.map((drive) => drive.serial)).toEqual(['ZZ999']);
    expect(plan.stays.map((stay) => stay.why)).toEqual([
      { key: 'shipStaysNotCopied', params: { serial: 'AA001' } },
      { key: 'shipStaysNeverReceived', params: { serial: 'AA002' } },
      { key: 'shipStaysNeverReceived', params: { serial: 'AA003' } },
    ]);
    expect((await d.call('jobs.get', { jobId: 'job-a' })).drives.find((drive) => drive.serial === 'ZZ999')?.state).toBe('Received');
  });
});
