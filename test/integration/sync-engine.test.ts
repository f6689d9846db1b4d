import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../main/core/desk-core';
import { fixedClock } from '../../main/core/clock';
import { jobDocument, openTestDesk, TEST_SYNC_BACKOFF, type TestDesk } from '../helpers/desk';
import { deskTransitions, openTestSite, syncUntilDrained, type TestSite } from '../helpers/site';
import { recordJobWork } from '../helpers/sync-work';
import { makeTempDir } from '../helpers/temp-dir';

const HOUR_MS = 60 * 60 * 1000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function upstreamFor(label: string): Promise<TestSite> {
  const upstream = await openTestSite(label);
  cleanups.push(() => upstream.close());
  return upstream;
}

function deskFor(label: string, ...args: Parameters<typeof openTestDesk> extends [string, ...infer Rest] ? Rest : never): TestDesk {
  const desk = openTestDesk(label, ...args);
  cleanups.push(() => desk.close());
  return desk;
}

describe('offline first', () => {
  it('keeps recording through a three-day outage, then drains the outbox with nothing lost or doubled', async () => {
    const upstream = await upstreamFor('offline');
    const clock = fixedClock('2026-11-16T08:00:00Z');
    const desk = deskFor('offline', clock);
    await upstream.enroll(desk);
    upstream.setFaults({ outage: true });

    let recorded = 0;
    let attemptsDuringOutage = 0;
    for (let day = 0; day < 3; day += 1) {
      for (let hour = 0; hour < 8; hour += 1) {
        if (hour % 2 === 0) recorded += await recordJobWork(desk, upstream, `offline-d${day}-h${hour}`, 6);
        // What the scheduler does every tick: run when due.
        if (desk.core.sync.isDue()) {
          attemptsDuringOutage += 1;
          const status = await desk.core.sync.run('scheduled');
          expect(status.lastError).toMatch(/503/);
          // Full jitter may pick no wait at all, never a time in the past.
          expect(Date.parse(status.nextAttemptAt ?? '')).toBeGreaterThanOrEqual(clock.now().getTime());
        }
        clock.advance(HOUR_MS);
      }
      clock.advance(16 * HOUR_MS);
    }
    const offline = desk.core.sync.status();
    expect(offline.pending).toBe(recorded);
    expect(offline.sent).toBe(0);
    expect(offline.failures).toBe(attemptsDuringOutage);
    expect(attemptsDuringOutage).toBeGreaterThanOrEqual(20);
    expect(await upstream.applied(desk)).toEqual([]);

    upstream.setFaults({ outage: false });
    clock.advance(HOUR_MS);
    expect(desk.core.sync.isDue()).toBe(true);
    const back = await desk.core.sync.run('scheduled');
    expect(back).toMatchObject({ pending: 0, sent: recorded, failures: 0, lastError: null });
    const applied = await upstream.applied(desk);
    expect(applied.map((row) => row.clientId)).toEqual(deskTransitions(desk).map((row) => row.clientId));
    expect(new Set(applied.map((row) => row.clientId)).size).toBe(recorded);
  });

  it('keeps the retry schedule on disk across a restart', async () => {
    const upstream = await upstreamFor('restart');
    const temp = makeTempDir('restart');
    cleanups.push(() => temp.remove());
    const databaseFile = path.join(temp.dir, 'desk.sqlite');
    const clock = fixedClock('2026-11-21T09:00:00Z');
    const open = () => createDeskCore({ databaseFile, clock, sync: { backoff: { baseMs: 60_000, capMs: 600_000 }, random: () => 0.5 } });
    const first = open();
    const { enrollmentCode } = await upstream.hub.createDesk('restart');
    expect(await first.dispatch('sync.enroll', { upstreamUrl: upstream.url, enrollmentCode })).toMatchObject({ ok: true });
    upstream.setFaults({ serverErrorRate: 1 });
    await first.sync.run('manual');
    await first.sync.run('manual');
    const before = first.sync.status();
    expect(before.failures).toBe(2);
    // Second failure: full jitter of min(cap, 60 s × 2) at 0.5 = 60 s.
    expect(before.nextAttemptAt).toBe('2026-11-21T09:01:00.000Z');
    first.close();

    const second = open();
    cleanups.push(() => second.close());
    expect(second.sync.status()).toMatchObject({ failures: 2, nextAttemptAt: '2026-11-21T09:01:00.000Z', lastError: before.lastError });
    expect(second.sync.isDue()).toBe(false);
    const skipped = await second.sync.run('scheduled');
    expect(skipped.lastAttemptAt).toBe(before.lastAttemptAt);
    clock.advance(60_000);
    expect(second.sync.isDue()).toBe(true);
  });
});

describe('the upstream refuses the token', () => {
  it('pauses sync while the desk keeps recording, and resumes once the desk is enrolled', async () => {
    const upstream = await upstreamFor('token');
    const desk = deskFor('token');
    await desk.call('settings.set', { upstreamUrl: upstream.url, upstreamToken: 'a-wrong-token' });
    const first = await recordJobWork(desk, upstream, 'token-job-1', 3);
    const paused = await desk.core.sync.run('manual');
    expect(paused.pausedReason).toMatch(/refused the token \(401\)/);
    expect(paused.pending).toBe(first);
    expect(desk.core.sync.isDue()).toBe(false);

    // Still recording.
    const second = await recordJobWork(desk, upstream, 'token-job-2', 3);
    const stillPaused = await desk.core.sync.run('scheduled');
    expect(stillPaused.lastAttemptAt).toBe(paused.lastAttemptAt);
    expect(stillPaused.pending).toBe(first + second);

    // The token never shows in settings or status.
    const settings = await desk.call('settings.get', {});
    expect(JSON.stringify(settings)).not.toContain('a-wrong-token');
    expect(settings.upstreamTokenSet).toBe(true);
    expect(JSON.stringify(desk.core.sync.status())).not.toContain('a-wrong-token');

    await upstream.enroll(desk);
    expect(desk.core.sync.isDue()).toBe(true);
    const resumed = await desk.core.sync.run('scheduled');
    expect(resumed).toMatchObject({ pausedReason: null, pending: 0, sent: first + second });
  });

  it('keeps the token in a file only its owner can read', async () => {
    const desk = deskFor('token-file');
    await desk.call('settings.set', { upstreamUrl: 'http://127.0.0.1:9', upstreamToken: 'secret-token-value' });
    const { statSync, readFileSync } = await import('node:fs');
    const file = path.join(desk.dir, 'upstream-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('secret-token-value');
    const { readdirSync } = await import('node:fs');
    for (const name of readdirSync(desk.dir).filter((entry) => entry.startsWith('desk.sqlite'))) {
      expect(readFileSync(path.join(desk.dir, name)).includes('secret-token-value')).toBe(false);
    }
    await desk.call('settings.set', { upstreamToken: '' });
    expect((await desk.call('settings.get', {})).upstreamTokenSet).toBe(false);
  });

  it('refuses a bad upstream URL or token with a clear error and changes nothing', async () => {
    const desk = deskFor('bad-settings');
    for (const params of [{ upstreamUrl: 'ftp://example.org' }, { upstreamUrl: 'not a url' }, { upstreamToken: 'has space' }]) {
      const envelope = await desk.raw('settings.set', params);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
    const settings = await desk.call('settings.get', {});
    expect(settings).toMatchObject({ upstreamUrl: null, upstreamTokenSet: false });
    expect(await desk.raw('sync.run', {})).toMatchObject({ ok: false, error: { code: 'not_configured' } });
  });
});

describe('Needs attention', () => {
  async function rejectedSetUp(label: string) {
    const upstream = await upstreamFor(label);
    const desk = deskFor(label);
    await upstream.enroll(desk);
    const document = jobDocument('attn-job', { trackingNumber: 'TRK-ATTN', driveCount: 2, drives: ['ATTN-1', 'ATTN-2'] });
    await upstream.putJob(document);
    await syncUntilDrained(desk);
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-ATTN' });
    await desk.call('scans.record', { packageId, code: 'ATTN-1' });
    await desk.call('scans.record', { packageId, code: 'ATTN-2' });
    await syncUntilDrained(desk);
    // Operations ship ATTN-1 back upstream; the desk does not know yet.
    await upstream.admin('POST', 'jobs/attn-job/drives/ATTN1/state', { state: 'ShippedBack' });
    await desk.call('drives.transition', { jobId: 'attn-job', driveId: 'ATTN-1', to: 'Faulted', reason: 'labelUnreadable' });
    const first = await desk.core.sync.run('manual');
    // The next move of the same drive waits; another drive's move goes.
    await desk.call('drives.transition', { jobId: 'attn-job', driveId: 'ATTN-1', to: 'Received', note: 'label re-read' });
    await desk.call('drives.transition', { jobId: 'attn-job', driveId: 'ATTN-2', to: 'Transferring' });
    const second = await desk.core.sync.run('manual');
    return { upstream, desk, first, second };
  }

  it('keeps a rejected move with the upstream reason, holds later moves of that drive, and never lets a pull overwrite it', async () => {
    const { upstream, desk, first, second } = await rejectedSetUp('attention');
    expect(first.rejected).toBe(1);
    expect(second).toMatchObject({ rejected: 1, held: 1, pending: 0, lastError: null });
    const [rejected, held] = second.needsAttention;
    expect(rejected).toMatchObject({ status: 'rejected', jobId: 'attn-job', serial: 'ATTN1', from: 'Received', to: 'Faulted', upstreamState: 'ShippedBack' });
    expect(rejected?.upstreamReason).toMatch(/ShippedBack/);
    expect(held).toMatchObject({ status: 'held', serial: 'ATTN1', from: 'Faulted', to: 'Received' });
    expect(await upstream.driveState('attn-job', 'ATTN2')).toBe('Transferring');
    expect(await upstream.driveState('attn-job', 'ATTN1')).toBe('ShippedBack');
    expect((await upstream.applied(desk)).filter((row) => row.serial === 'ATTN1').map((row) => row.to)).toEqual(['Received']);
    // The pull brought ShippedBack, but the desk's unsent record stands.
    const job = await desk.call('jobs.get', { jobId: 'attn-job' });
    expect(job.drives.find((drive) => drive.serial === 'ATTN1')?.state).toBe('Received');
  });

  it('Retry sends the rejected move again once the upstream is corrected, and the held one follows', async () => {
    const { upstream, desk, second } = await rejectedSetUp('retry');
    const seq = second.needsAttention[0]?.seq ?? 0;
    await upstream.admin('POST', 'jobs/attn-job/drives/ATTN1/state', { state: 'Received' });
    const resolved = await desk.call('sync.resolve', { seq, action: 'retry' });
    expect(resolved.resolved).toBe(1);
    const after = await syncUntilDrained(desk);
    expect(after.status).toMatchObject({ rejected: 0, held: 0, pending: 0, needsAttention: [] });
    expect(await upstream.driveState('attn-job', 'ATTN1')).toBe('Received');
    expect((await upstream.applied(desk)).filter((row) => row.serial === 'ATTN1').map((row) => row.to)).toEqual(['Received', 'Faulted', 'Received']);
  });

  it('Accept upstream takes the upstream state and keeps the overruled moves in the log', async () => {
    const { desk, second } = await rejectedSetUp('accept');
    const seq = second.needsAttention[0]?.seq ?? 0;
    const resolved = await desk.call('sync.resolve', { seq, action: 'acceptUpstream' });
    expect(resolved.resolved).toBe(2);
    expect(resolved.status).toMatchObject({ rejected: 0, held: 0, needsAttention: [] });
    const job = await desk.call('jobs.get', { jobId: 'attn-job' });
    expect(job.drives.find((drive) => drive.serial === 'ATTN1')?.state).toBe('ShippedBack');
    const history = await desk.call('drives.history', { driveId: 'ATTN1' });
    expect(history.transitions.map((row) => row.to)).toEqual(['Received', 'Faulted', 'Received']);
    expect(deskTransitions(desk).filter((row) => row.status === 'overruled')).toHaveLength(2);
    expect(await desk.raw('sync.resolve', { seq, action: 'retry' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('pull', () => {
  it('follows the cursor across pages, refetches everything when told, and reports progress', async () => {
    const upstream = await upstreamFor('pull');
    // Taken in as one List Jobs body, as a customer's batch would arrive.
    const value = Array.from({ length: 450 }, (_, index) => jobDocument(`pull-${index}`, { trackingNumber: `TRK-PULL-${index}`, drives: [`PULL-${index}-A`] }));
    expect(await upstream.admin('PUT', 'jobs', { value })).toEqual({ created: 450, replaced: 0 });
    const desk = deskFor('pull', undefined, { sync: { backoff: TEST_SYNC_BACKOFF } });
    await upstream.enroll(desk);
    const seen: number[] = [];
    const poll = setInterval(() => {
      const progress = desk.core.sync.status().progress;
      if (progress?.phase === 'pull') seen.push(progress.done);
    }, 1);
    await syncUntilDrained(desk);
    clearInterval(poll);
    expect((await desk.call('jobs.list', { limit: 1 })).total).toBe(450);
    const cursor = desk.core.context.store.syncState.read().pullCursor;
    expect(cursor).not.toBeNull();

    await upstream.admin('POST', 'jobs/pull-7/drives/PULL7A/state', { state: 'NeverReceived' });
    upstream.setFaults({ forceMustRefetch: true });
    await syncUntilDrained(desk);
    const job = await desk.call('jobs.get', { jobId: 'pull-7' });
    expect(job.drives[0]?.state).toBe('NeverReceived');
    expect(upstream.proxy.fired.mustRefetch).toBe(1);
    // The status a screen polls showed the pull moving, page by page.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((done) => done >= 200 && done <= 450)).toBe(true);
  });

  it('refuses a page with a bad job document whole, and says so', async () => {
    // The reference upstream refuses bad documents itself, so a bare HTTP server plays a broken one.
    const good = jobDocument('good-job', { trackingNumber: 'TRK-GOOD', drives: ['GOOD-1'] });
    const bad = { ...jobDocument('bad-job'), properties: { driveList: [{ driveId: 'BAD\u0007SERIAL' }] } };
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ value: [good, bad], cursor: '2', hasMore: false }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const desk = deskFor('bad-page');
    await desk.call('settings.set', { upstreamUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, upstreamToken: 'any-token' });
    const status = await desk.core.sync.run('manual');
    expect(status.lastError).toMatch(/job document the desk cannot read: value\[1\]\.properties\.driveList\[0\]\.driveId/);
    expect(status.failures).toBe(1);
    expect((await desk.call('jobs.list', {})).total).toBe(0);
    expect(desk.core.context.store.syncState.read().pullCursor).toBeNull();
  });
});
