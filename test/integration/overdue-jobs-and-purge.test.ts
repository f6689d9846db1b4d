import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/core/clock';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';
import { startHttpDesk, type HttpDesk } from '../helpers/web-desk';

const DAY = 24 * 60 * 60 * 1000;
let desk: TestDesk | null = null;
let web: HttpDesk | null = null;
afterEach(async () => {
  desk?.close();
  desk = null;
  await web?.close();
  web = null;
});

async function overdueJob(label: string) {
  const clock = fixedClock('2026-03-02T08:00:00.000Z');
  desk = openTestDesk(label, clock);
  const document = jobDocument('quiet-job', { trackingNumber: 'TRK-QUIET', drives: ['Q1', 'Q2'] }) as { properties: { deliveryPackage: Record<string, unknown> } };
  document.properties.deliveryPackage.shipDate = '2026-03-02T08:00:00Z';
  await desk.call('jobs.import', { document });
  await desk.call('operators.save', { name: 'Sam Supervisor', badge: 'SUP-1', role: 'supervisor' });
  await desk.call('operators.save', { name: 'Olga Operator', badge: 'OP-7', supervisorBadge: 'SUP-1' });
  await desk.call('operators.signIn', { badge: 'OP-7' });
  return { clock, desk };
}

describe('a Shipping job with no package, to its end (fixed clock)', () => {
  it('logs contacts, extends the wait, and closes unanswered at 30 days, not before', async () => {
    const { clock, desk } = await overdueJob('overdue');
    clock.advance(15 * DAY);
    const contact = await desk.call('jobs.recordContact', { jobId: 'quiet-job', note: 'Mailed the customer: no package yet' });
    expect(contact.events).toEqual([expect.objectContaining({ kind: 'contact', operator: 'Olga Operator' })]);
    expect(contact.deadline).toMatchObject({ stage: 'overdue', contacts: 1, canClose: false, closeAt: '2026-04-01T08:00:00.000Z' });

    // The customer answers: wait until 10 April.
    expect(await desk.raw('jobs.extendWait', { jobId: 'quiet-job', until: '2026-03-01', note: 'past' })).toMatchObject({ ok: false, error: { key: 'extendWaitInPast' } });
    const extended = await desk.call('jobs.extendWait', { jobId: 'quiet-job', until: '2026-04-10T08:00:00Z', note: 'Customer ships on Monday' });
    expect(extended.deadline).toMatchObject({ waitUntil: '2026-04-10T08:00:00.000Z', overdueAt: '2026-04-10T08:00:00.000Z', closeAt: '2026-04-10T08:00:00.000Z', stage: 'onTime' });

    clock.set('2026-04-10T07:59:59Z');
    expect(await desk.raw('jobs.closeUnanswered', { jobId: 'quiet-job', supervisorBadge: 'SUP-1' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'closeUnansweredTooEarly', params: { date: '2026-04-10' } },
    });
    clock.set('2026-04-10T08:00:00Z');
    expect(await desk.raw('jobs.closeUnanswered', { jobId: 'quiet-job', supervisorBadge: 'OP-7' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await desk.raw('jobs.closeUnanswered', { jobId: 'quiet-job' })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    const closed = await desk.call('jobs.closeUnanswered', { jobId: 'quiet-job', supervisorBadge: 'SUP-1', note: 'No answer since March' });
    expect(closed.job.state).toBe('Closed');
    expect(closed.deadline).toBeNull();
    expect(closed.events.at(-1)).toMatchObject({ kind: 'closeUnanswered', operator: 'Olga Operator', confirmedBy: 'Sam Supervisor' });
    const drives = await desk.call('jobs.get', { jobId: 'quiet-job' });
    expect(drives.drives.map((drive) => drive.state)).toEqual(['NeverReceived', 'NeverReceived']);
    // Who acted and who confirmed are both on the job's transition.
    const logged = (await import('../../main/db/open-database')).openDatabase(desk.databaseFile, { readonly: true });
    try {
      expect(logged.prepare("SELECT from_state AS fromState, to_state AS toState, operator, confirmed_by AS confirmedBy FROM transitions WHERE entity = 'job'").all()).toEqual([
        { fromState: 'Shipping', toState: 'Closed', operator: 'Olga Operator', confirmedBy: 'Sam Supervisor' },
      ]);
    } finally {
      logged.close();
    }
    expect((await desk.call('deadlines.list', {})).overdueJobs).toEqual([]);
  });

  it('closes unanswered at 30 days without an extension', async () => {
    const { clock, desk } = await overdueJob('overdue-30');
    clock.advance(30 * DAY - 1);
    expect(await desk.raw('jobs.closeUnanswered', { jobId: 'quiet-job', supervisorBadge: 'SUP-1' })).toMatchObject({ ok: false, error: { key: 'closeUnansweredTooEarly' } });
    clock.advance(1);
    expect((await desk.call('jobs.closeUnanswered', { jobId: 'quiet-job', supervisorBadge: 'SUP-1' })).job.state).toBe('Closed');
  });

  it('closes a cancelled job none of whose drives arrived, with a reason and a supervisor', async () => {
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    desk = openTestDesk('cancelled', clock);
    await desk.call('jobs.import', { document: jobDocument('gone-job', { trackingNumber: 'TRK-GONE', drives: ['G1'], cancelRequested: true, driveCount: 1 }) });
    await desk.call('operators.save', { name: 'Sam Supervisor', badge: 'SUP-1', role: 'supervisor' });
    expect(await desk.raw('jobs.closeCancelled', { jobId: 'gone-job', reason: 'nothing came', supervisorBadge: 'SUP-1' })).toMatchObject({ ok: false, error: { key: 'closeCancelledNotApplicable' } });
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-GONE' });
    await desk.call('packages.close', { packageId });
    expect((await desk.call('deadlines.list', {})).cancelledJobs).toEqual([{ jobId: 'gone-job', state: 'Packaging', drives: 1 }]);
    const closed = await desk.call('jobs.closeCancelled', { jobId: 'gone-job', reason: 'Empty box; customer cancelled', supervisorBadge: 'SUP-1' });
    expect(closed.job.state).toBe('Closed');
    expect(closed.events.at(-1)).toMatchObject({ kind: 'closeCancelled', note: 'Empty box; customer cancelled', confirmedBy: 'Sam Supervisor' });
    expect((await desk.call('deadlines.list', {})).cancelledJobs).toEqual([]);
  });
});

describe('no early purge (web mode over HTTP)', () => {
  it('purges 90 days after the job ended by the desk’s own clock; asOf only previews', async () => {
    const clock = fixedClock('2026-01-10T08:00:00.000Z');
    web = await startHttpDesk('purge-http', { clock });
    await web.call('jobs.import', { document: jobDocument('done-job', { trackingNumber: 'TRK-DONE', state: 'Completed', drives: ['DN1'] }) });
    await web.call('operators.save', { name: 'Sam Supervisor', badge: 'SUP-1', role: 'supervisor' });
    // A preview of a date past the purge date purges nothing.
    const preview = await web.call<{ preview: boolean; purged: string[]; wouldPurge: string[] }>('jobs.purge', { asOf: '2027-01-01' });
    expect(preview).toMatchObject({ preview: true, purged: [], wouldPurge: ['done-job'] });
    expect((await web.call<{ total: number }>('jobs.list', {})).total).toBe(1);
    expect((await web.api('jobs.purge', {})).envelope).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    clock.set('2026-04-10T07:59:59.999Z');
    expect((await web.call<{ purged: string[] }>('jobs.purge', { supervisorBadge: 'SUP-1' })).purged).toEqual([]);
    expect((await web.call<{ total: number }>('jobs.list', {})).total).toBe(1);
    clock.set('2026-04-10T08:00:00.000Z');
    expect((await web.call<{ purged: string[] }>('jobs.purge', { supervisorBadge: 'SUP-1' })).purged).toEqual(['done-job']);
    expect((await web.call<{ total: number }>('jobs.list', {})).total).toBe(0);
  });
});
