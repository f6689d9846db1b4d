import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';
import { truncateWal, walGrowth } from '../helpers/wal';

/**
 * The transition log is the upstream queue (docs/sync-protocol.md, "The outbox"): a transition is
 * pending from the commit that records it, and gets its outbox row only when the sync engine is about
 * to send it. Every view of the queue (counts, held, Needs attention, a subject's unsent moves, an
 * overrule) must see the not-yet-enqueued tail as the old one-row-per-commit outbox did.
 */
const desks: TestDesk[] = [];
afterEach(() => desks.splice(0).forEach((desk) => desk.close()));

async function deskWithPackage(label: string, serials: readonly string[]) {
  const desk = openTestDesk(label);
  desks.push(desk);
  await desk.call('jobs.import', { document: jobDocument(`${label}-job`, { trackingNumber: `TRK-${label}`, driveCount: serials.length, drives: serials }) });
  const { packageId } = await desk.call('packages.checkIn', { trackingNumber: `TRK-${label}` });
  return { desk, packageId, store: desk.core.context.store };
}

function outboxRows(desk: TestDesk): { seq: number; status: string }[] {
  const db = openDatabase(desk.databaseFile, { readonly: true });
  try {
    return db.prepare('SELECT seq, status FROM outbox ORDER BY seq').all() as { seq: number; status: string }[];
  } finally {
    db.close();
  }
}

/** What the sync engine does with an upstream's answer, without the network: enqueue, then answer. */
function answer(store: TestDesk['core']['context']['store'], seq: number, status: 'sent' | 'rejected', upstreamState: string) {
  store.transaction(() => {
    store.outbox.enqueueRecorded(1_000);
    const at = new Date().toISOString();
    const changed = status === 'sent' ? store.outbox.markSent(seq, seq, upstreamState, at) : store.outbox.markRejected(seq, seq, upstreamState, 'no', at);
    if (!changed) throw new Error(`outbox row ${seq} was not pending`);
  });
}

describe('the transition log is the upstream queue', () => {
  it('a scan writes no outbox row, yet its move is pending at once and listed in record order', async () => {
    const { desk, packageId, store } = await deskWithPackage('tail', ['TAIL1', 'TAIL2']);
    await desk.call('scans.record', { packageId, code: 'TAIL1' });
    await desk.call('scans.record', { packageId, code: 'TAIL2' });
    expect(outboxRows(desk)).toEqual([]);
    expect(store.outbox.counts()).toEqual({ pending: 2, held: 0, rejected: 0, sent: 0 });
    expect(store.outbox.unqueued()).toBe(2);
    expect(store.outbox.listAll().map((row) => row.status)).toEqual(['pending', 'pending']);
    expect((await desk.call('sync.status', {})).pending).toBe(2);

    // Enqueued in record order, a bounded stretch at a time; the counts do not change.
    expect(store.transaction(() => store.outbox.enqueueRecorded(1))).toBe(1);
    expect(outboxRows(desk)).toEqual([{ seq: 1, status: 'pending' }]);
    expect(store.outbox.unqueued()).toBe(1);
    expect(store.outbox.counts()).toEqual({ pending: 2, held: 0, rejected: 0, sent: 0 });
    expect(store.transaction(() => store.outbox.enqueueRecorded(10))).toBe(1);
    expect(store.transaction(() => store.outbox.enqueueRecorded(10))).toBe(0);
    expect(store.outbox.sendable(10).map((row) => row.seq)).toEqual([1, 2]);
  });

  it('a move recorded after a rejected one of the same drive is held while still in the tail; another drive is not', async () => {
    const { desk, packageId, store } = await deskWithPackage('held', ['HELDA', 'HELDB']);
    await desk.call('scans.record', { packageId, code: 'HELDA' });
    await desk.call('scans.record', { packageId, code: 'HELDB' });
    answer(store, 1, 'sent', 'Received');
    answer(store, 2, 'sent', 'Received');
    await desk.call('drives.transition', { jobId: 'held-job', driveId: 'HELDA', to: 'Faulted', reason: 'labelUnreadable' });
    answer(store, 3, 'rejected', 'ShippedBack');
    // Recorded after the rejection: only in the log's tail.
    await desk.call('drives.transition', { jobId: 'held-job', driveId: 'HELDA', to: 'Received', note: 'label re-read' });
    await desk.call('drives.transition', { jobId: 'held-job', driveId: 'HELDB', to: 'Transferring' });
    expect(store.outbox.unqueued()).toBe(2);

    expect(store.outbox.counts()).toEqual({ pending: 1, held: 1, rejected: 1, sent: 2 });
    const attention = store.outbox.needsAttention(10);
    expect(attention.map((row) => [row.seq, row.status, row.serial, row.toState])).toEqual([
      [3, 'rejected', 'HELDA', 'Faulted'],
      [4, 'held', 'HELDA', 'Received'],
    ]);
    const driveA = attention[0]?.subject ?? '';
    const driveB = `drive:${store.drives.findBySerial('HELDB')[0]?.rowId}`;
    expect(store.outbox.hasUnsent(driveA)).toBe(true);
    // HELDB's only unsent move is in the tail: a pull must not overwrite it either.
    expect(store.outbox.hasUnsent(driveB)).toBe(true);
    expect(store.outbox.find(4)).toMatchObject({ seq: 4, status: 'pending', subject: driveA });
    expect(store.outbox.find(99)).toBeUndefined();

    // Sending enqueues the tail: HELDB goes, HELDA's held move stays back.
    store.transaction(() => store.outbox.enqueueRecorded(10));
    expect(store.outbox.sendable(10).map((row) => row.seq)).toEqual([5]);
    expect(store.outbox.counts()).toEqual({ pending: 1, held: 1, rejected: 1, sent: 2 });
  });

  it('accepting the upstream state overrules the rejected move and the held ones still in the tail, so they are never sent', async () => {
    const { desk, packageId, store } = await deskWithPackage('overrule', ['OVRA']);
    await desk.call('scans.record', { packageId, code: 'OVRA' });
    answer(store, 1, 'sent', 'Received');
    await desk.call('drives.transition', { jobId: 'overrule-job', driveId: 'OVRA', to: 'Faulted', reason: 'labelUnreadable' });
    answer(store, 2, 'rejected', 'ShippedBack');
    await desk.call('drives.transition', { jobId: 'overrule-job', driveId: 'OVRA', to: 'Received', note: 'label re-read' });
    await desk.call('drives.transition', { jobId: 'overrule-job', driveId: 'OVRA', to: 'Faulted', reason: 'labelUnreadable' });
    expect(store.outbox.unqueued()).toBe(2);

    // Overruling the desk's own record is a supervisor action (docs/receiving-rules.md, "Roles").
    await desk.call('operators.save', { name: 'Sam Supervisor', role: 'supervisor', badge: 'SUP-1' });
    const resolved = await desk.call('sync.resolve', { seq: 2, action: 'acceptUpstream', supervisorBadge: 'SUP-1' });
    expect(resolved.resolved).toBe(3);
    expect(outboxRows(desk).map((row) => row.status)).toEqual(['sent', 'overruled', 'overruled', 'overruled']);
    expect(store.outbox.counts()).toEqual({ pending: 0, held: 0, rejected: 0, sent: 1 });
    store.transaction(() => store.outbox.enqueueRecorded(10));
    expect(store.outbox.sendable(10)).toEqual([]);
    expect(store.outbox.hasUnsent(`drive:${store.drives.findBySerial('OVRA')[0]?.rowId}`)).toBe(false);
  });

  it('a scan that receives a drive appends at most 7 pages to the WAL (10 when every move wrote its outbox row)', async () => {
    const serials = Array.from({ length: 60 }, (_, index) => `PAGE${String(index).padStart(3, '0')}`);
    const { desk, packageId } = await deskWithPackage('pages', serials);
    truncateWal(desk.databaseFile);
    const growth = await walGrowth(desk.databaseFile, serials.length, async () => {
      for (const serial of serials) await desk.call('scans.record', { packageId, code: serial });
    });
    // Scan row and its package index, drive row, transition row, its client-id and drive indexes:
    // six b-trees, a little more when a page splits.
    expect(growth.framesPerOperation).toBeGreaterThan(5);
    expect(growth.framesPerOperation).toBeLessThanOrEqual(7);
  });
});
