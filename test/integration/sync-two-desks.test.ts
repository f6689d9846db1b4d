import { afterEach, describe, expect, it } from 'vitest';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';
import { deskTransitions, openTestSite, syncUntilDrained, type TestSite } from '../helpers/site';

const opened: { desks: TestDesk[]; upstream: TestSite | null } = { desks: [], upstream: null };
afterEach(async () => {
  opened.desks.forEach((desk) => desk.close());
  opened.desks = [];
  await opened.upstream?.close();
  opened.upstream = null;
});

async function setUp(): Promise<{ upstream: TestSite; a: TestDesk; b: TestDesk }> {
  const upstream = await openTestSite('two-desks');
  opened.upstream = upstream;
  const a = openTestDesk('desk-a');
  const b = openTestDesk('desk-b');
  opened.desks.push(a, b);
  await a.call('settings.set', { deskName: 'Dock A', operator: 'alice' });
  await b.call('settings.set', { deskName: 'Dock B', operator: 'bob' });
  await upstream.putJob(jobDocument('job-alpha', { trackingNumber: 'TRACK-ALPHA-1', driveCount: 3, drives: ['ALPHA-1', 'ALPHA-2', 'ALPHA-3'] }));
  await upstream.putJob(jobDocument('job-beta', { trackingNumber: 'TRACK-BETA-1', driveCount: 1, drives: ['BETA-1'] }));
  await upstream.enroll(a, 'Dock A');
  await upstream.enroll(b, 'Dock B');
  return { upstream, a, b };
}

async function driveStateAt(desk: TestDesk, jobId: string, serial: string): Promise<string | undefined> {
  const job = await desk.call('jobs.get', { jobId });
  return job.drives.find((drive) => drive.serial === serial)?.state;
}

describe('two desks, one hub on PostgreSQL, through the fault proxy', () => {
  it('a drive one desk closed out as NeverReceived and the other received ends Received everywhere, each move logged once', async () => {
    const { upstream, a, b } = await setUp();
    // Both desks learn the jobs from the upstream's changes feed.
    await syncUntilDrained(a);
    await syncUntilDrained(b);
    expect(await driveStateAt(a, 'job-alpha', 'ALPHA3')).toBe('Specified');
    expect(await driveStateAt(b, 'job-alpha', 'ALPHA3')).toBe('Specified');

    // Desk A: the package holds two of the three drives; closing it marks the third NeverReceived.
    const alpha = await a.call('packages.checkIn', { trackingNumber: 'TRACK-ALPHA-1' });
    expect(alpha.verdict).toBe('matched');
    await a.call('scans.record', { packageId: alpha.packageId, code: 'ALPHA-1' });
    await a.call('scans.record', { packageId: alpha.packageId, code: 'ALPHA-2' });
    const closed = await a.call('packages.close', { packageId: alpha.packageId });
    expect(closed.neverReceived.map((drive) => drive.serial)).toEqual(['ALPHA3']);
    await syncUntilDrained(a);
    expect(await upstream.driveState('job-alpha', 'ALPHA3')).toBe('NeverReceived');

    // Desk B hears of it, then finds the drive in a later package (job beta's box).
    await syncUntilDrained(b);
    expect(await driveStateAt(b, 'job-alpha', 'ALPHA3')).toBe('NeverReceived');
    const beta = await b.call('packages.checkIn', { trackingNumber: 'TRACK-BETA-1' });
    expect((await b.call('scans.record', { packageId: beta.packageId, code: 'BETA-1' })).verdict).toBe('received');
    const found = await b.call('scans.record', { packageId: beta.packageId, code: 'ALPHA-3' });
    expect(found).toMatchObject({ verdict: 'recovered', belongsToJobId: 'job-alpha' });
    await b.call('packages.close', { packageId: beta.packageId });

    await syncUntilDrained(b);
    await syncUntilDrained(a);

    expect(await upstream.driveState('job-alpha', 'ALPHA3')).toBe('Received');
    expect(await driveStateAt(a, 'job-alpha', 'ALPHA3')).toBe('Received');
    expect(await driveStateAt(b, 'job-alpha', 'ALPHA3')).toBe('Received');

    for (const desk of [a, b]) {
      const local = deskTransitions(desk);
      expect(local.length).toBeGreaterThan(0);
      expect(local.every((row) => row.status === 'sent')).toBe(true);
      const applied = await upstream.applied(desk);
      // Exactly the desk's transitions, once each, in the order the desk recorded them.
      expect(applied.map((row) => row.clientId)).toEqual(local.map((row) => row.clientId));
      expect(new Set(applied.map((row) => row.clientId)).size).toBe(applied.length);
    }
    const bMoves = (await upstream.applied(b)).filter((row) => row.serial === 'ALPHA3');
    expect(bMoves.map((row) => [row.from, row.to, row.operator])).toEqual([['NeverReceived', 'Received', 'bob']]);
  });

  it('a desk that had not yet heard of the NeverReceived still gets its receipt applied, from the upstream current state', async () => {
    const { upstream, a, b } = await setUp();
    await syncUntilDrained(a);
    await syncUntilDrained(b);
    const alpha = await a.call('packages.checkIn', { trackingNumber: 'TRACK-ALPHA-1' });
    await a.call('packages.close', { packageId: alpha.packageId });
    await syncUntilDrained(a);

    // B never pulled: it still thinks ALPHA-3 is Specified and receives it as its own job's box.
    const again = await b.call('packages.checkIn', { trackingNumber: 'TRACK-ALPHA-1' });
    expect((await b.call('scans.record', { packageId: again.packageId, code: 'ALPHA-3' })).verdict).toBe('received');
    await syncUntilDrained(b);
    await syncUntilDrained(a);
    expect(await upstream.driveState('job-alpha', 'ALPHA3')).toBe('Received');
    expect(await driveStateAt(a, 'job-alpha', 'ALPHA3')).toBe('Received');
    const bMove = (await upstream.applied(b)).find((row) => row.serial === 'ALPHA3');
    expect(bMove).toMatchObject({ from: 'Specified', to: 'Received', upstreamFrom: 'NeverReceived' });
  });
});
