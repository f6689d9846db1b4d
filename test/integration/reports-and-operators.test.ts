import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/core/clock';
import { REPORT_COLUMNS } from '../../shared/rpc/results';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

describe("a day's report", () => {
  it('exports every kind of discrepancy as CSV that parses back with one row per drive and the right columns', async () => {
    const clock = fixedClock('2026-11-20T15:00:00Z');
    desk = openTestDesk('report', clock);
    await desk.call('jobs.import', { document: jobDocument('rep-job', { trackingNumber: 'TRK-REP', driveCount: 4, drives: ['REP-1', 'REP-2', 'REP-3', 'REP-4'] }) });
    await desk.call('jobs.import', { document: jobDocument('rep-held', { state: 'Creating', trackingNumber: 'TRK-HELD', drives: ['HELD-1'] }) });
    await desk.call('jobs.import', { document: jobDocument('rep-export', { jobType: 'Export', trackingNumber: 'TRK-EXP', driveCount: 1 }) });
    await desk.call('settings.set', { operator: '=cmd|calc' });

    // The day before: out of the report.
    const early = await desk.call('packages.checkIn', { trackingNumber: 'TRK-REP' });
    await desk.call('scans.record', { packageId: early.packageId, code: 'REP-1' });
    clock.set('2026-11-21T09:00:00Z');
    await desk.call('scans.record', { packageId: early.packageId, code: 'REP-2' });
    await desk.call('scans.record', { packageId: early.packageId, code: 'EXTRA-9' });
    const undone = await desk.call('scans.record', { packageId: early.packageId, code: 'REP-3' });
    await desk.call('scans.undo', { scanId: undone.scanId ?? 0 });
    await desk.call('drives.transition', { jobId: 'rep-job', driveId: 'REP-2', to: 'Faulted', reason: 'damagedInShipment' });
    await desk.call('packages.close', { packageId: early.packageId });
    const held = await desk.call('packages.checkIn', { trackingNumber: 'TRK-HELD' });
    await desk.call('scans.record', { packageId: held.packageId, code: 'HELD-1' });
    const exported = await desk.call('packages.checkIn', { trackingNumber: 'TRK-EXP' });
    await desk.call('scans.record', { packageId: exported.packageId, code: 'EXP-1' });
    // The next day: out of the report too.
    clock.set('2026-11-22T08:00:00Z');
    await desk.call('drives.transition', { jobId: 'rep-job', driveId: 'REP-2', to: 'Received', note: 'fine after all' });

    const report = await desk.call('reports.daily', { day: '2026-11-21' });
    const parsed = Papa.parse<Record<string, string>>(report.csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...REPORT_COLUMNS]);
    const bySerial = new Map(parsed.data.map((row) => [row.serial, row]));
    expect([...bySerial.keys()].sort()).toEqual(['EXP1', 'EXTRA9', 'HELD1', 'REP2', 'REP3', 'REP4']);
    expect(parsed.data).toHaveLength(bySerial.size);
    expect(bySerial.get('REP2')).toMatchObject({ jobId: 'rep-job', receipt: 'received', discrepancy: 'faulted', faultReason: 'damagedInShipment', stateNow: 'Received', packageTracking: 'TRKREP' });
    expect(bySerial.get('REP4')).toMatchObject({ receipt: '', discrepancy: 'neverReceived', stateNow: 'NeverReceived' });
    // REP-3's scan was undone, so it shows no receipt: only the close-out that found it missing.
    expect(bySerial.get('REP3')).toMatchObject({ receipt: '', discrepancy: 'neverReceived' });
    expect(bySerial.get('EXTRA9')).toMatchObject({ receipt: 'extra', discrepancy: 'extra', driveIdAsWritten: 'EXTRA-9' });
    expect(bySerial.get('HELD1')).toMatchObject({ jobId: 'rep-held', discrepancy: 'held', packageTracking: 'TRKHELD' });
    expect(bySerial.get('EXP1')).toMatchObject({ jobId: 'rep-export', receipt: 'registered', discrepancy: '' });
    // A formula-looking operator name cannot run in a spreadsheet.
    expect(bySerial.get('REP2')?.operator).toBe("'=cmd|calc");
    expect(report.counts).toEqual({ received: 1, recovered: 0, otherJob: 0, registered: 1, extra: 1, neverReceived: 2, faulted: 1, held: 1 });
    expect(report.fileName).toBe('receiving-report-2026-11-21.csv');

    // The operator's day: at UTC+14 the 21st started at 10:00 on the 20th (UTC), so REP-1 is in it.
    const east = await desk.call('reports.daily', { day: '2026-11-21', utcOffsetMinutes: 14 * 60 });
    expect(east.rows.map((row) => row.serial)).toContain('REP1');
    expect(await desk.raw('reports.daily', { day: '2026-13-40' })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
  });
});

describe('operators', () => {
  it('sign in by badge or by name, and every transition after carries the operator', async () => {
    desk = openTestDesk('operators');
    await desk.call('operators.save', { name: 'Alice Nováková', badge: 'badge-0042' });
    await desk.call('operators.save', { name: 'Bob' });
    expect((await desk.call('operators.list', {})).operators).toEqual([
      { name: 'Alice Nováková', hasBadge: true, role: 'operator', title: null, phone: null },
      { name: 'Bob', hasBadge: false, role: 'operator', title: null, phone: null },
    ]);
    expect(await desk.raw('operators.save', { name: 'Bob', badge: 'BADGE0042' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await desk.raw('operators.signIn', { badge: 'nobody-99' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await desk.call('settings.get', {})).operator).toBe('operator');

    await desk.call('jobs.import', { document: jobDocument('op-job', { trackingNumber: 'TRK-OP', drives: ['OP-1', 'OP-2'] }) });
    const signedIn = await desk.call('operators.signIn', { badge: 'BADGE-0042' });
    expect(signedIn.operator).toBe('Alice Nováková');
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-OP' });
    await desk.call('scans.record', { packageId, code: 'OP-1' });
    await desk.call('operators.signIn', { name: 'Bob' });
    await desk.call('scans.record', { packageId, code: 'OP-2' });
    const first = await desk.call('drives.history', { driveId: 'OP-1' });
    const second = await desk.call('drives.history', { driveId: 'OP-2' });
    expect(first.transitions.map((row) => row.operator)).toEqual(['Alice Nováková']);
    expect(second.transitions.map((row) => row.operator)).toEqual(['Bob']);
  });
});
