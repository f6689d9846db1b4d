import { afterEach, describe, expect, it } from 'vitest';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

describe('held packages and drives of jobs that are not Shipping', () => {
  it('releases a held package once its job is Shipping, and then receives its drives', async () => {
    desk = openTestDesk('release');
    await desk.call('jobs.import', { document: jobDocument('late-job', { state: 'Creating', trackingNumber: 'LATE-1', drives: ['LT1'] }) });
    const held = await desk.call('packages.checkIn', { trackingNumber: 'LATE-1' });
    expect(held).toMatchObject({ verdict: 'notShipping', package: { held: true } });
    expect((await desk.call('scans.record', { packageId: held.packageId, code: 'LT1' })).verdict).toBe('held');

    await desk.call('jobs.import', { document: jobDocument('late-job', { state: 'Shipping', trackingNumber: 'LATE-1', drives: ['LT1'] }) });
    const again = await desk.call('packages.checkIn', { trackingNumber: 'LATE-1' });
    expect(again).toMatchObject({ packageId: held.packageId, verdict: 'matched', package: { held: false, jobId: 'late-job', outcome: 'released' } });
    // The release received the drive held in the box by the normal rules: scanning it again changes nothing.
    expect((await desk.call('jobs.get', { jobId: 'late-job' })).drives[0]?.state).toBe('Received');
    expect((await desk.call('scans.record', { packageId: held.packageId, code: 'LT1' })).verdict).toBe('duplicate');
  });

  it('gives an unknown package its job once the job is imported', async () => {
    desk = openTestDesk('unknown-release');
    const unknown = await desk.call('packages.checkIn', { trackingNumber: 'MYSTERY-9' });
    expect(unknown.verdict).toBe('unknown');
    await desk.call('jobs.import', { document: jobDocument('found-job', { trackingNumber: 'MYSTERY-9', drives: ['FD1'] }) });
    expect((await desk.call('packages.checkIn', { trackingNumber: 'mystery9' })).verdict).toBe('matched');
  });

  it("holds a Creating job's drive found in another job's package instead of receiving it", async () => {
    desk = openTestDesk('creating-drive');
    await desk.call('jobs.import', {
      document: {
        value: [
          jobDocument('shipping-job', { trackingNumber: 'SHIP-1', drives: ['SH1'] }),
          jobDocument('creating-job', { state: 'Creating', trackingNumber: 'CREA-1', drives: ['CR9'] }),
        ],
      },
    });
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'SHIP-1' });
    const scan = await desk.call('scans.record', { packageId, code: 'CR9' });
    expect(scan).toMatchObject({ verdict: 'held', belongsToJobId: 'creating-job', drive: null });
    expect((await desk.call('jobs.get', { jobId: 'creating-job' })).drives[0]?.state).toBe('Specified');
  });

  it("refuses another package's tracking number as a drive, changing nothing", async () => {
    desk = openTestDesk('tracking-scan');
    await desk.call('jobs.import', {
      document: { value: [jobDocument('a-job', { trackingNumber: 'TRK-A', drives: ['A1'] }), jobDocument('b-job', { trackingNumber: 'TRK-B', drives: ['B1'] })] },
    });
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-A' });
    const scan = await desk.call('scans.record', { packageId, code: 'trk-b' });
    expect(scan).toMatchObject({ verdict: 'invalid', reason: 'trackingNumber', scanId: null });
    expect((await desk.call('packages.get', { packageId })).scans).toEqual([]);
    expect((await desk.call('jobs.get', { jobId: 'a-job' })).drives.map((drive) => drive.serial)).toEqual(['A1']);
  });
});
