import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/core/clock';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

const DAY = 24 * 60 * 60 * 1000;

describe('scans.undo: a compensating transition, never a deletion', () => {
  async function received(): Promise<{ desk: TestDesk; packageId: number }> {
    const opened = openTestDesk('undo');
    await opened.call('jobs.import', { document: jobDocument('undo-job', { trackingNumber: 'UNDO1', driveCount: 2, drives: ['UA1', 'UB2'] }) });
    const { packageId } = await opened.call('packages.checkIn', { trackingNumber: 'UNDO1' });
    return { desk: opened, packageId };
  }

  it('moves a received drive back to Specified and keeps both moves in history', async () => {
    const world = await received();
    desk = world.desk;
    const scan = await desk.call('scans.record', { packageId: world.packageId, code: 'UA1' });
    expect(scan.tally.received).toBe(1);
    const undone = await desk.call('scans.undo', { scanId: scan.scanId ?? 0 });
    expect(undone.drive?.state).toBe('Specified');
    expect(undone.compensation).toMatchObject({ from: 'Received', to: 'Specified', reason: 'undoScan' });
    expect(undone.tally.received).toBe(0);
    const history = await desk.call('drives.history', { driveId: 'UA1' });
    expect(history.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['Specified>Received', 'Received>Specified']);
    const again = await desk.raw('scans.undo', { scanId: scan.scanId });
    expect(again.ok ? '' : again.error.code).toBe('conflict');
  });

  it('removes an extra drive from the package, and a new scan brings it back', async () => {
    const world = await received();
    desk = world.desk;
    const extra = await desk.call('scans.record', { packageId: world.packageId, code: 'STRAY9' });
    expect(extra.verdict).toBe('extra');
    await desk.call('scans.undo', { scanId: extra.scanId ?? 0 });
    const afterUndo = await desk.call('packages.get', { packageId: world.packageId });
    expect(afterUndo.expected.map((drive) => drive.serial)).toEqual(['UA1', 'UB2']);
    expect(afterUndo.tally.extra).toBe(0);
    const rescan = await desk.call('scans.record', { packageId: world.packageId, code: 'STRAY9' });
    expect(rescan.verdict).toBe('extra');
    expect((await desk.call('packages.get', { packageId: world.packageId })).expected.map((drive) => drive.serial)).toContain('STRAY9');
  });

  it('refuses to undo a scan whose drive has moved on, and changes nothing', async () => {
    const world = await received();
    desk = world.desk;
    const scan = await desk.call('scans.record', { packageId: world.packageId, code: 'UB2' });
    await desk.call('drives.transition', { jobId: 'undo-job', driveId: 'UB2', to: 'Transferring' });
    const refused = await desk.raw('scans.undo', { scanId: scan.scanId });
    expect(refused.ok ? '' : refused.error.message).toContain('has moved on');
    const job = await desk.call('jobs.get', { jobId: 'undo-job' });
    expect(job.drives.find((drive) => drive.serial === 'UB2')?.state).toBe('Transferring');
    expect((await desk.call('packages.get', { packageId: world.packageId })).tally.received).toBe(1);
  });

  it('suggests the listed serial one look-alike character away from an extra scan', async () => {
    const world = await received();
    desk = world.desk;
    const scan = await desk.call('scans.record', { packageId: world.packageId, code: 'U81' }); // 8 for B
    expect(scan.verdict).toBe('extra');
    expect(scan.nearMisses).toEqual([]);
    const close = await desk.call('scans.record', { packageId: world.packageId, code: 'UAI' }); // I for 1
    expect(close.nearMisses).toEqual(['UA1']);
  });
});

describe('deadlines.list with a fixed clock', () => {
  it('dates a held package: contact now, return after 14 days, destroy after 90', async () => {
    const clock = fixedClock('2026-03-01T10:00:00.000Z');
    desk = openTestDesk('held', clock);
    await desk.call('jobs.import', { document: jobDocument('creating-job', { state: 'Creating', trackingNumber: 'CRE1', drives: ['CR1'] }) });
    const unknown = await desk.call('packages.checkIn', { trackingNumber: 'NOBODY-1' });
    expect(unknown.verdict).toBe('unknown');
    await desk.call('scans.record', { packageId: unknown.packageId, code: 'LOOSE1' });
    const creating = await desk.call('packages.checkIn', { trackingNumber: 'CRE1' });
    expect(creating.verdict).toBe('notShipping');
    await desk.call('scans.record', { packageId: creating.packageId, code: 'CR1' });

    const stageOn = async (asOf: string) => (await desk!.call('deadlines.list', { asOf })).heldPackages.map((pkg) => pkg.stage);
    expect(await stageOn('2026-03-02T00:00:00Z')).toEqual(['contact', 'contact']);
    expect(await stageOn('2026-03-15T09:59:59Z')).toEqual(['contact', 'contact']);
    expect(await stageOn('2026-03-15T10:00:00Z')).toEqual(['return', 'return']);
    expect(await stageOn('2026-05-30T10:00:00Z')).toEqual(['destroy', 'destroy']);
    const list = await desk.call('deadlines.list', { asOf: '2026-03-02' });
    expect(list.heldPackages[0]).toMatchObject({
      trackingNumber: 'NOBODY1',
      jobId: null,
      heldSince: '2026-03-01T10:00:00.000Z',
      returnBy: '2026-03-15T10:00:00.000Z',
      destroyBy: '2026-05-30T10:00:00.000Z',
      serials: ['LOOSE1'],
    });
    expect(list.heldPackages[1]).toMatchObject({ jobId: 'creating-job', serials: ['CR1'] });
    // The held drive was not received.
    expect((await desk.call('jobs.get', { jobId: 'creating-job' })).drives[0]?.state).toBe('Specified');
  });

  it('flags a Shipping job overdue after 14 days and due for Closed at 30, from its ship date', async () => {
    const clock = fixedClock('2026-11-01T12:00:00.000Z');
    desk = openTestDesk('shipping', clock);
    const shipped = jobDocument('slow-job', { trackingNumber: 'SLOW1', drives: ['SL1'] });
    (shipped.properties as { deliveryPackage: Record<string, unknown> }).deliveryPackage.shipDate = '11/1/2026 9:00:00 AM';
    await desk.call('jobs.import', { document: shipped });
    await desk.call('jobs.import', { document: jobDocument('undated-job', { trackingNumber: 'UND1', drives: ['UD1'] }) });
    await desk.call('jobs.import', { document: jobDocument('arrived-job', { trackingNumber: 'ARR1', drives: ['AR1'] }) });
    await desk.call('packages.checkIn', { trackingNumber: 'ARR1' });

    const overdue = async (asOf: string) =>
      (await desk!.call('deadlines.list', { asOf })).overdueJobs.map((job) => `${job.jobId}:${job.stage}`);
    expect(await overdue('2026-11-15T08:59:00Z')).toEqual([]);
    expect(await overdue('2026-11-15T09:00:00Z')).toEqual(['slow-job:overdue']);
    expect(await overdue('2026-11-15T12:00:00Z')).toEqual(['slow-job:overdue', 'undated-job:overdue']);
    expect(await overdue('2026-12-01T09:00:00Z')).toEqual(['slow-job:dueForClosed', 'undated-job:overdue']);
    const [slow] = (await desk.call('deadlines.list', { asOf: '2026-12-01T09:00:00Z' })).overdueJobs;
    expect(slow).toMatchObject({ shippingSince: '2026-11-01T09:00:00.000Z', overdueAt: '2026-11-15T09:00:00.000Z', closeAt: '2026-12-01T09:00:00.000Z' });
  });

  it('purges a job 90 days after it ended, keeping its history', async () => {
    const clock = fixedClock('2026-01-10T08:00:00.000Z');
    desk = openTestDesk('purge', clock);
    await desk.call('jobs.import', { document: jobDocument('done-job', { trackingNumber: 'DONE1', driveCount: 1, drives: ['DN1'] }) });
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'DONE1' });
    await desk.call('scans.record', { packageId, code: 'DN1' });
    await desk.call('packages.close', { packageId });
    for (const to of ['Transferring', 'Completed']) await desk.call('drives.transition', { jobId: 'done-job', driveId: 'DN1', to });
    clock.advance(2 * DAY);
    const last = await desk.call('drives.transition', { jobId: 'done-job', driveId: 'DN1', to: 'ShippedBack' });
    expect(last.jobState).toBe('Completed');

    const ended = await desk.call('deadlines.list', { asOf: '2026-04-13T07:59:59Z' });
    expect(ended.endedJobs).toEqual([
      { jobId: 'done-job', state: 'Completed', endedAt: '2026-01-12T08:00:00.000Z', purgeAt: '2026-04-12T08:00:00.000Z', due: true },
    ]);
    expect((await desk.call('deadlines.list', { asOf: '2026-04-12T07:59:59Z' })).endedJobs[0]?.due).toBe(false);
    // asOf only previews: nothing is purged before the desk's own clock reaches the date.
    expect(await desk.call('jobs.purge', { asOf: '2026-04-12T07:59:59Z' })).toMatchObject({ preview: true, purged: [], wouldPurge: [] });
    expect(await desk.call('jobs.purge', { asOf: '2026-04-12T08:00:00Z' })).toMatchObject({ preview: true, purged: [], wouldPurge: ['done-job'] });
    await desk.call('operators.save', { name: 'Sam Supervisor', role: 'supervisor', badge: 'SUP-1' });
    clock.set('2026-04-12T07:59:59Z');
    expect((await desk.call('jobs.purge', { supervisorBadge: 'SUP-1' })).purged).toEqual([]);
    clock.set('2026-04-12T08:00:00Z');
    expect((await desk.call('jobs.purge', { supervisorBadge: 'SUP-1' })).purged).toEqual(['done-job']);
    expect((await desk.call('jobs.list', {})).total).toBe(0);
    const history = await desk.call('drives.history', { driveId: 'DN1' });
    expect(history.transitions.map((t) => t.to)).toEqual(['Received', 'Transferring', 'Completed', 'ShippedBack']);
  });

  it('refuses an asOf that is not a date', async () => {
    desk = openTestDesk('asof');
    const bad = await desk.raw('deadlines.list', { asOf: 'next tuesday' });
    expect(bad.ok ? '' : bad.error.message).toContain('asOf');
  });
});
