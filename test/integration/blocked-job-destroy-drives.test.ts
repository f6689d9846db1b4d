import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/core/clock';
import { canonicalJson } from '../../main/core/packages/certificate';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';

const DAY = 24 * 60 * 60 * 1000;
let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

describe('jobs.destroyDrives: a job blocked on its return address, with a fixed clock', () => {
  it('destroys the drives at the desk from 90 days after the flag only, with a second person’s supervisor badge, under one certificate', async () => {
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    desk = openTestDesk('blocked-destroy', clock);
    // No return address in the document: the first label flags the job for the operations team.
    await desk.call('jobs.import', { document: jobDocument('blocked-job', { trackingNumber: 'TRK-BLOCKED', driveCount: 2, drives: ['BLK1', 'BLK2'] }) });
    await desk.call('jobs.import', { document: jobDocument('fine-job', { trackingNumber: 'TRK-FINE', driveCount: 1, drives: ['FINE1'] }) });
    await desk.call('operators.save', { name: 'Sam Supervisor', badge: 'SUP-1', role: 'supervisor', title: 'Shift supervisor' });
    await desk.call('operators.save', { name: 'Olga Operator', badge: 'OP-7', role: 'operator', supervisorBadge: 'SUP-1' });
    await desk.call('operators.signIn', { badge: 'OP-7' });
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-BLOCKED' });
    for (const serial of ['BLK1', 'BLK2']) await desk.call('scans.record', { packageId, code: serial });
    await desk.call('packages.close', { packageId });
    for (const serial of ['BLK1', 'BLK2']) await desk.call('drives.transition', { jobId: 'blocked-job', driveId: serial, to: 'Transferring' });
    expect(await desk.raw('labels.render', { jobId: 'blocked-job', kind: 'packingSlip', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'missing_fields' } });
    const flagged = (await desk.call('deadlines.list', {})).blockedJobs;
    expect(flagged).toEqual([expect.objectContaining({ jobId: 'blocked-job', state: 'Transferring', canDestroy: false, destroyBy: '2026-05-31T08:00:00.000Z' })]);

    const request = { jobId: 'blocked-job', method: 'crushing', verification: 'full', notes: 'Customer unreachable since March' } as const;
    clock.advance(90 * DAY - 1);
    expect(await desk.raw('jobs.destroyDrives', { ...request, supervisorBadge: 'SUP-1' })).toMatchObject({ ok: false, error: { key: 'destroyJobTooEarly' } });
    clock.advance(1);
    expect((await desk.call('deadlines.list', {})).blockedJobs).toEqual([expect.objectContaining({ jobId: 'blocked-job', canDestroy: true })]);
    expect(await desk.raw('jobs.destroyDrives', { ...request, supervisorBadge: 'OP-7' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'supervisorBadgeNotSupervisor' } });
    expect(await desk.raw('jobs.destroyDrives', { ...request })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(await desk.raw('jobs.destroyDrives', { ...request, jobId: 'fine-job', supervisorBadge: 'SUP-1' })).toMatchObject({ ok: false, error: { key: 'destroyJobNotBlocked' } });
    // The supervisor signed in cannot be the second person of their own destruction.
    await desk.call('operators.signIn', { badge: 'SUP-1' });
    expect(await desk.raw('jobs.destroyDrives', { ...request, supervisorBadge: 'SUP-1' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'supervisorSecondPerson' } });
    for (const serial of ['BLK1', 'BLK2']) expect((await desk.call('drives.history', { driveId: serial })).drives[0]?.state).toBe('Transferring');

    await desk.call('operators.signIn', { badge: 'OP-7' });
    const destroyed = await desk.call('jobs.destroyDrives', { ...request, supervisorBadge: 'SUP-1' });
    expect(destroyed.certificate).toMatchObject({ kind: 'job', jobId: 'blocked-job', performedBy: 'Olga Operator', validatedBy: 'Sam Supervisor', serials: ['BLK1', 'BLK2'] });
    expect(destroyed.certificate.contentSha256).toBe(createHash('sha256').update(canonicalJson(destroyed.certificate.content)).digest('hex'));
    expect(destroyed.certificate.content).toMatchObject({ method: 'crushing', verification: 'full', notes: 'Customer unreachable since March' });
    // Each drive ends Faulted, reason destroyedUnclaimed, with who did it and who confirmed.
    for (const serial of ['BLK1', 'BLK2']) {
      const history = await desk.call('drives.history', { driveId: serial });
      expect(history.drives[0]?.state).toBe('Faulted');
      expect(history.transitions.at(-1)).toMatchObject({ from: 'Transferring', to: 'Faulted', reason: 'destroyedUnclaimed', operator: 'Olga Operator' });
    }
    // The case has ended: nothing of the job is left to destroy, so Deadlines no longer lists it.
    expect((await desk.call('deadlines.list', {})).blockedJobs).toEqual([]);
    const pdf = await desk.call('certificates.render', { certificateId: destroyed.certificate.id, format: 'pdf' });
    expect(pdf.contentHash).toBe(destroyed.certificate.contentSha256);
    // Nothing is left to destroy: a second run is refused and changes nothing.
    expect(await desk.raw('jobs.destroyDrives', { ...request, supervisorBadge: 'SUP-1' })).toMatchObject({ ok: false });
    // Received, Transferring, Faulted: the refused run added nothing.
    expect((await desk.call('drives.history', { driveId: 'BLK1' })).transitions.map((transition) => transition.to)).toEqual(['Received', 'Transferring', 'Faulted']);
  });
});
