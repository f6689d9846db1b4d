import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, HELD_DESTROY_AFTER_DAYS, HELD_RETURN_AFTER_DAYS } from '../../shared/domain/deadlines';
import { deskStatusReportSchema, MAX_REPORTED_UNREADABLE, type DeskStatusReport } from '../../shared/sync/status-report';
import { buildStatusReport, localDay, STATUS_REPORT_REFRESH_MS } from '../../main/core/sync/status-report';
import type { Clock } from '../../main/core/clock';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';
import { openTestHub, type TestHub } from '../helpers/hub';
import { STATUS_PATH } from '../../shared/sync/status-report';

/**
 * The desk's side of the status report (docs/sync-protocol.md, "Status report"): a real desk core
 * syncing to a real hub on PostgreSQL reports its open and held packages, Needs attention, today's
 * receipts per operator and its sync counts, at the end of a sync run; the hub stores it whole.
 */
const FAULT_REASON = 'damagedInShipment';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

class SteppedClock implements Clock {
  constructor(private at: number) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

async function storedReport(hub: TestHub, hubDeskId: string): Promise<{ report: DeskStatusReport; receivedAt: Date } | null> {
  const client = new pg.Client({ connectionString: hub.database?.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ report: DeskStatusReport; received_at: Date }>('SELECT report, received_at FROM desk_reports WHERE desk_id = $1', [hubDeskId]);
    const row = rows[0];
    return row === undefined ? null : { report: row.report, receivedAt: row.received_at };
  } finally {
    await client.end();
  }
}

async function connected(label: string, clock?: SteppedClock): Promise<{ hub: TestHub; desk: TestDesk; hubDeskId: string }> {
  const hub = await openTestHub(label);
  cleanups.push(() => hub.close());
  const desk = openTestDesk(label, clock);
  cleanups.push(() => desk.close());
  await desk.call('settings.set', { deskName: 'Dock 4', operator: 'alice' });
  const enrolled = await hub.enrollRaw('Dock 4', desk.core.context.settings().deskId);
  await desk.call('settings.set', { upstreamUrl: hub.url, upstreamToken: enrolled.token });
  return { hub, desk, hubDeskId: enrolled.deskId };
}

describe('the desk reports its status to the hub after a sync run', () => {
  it('open and held packages with deadlines and serials, Needs attention, receipts per operator, sync counts', async () => {
    const { hub, desk, hubDeskId } = await connected('status-report');
    await hub.putJob(jobDocument('job-open', { trackingNumber: 'TRK-OPEN', driveCount: 3, drives: ['OPEN-1', 'OPEN-2', 'OPEN-3'] }));
    await hub.putJob(jobDocument('job-fault', { trackingNumber: 'TRK-FAULT', driveCount: 1, drives: ['FAULT-1'] }));
    await desk.call('sync.run', {});

    const open = await desk.call('packages.checkIn', { trackingNumber: 'TRK-OPEN' });
    await desk.call('scans.record', { packageId: open.packageId, code: 'OPEN-1' });
    await desk.call('settings.set', { operator: 'bob' });
    await desk.call('scans.record', { packageId: open.packageId, code: 'OPEN-2' });
    const mistaken = await desk.call('scans.record', { packageId: open.packageId, code: 'OPEN-3' });
    await desk.call('scans.undo', { scanId: mistaken.scanId ?? 0 });
    // A package for a job nobody told the desk about: held (its drive is no receipt yet).
    const held = await desk.call('packages.checkIn', { trackingNumber: 'TRK-NOBODY' });
    expect(held.verdict).toBe('unknown');
    await desk.call('scans.record', { packageId: held.packageId, code: 'HELD-9' });
    await desk.call('settings.set', { operator: 'alice' });
    // A move the hub will refuse: operations shipped the drive back meanwhile.
    const fault = await desk.call('packages.checkIn', { trackingNumber: 'TRK-FAULT' });
    await desk.call('scans.record', { packageId: fault.packageId, code: 'FAULT-1' });
    await desk.call('packages.close', { packageId: fault.packageId });
    await desk.call('sync.run', {});
    await hub.admin('POST', 'jobs/job-fault/drives/FAULT1/state', { state: 'ShippedBack' });
    await desk.call('drives.transition', { jobId: 'job-fault', driveId: 'FAULT-1', to: 'Faulted', reason: FAULT_REASON });
    const status = await desk.call('sync.run', {});
    expect(status.rejected).toBe(1);

    const stored = await storedReport(hub, hubDeskId);
    expect(stored).not.toBeNull();
    const report = deskStatusReportSchema.parse(stored?.report);
    expect(report.deskId).toBe(desk.core.context.settings().deskId);
    expect(report.deskName).toBe('Dock 4');
    expect(report.sync).toMatchObject({ pending: 0, rejected: 1, failures: 0 });
    expect(report.packagesTotal).toBe(2);
    expect(report.packages.map((pkg) => [pkg.trackingNumber, pkg.held, pkg.jobName])).toEqual([
      ['TRKNOBODY', true, null],
      ['TRKOPEN', false, 'job-open'],
    ]);
    const [heldRow, openRow] = report.packages;
    expect(heldRow?.serials).toEqual(['HELD9']);
    expect(heldRow?.returnBy).toBe(addDays(heldRow?.checkedInAt ?? '', HELD_RETURN_AFTER_DAYS));
    expect(heldRow?.destroyBy).toBe(addDays(heldRow?.checkedInAt ?? '', HELD_DESTROY_AFTER_DAYS));
    expect(openRow).toMatchObject({ scanned: 2, declaredDriveCount: 3, returnBy: null, serials: [] });
    expect(report.attentionTotal).toBe(1);
    expect(report.attention).toEqual([
      expect.objectContaining({ status: 'rejected', entity: 'drive', jobName: 'job-fault', serial: 'FAULT1', to: 'Faulted', upstreamState: 'ShippedBack' }),
    ]);
    // alice received OPEN-1 and FAULT-1; bob OPEN-2 (OPEN-3 was undone, HELD-9 is held, not received).
    expect(report.today.day).toBe(localDay(new Date()).day);
    expect(report.today.receipts).toEqual([
      { operator: 'alice', received: 2, recovered: 0, registered: 0, extra: 0 },
      { operator: 'bob', received: 1, recovered: 0, registered: 0, extra: 0 },
    ]);
  });

  it('lists the job documents the desk could not read, cleaned and bounded', async () => {
    const { desk } = await connected('status-report-unreadable');
    const status = desk.core.sync.status();
    const unreadable = Array.from({ length: 120 }, (_, index) => ({ jobName: index === 0 ? 'bad\u202ename' : `job-${index}`, reason: `reason ${index}\u0000`, at: new Date().toISOString() }));
    const report = buildStatusReport(desk.core.context, { ...status, unreadable });
    expect(report.unreadable).toHaveLength(MAX_REPORTED_UNREADABLE);
    expect(report.unreadable[0]).toMatchObject({ jobName: 'bad name', reason: 'reason 0 ' });
    expect(deskStatusReportSchema.safeParse(report).success).toBe(true);
  });

  it('sends a changed report at the next run, an unchanged one only every few minutes', async () => {
    const clock = new SteppedClock(Date.now());
    const { hub, desk, hubDeskId } = await connected('status-report-refresh', clock);
    await hub.putJob(jobDocument('job-r', { trackingNumber: 'TRK-R', driveCount: 2, drives: ['R-1', 'R-2'] }));
    await desk.call('sync.run', {});
    const first = await storedReport(hub, hubDeskId);
    expect(first?.report.generatedAt).toBe(clock.now().toISOString());

    clock.advance(60_000);
    await desk.call('sync.run', {});
    expect((await storedReport(hub, hubDeskId))?.report.generatedAt).toBe(first?.report.generatedAt);

    const pkg = await desk.call('packages.checkIn', { trackingNumber: 'TRK-R' });
    await desk.call('scans.record', { packageId: pkg.packageId, code: 'R-1' });
    clock.advance(1_000);
    await desk.call('sync.run', {});
    const changed = await storedReport(hub, hubDeskId);
    expect(changed?.report.generatedAt).toBe(clock.now().toISOString());
    expect(changed?.report.packages.map((row) => row.scanned)).toEqual([1]);

    clock.advance(STATUS_REPORT_REFRESH_MS - 1_000);
    await desk.call('sync.run', {});
    expect((await storedReport(hub, hubDeskId))?.report.generatedAt).toBe(changed?.report.generatedAt);
    clock.advance(2_000);
    await desk.call('sync.run', {});
    expect((await storedReport(hub, hubDeskId))?.report.generatedAt).toBe(clock.now().toISOString());
  });

  it('an upstream without the status route (404) does not fail the sync run, and is not asked again at once', async () => {
    const hub = await openTestHub('status-report-404');
    cleanups.push(() => hub.close());
    // An older upstream: the protocol, without the status route (a pass-through that answers 404 there).
    let asked = 0;
    const older = http.createServer((request, response) => {
      if ((request.url ?? '').startsWith(STATUS_PATH)) {
        asked += 1;
        request.resume();
        response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: `no route POST ${STATUS_PATH}` }));
        return;
      }
      const target = new URL(hub.url);
      const forward = http.request({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      request.pipe(forward);
    });
    await new Promise<void>((resolve) => older.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => older.close(() => resolve())));
    const desk = openTestDesk('status-report-404');
    cleanups.push(() => desk.close());
    const enrolled = await hub.enrollRaw('Dock 5', desk.core.context.settings().deskId);
    await desk.call('settings.set', { upstreamUrl: `http://127.0.0.1:${(older.address() as AddressInfo).port}`, upstreamToken: enrolled.token });
    await hub.putJob(jobDocument('job-x', { trackingNumber: 'TRK-X', drives: ['X-1'] }));

    const status = await desk.call('sync.run', {});
    expect(status).toMatchObject({ failures: 0, lastError: null, pausedReason: null });
    expect((await desk.call('jobs.list', {})).total).toBe(1);
    expect(asked).toBe(1);
    const pkg = await desk.call('packages.checkIn', { trackingNumber: 'TRK-X' });
    await desk.call('scans.record', { packageId: pkg.packageId, code: 'X-1' });
    expect(await desk.call('sync.run', {})).toMatchObject({ failures: 0, pending: 0 });
    expect(asked).toBe(1);
  });
});
