import { afterEach, describe, expect, it } from 'vitest';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

async function deskWithJob(): Promise<TestDesk> {
  const opened = openTestDesk('receiving');
  await opened.call('jobs.import', {
    document: jobDocument('job-four', {
      trackingNumber: '1Z-999-AA1',
      driveCount: 4,
      drives: ['WD-AB12', 'SN0001', 'SN0002', 'SN0003'],
    }),
  });
  await opened.call('jobs.import', { document: jobDocument('job-other', { trackingNumber: 'OTHER1', drives: ['OTHER-DRIVE-9'] }) });
  return opened;
}

describe('the receiving scenario through the core', () => {
  it('checks in, scans, closes, and records the history', async () => {
    desk = await deskWithJob();
    const checkIn = await desk.call('packages.checkIn', { trackingNumber: '1z999aa1' });
    expect(checkIn.verdict).toBe('matched');
    expect(checkIn.job?.id).toBe('job-four');
    expect(checkIn.expected.map((drive) => drive.serial)).toEqual(['WDAB12', 'SN0001', 'SN0002', 'SN0003']);
    const packageId = checkIn.packageId;

    const verdicts = [];
    for (const code of ['wd-ab 12', 'SN0001', 'SN0002', 'SN0001', 'NOT-IN-ANY-JOB-7']) {
      verdicts.push((await desk.call('scans.record', { packageId, code })).verdict);
    }
    expect(verdicts).toEqual(['received', 'received', 'received', 'duplicate', 'extra']);

    const invalid = await desk.call('scans.record', { packageId, code: 'x'.repeat(4000) });
    expect(invalid).toMatchObject({ verdict: 'invalid', reason: 'tooLong' });
    const ownTracking = await desk.call('scans.record', { packageId, code: '1Z999AA1' });
    expect(ownTracking).toMatchObject({ verdict: 'invalid', reason: 'trackingNumber' });

    const closed = await desk.call('packages.close', { packageId });
    expect(closed.neverReceived.map((drive) => drive.serial)).toEqual(['SN0003']);
    expect(closed.extraDrives.map((drive) => drive.serial)).toEqual(['NOTINANYJOB7']);
    expect(closed.tally).toMatchObject({ received: 3, duplicate: 1, extra: 1, invalid: 0 });
    expect(closed.countMismatch).toBeNull();
    expect(closed.jobState).toBe('Received');

    const history = await desk.call('drives.history', { driveId: 'sn-0003' });
    expect(history.transitions.map((t) => [t.from, t.to])).toEqual([['Specified', 'NeverReceived']]);
    expect(history.transitions[0]).toMatchObject({ jobId: 'job-four', operator: 'operator' });
  });

  it('flags a drive count different from the declared one', async () => {
    desk = await deskWithJob();
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: '1Z999AA1' });
    await desk.call('scans.record', { packageId, code: 'SN0001' });
    const closed = await desk.call('packages.close', { packageId });
    expect(closed.countMismatch).toEqual({ declared: 4, counted: 1 });
  });

  it('refuses to scan into a closed package and changes nothing', async () => {
    desk = await deskWithJob();
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: '1Z999AA1' });
    await desk.call('packages.close', { packageId });
    const envelope = await desk.raw('scans.record', { packageId, code: 'SN0001' });
    expect(envelope.ok ? '' : envelope.error.code).toBe('conflict');
    const job = await desk.call('jobs.get', { jobId: 'job-four' });
    expect(job.drives.find((drive) => drive.serial === 'SN0001')?.state).toBe('NeverReceived');
  });
});

describe('drives.transition', () => {
  it('rejects an illegal move naming the legal ones, and records nothing', async () => {
    desk = await deskWithJob();
    const envelope = await desk.raw('drives.transition', { jobId: 'job-four', driveId: 'SN0001', to: 'Completed' });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('illegal_transition');
    expect(envelope.error.message).toContain('Legal: Received, NeverReceived, Faulted');
    expect((await desk.call('drives.history', { driveId: 'SN0001' })).transitions).toEqual([]);
  });

  it('faults a drive with a reason and resolves it back with a note', async () => {
    desk = await deskWithJob();
    const faulted = await desk.call('drives.transition', {
      jobId: 'job-four',
      driveId: 'SN0001',
      to: 'Faulted',
      reason: 'damagedInShipment',
      note: 'cracked casing',
    });
    expect(faulted.drive).toMatchObject({ state: 'Faulted', faultedFrom: 'Specified' });
    const noNote = await desk.raw('drives.transition', { jobId: 'job-four', driveId: 'SN0001', to: 'Received' });
    expect(noNote.ok ? '' : noNote.error.message).toContain('note');
    const resolved = await desk.call('drives.transition', { jobId: 'job-four', driveId: 'SN0001', to: 'Received', note: 'casing only' });
    expect(resolved.drive).toMatchObject({ state: 'Received', faultedFrom: null });
    const history = await desk.call('drives.history', { driveId: 'SN0001' });
    expect(history.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['Specified>Faulted', 'Faulted>Received']);
  });
});

describe('the dispatcher boundary', () => {
  it('answers an unknown method and a bad payload with envelopes that say what was wrong', async () => {
    desk = openTestDesk('dispatch');
    const unknown = await desk.raw('jobs.delete', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const bad = await desk.raw('scans.record', { packageId: 'seven', code: 3 });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid_params');
    expect(bad.error.message).toContain('packageId');
    expect(bad.error.message).toContain('code');
    const extraField = await desk.raw('jobs.get', { jobId: 'x', sneaky: true });
    expect(extraField.ok ? '' : extraField.error.message).toContain('sneaky');
  });
});

describe('search by serial, job name and tracking number', () => {
  it('finds a job by any of the three, in any spelling of the serial', async () => {
    desk = await deskWithJob();
    const names = async (search: string) => (await desk!.call('jobs.list', { search })).jobs.map((job) => job.id);
    expect(await names('sn-0002')).toEqual(['job-four']);
    expect(await names('job-oth')).toEqual(['job-other']);
    expect(await names('1z999')).toEqual(['job-four']);
    expect(await names('no-such-thing')).toEqual([]);
    expect(await names('%')).toEqual([]);
  });
});
