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
    // Overruling the desk's own record is a supervisor action: refused without a supervisor's badge.
    expect(await desk.raw('sync.resolve', { seq, action: 'acceptUpstream' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await desk.call('operators.save', { name: 'Sam Supervisor', role: 'supervisor', badge: 'SUP-1' });
    const resolved = await desk.call('sync.resolve', { seq, action: 'acceptUpstream', supervisorBadge: 'SUP-1' });
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

  it('stores a page in small transactions and lets a scan in between them: a scan never waits for a whole pull', async () => {
    const upstream = await upstreamFor('pull-chunks');
    const value = Array.from({ length: 200 }, (_, index) => jobDocument(`chunk-${index}`, { trackingNumber: `TRK-CHUNK-${index}`, drives: Array.from({ length: 20 }, (_, drive) => `CH${index}D${drive}`) }));
    await upstream.admin('PUT', 'jobs', { value });
    const desk = deskFor('pull-chunks');
    await desk.call('jobs.import', { document: jobDocument('local-job', { trackingNumber: 'TRK-LOCAL', drives: ['LOCAL-1'] }) });
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-LOCAL' });
    await upstream.enroll(desk);
    const { store } = desk.core.context;
    const original = store.transaction.bind(store);
    let transactions = 0;
    (store as { transaction: typeof store.transaction }).transaction = ((work) => {
      transactions += 1;
      return original(work);
    }) as typeof store.transaction;
    const pulling = desk.core.sync.run('manual');
    // Asked while the page is being stored: answered before the pull ends.
    let scannedDuringPull = false;
    while (!scannedDuringPull) {
      await new Promise((resolve) => setImmediate(resolve));
      const progress = desk.core.sync.status().progress;
      if (progress?.phase === 'pull' && progress.done > 0 && progress.done < 200) {
        expect((await desk.call('scans.record', { packageId, code: 'LOCAL-1' })).verdict).toBe('received');
        scannedDuringPull = desk.core.sync.status().progress?.phase === 'pull';
        break;
      }
      if (desk.core.sync.status().running === false) break;
    }
    const status = await pulling;
    expect(status.lastError).toBeNull();
    expect(scannedDuringPull).toBe(true);
    // 200 jobs in one page, at most 20 a transaction.
    expect(transactions).toBeGreaterThanOrEqual(10);
    expect((await desk.call('jobs.list', { limit: 1 })).total).toBe(201);
  });

  it('lists a pulled document it cannot read under Needs attention, moves the cursor past it, and clears it once the job reads', async () => {
    const upstream = await upstreamFor('unreadable');
    await upstream.putJob(jobDocument('good-job', { trackingNumber: 'TRK-GOOD', drives: ['GOOD-1'] }));
    await upstream.putJob(jobDocument('bad-job', { trackingNumber: 'TRK-BAD', drives: ['BAD-1'] }));
    const desk = deskFor('unreadable');
    await upstream.enroll(desk);
    // What the hub would send, with bad-job's document broken on the way (the proxy answers for it).
    const reader = await upstream.hub.enrollRaw('reader', 'reader-desk');
    const real = (await (await fetch(`${upstream.hub.url}/v1/jobs/changes`, { headers: { Authorization: `Bearer ${reader.token}` } })).json()) as {
      value: { name: string; properties: Record<string, unknown> }[];
      cursor: string;
    };
    const value = real.value.map((document) =>
      document.name === 'bad-job' ? { ...document, properties: { ...document.properties, driveList: [{ driveId: 'BAD\u0007SERIAL', state: 'Specified' }] } } : document,
    );
    value.push({ name: 'no-properties-job' } as never);
    let served = false;
    upstream.proxy.override(({ path: route }) => {
      if (served || !route.startsWith('/v1/jobs/changes')) return null;
      served = true;
      return { status: 200, body: JSON.stringify({ value, cursor: real.cursor, hasMore: false, remaining: 0 }) };
    });
    const first = await desk.core.sync.run('manual');
    expect(first.lastError).toMatch(/2 job documents the desk cannot read \(listed under Needs attention; the pull went on past them\): value\[1\]\.properties\.driveList\[0\]\.driveId/);
    expect(first.failures).toBe(1);
    expect(first.nextAttemptAt).not.toBeNull();
    expect(first.unreadable.map((entry) => entry.jobName).sort()).toEqual(['bad-job', 'no-properties-job']);
    expect(first.unreadable.find((entry) => entry.jobName === 'no-properties-job')?.reason).toMatch(/properties/);
    // The good job was stored and the cursor moved past the page.
    expect((await desk.call('jobs.get', { jobId: 'good-job' })).drives.map((drive) => drive.serial)).toEqual(['GOOD1']);
    expect(desk.core.context.store.syncState.read().pullCursor).toBe(real.cursor);
    expect(await desk.raw('jobs.get', { jobId: 'bad-job' })).toMatchObject({ ok: false });

    // The next run goes on from there; bad-job stays listed until the hub sends a version the desk reads.
    const second = await desk.core.sync.run('manual');
    expect(second).toMatchObject({ lastError: null, failures: 0 });
    expect(second.unreadable).toHaveLength(2);
    await upstream.putJob(jobDocument('bad-job', { trackingNumber: 'TRK-BAD', drives: ['BAD-2'] }));
    const third = await desk.core.sync.run('manual');
    expect(third.lastError).toBeNull();
    expect(third.unreadable.map((entry) => entry.jobName)).toEqual(['no-properties-job']);
    expect((await desk.call('jobs.get', { jobId: 'bad-job' })).drives.map((drive) => drive.serial)).toContain('BAD2');
  });
});

describe('sync is bounded, whatever the upstream does', () => {
  async function boundedSetUp(label: string, options: Parameters<typeof openTestDesk>[2] = {}) {
    const upstream = await upstreamFor(label);
    const desk = deskFor(label, undefined, options);
    await upstream.enroll(desk);
    return { upstream, desk };
  }

  it('one deadline covers the whole answer: a body trickling a byte at a time ends at the timeout, a failed attempt that backs off', async () => {
    const { upstream, desk } = await boundedSetUp('trickle', { sync: { backoff: TEST_SYNC_BACKOFF, requestTimeoutMs: 1_000 } });
    upstream.setFaults({ trickleRate: 1, trickleIntervalMs: 100 });
    const started = Date.now();
    const status = await desk.core.sync.run('manual');
    expect(status.lastError).toBe('The upstream did not answer in full within 1 s.');
    expect(status.failures).toBe(1);
    expect(status.nextAttemptAt).not.toBeNull();
    // Headers came at once and bytes kept coming: only the deadline on the whole exchange ended it.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(upstream.proxy.fired.trickle).toBe(1);
  });

  it('a reply over the size cap is refused while it streams, with or without Content-Length', async () => {
    const { upstream, desk } = await boundedSetUp('cap', { sync: { backoff: TEST_SYNC_BACKOFF, maxReplyBytes: 256 * 1024 } });
    const big = JSON.stringify({ value: [], cursor: 'x'.repeat(150), hasMore: false, padding: 'y'.repeat(512 * 1024) });
    for (const chunked of [false, true]) {
      upstream.proxy.override(({ path: route }) => (route.startsWith('/v1/jobs/changes') ? { status: 200, body: big, chunked } : null));
      const status = await desk.core.sync.run('manual');
      expect(status.lastError, `chunked ${String(chunked)}`).toBe("The upstream's reply is larger than 262144 bytes; refused.");
    }
    expect(desk.core.sync.status().failures).toBe(2);
  });

  it('a reply nested deeper than the document limit is refused before it is parsed', async () => {
    const { upstream, desk } = await boundedSetUp('deep');
    const deep = `{"value":[${'['.repeat(5_000)}${']'.repeat(5_000)}],"cursor":"c","hasMore":false}`;
    upstream.proxy.override(({ path: route }) => (route.startsWith('/v1/jobs/changes') ? { status: 200, body: deep } : null));
    const status = await desk.core.sync.run('manual');
    expect(status.lastError).toBe("The upstream's reply nests deeper than 64 levels; refused.");
    expect((await desk.call('jobs.list', {})).total).toBe(0);
  });

  it('a feed that never ends stops after the page limit; push rounds that settle nothing stop after three', async () => {
    const { upstream, desk } = await boundedSetUp('endless', { sync: { backoff: TEST_SYNC_BACKOFF, maxPullPages: 5 } });
    let page = 0;
    upstream.proxy.override(({ path: route }) => {
      if (!route.startsWith('/v1/jobs/changes')) return null;
      page += 1;
      return { status: 200, body: JSON.stringify({ value: [], cursor: `page-${page}`, hasMore: true }) };
    });
    const pulled = await desk.core.sync.run('manual');
    expect(pulled.lastError).toBe('The upstream still had more after 5 pages; this run stopped and the next goes on from there.');
    expect(page).toBe(5);

    await upstream.putJob(jobDocument('idle-job', { trackingNumber: 'TRK-IDLE', drives: ['IDLE-1'] }));
    upstream.proxy.override(null);
    await syncUntilDrained(desk);
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-IDLE' });
    await desk.call('scans.record', { packageId, code: 'IDLE-1' });
    let rounds = 0;
    upstream.proxy.override(({ path: route }) => {
      if (route !== '/v1/transitions') return null;
      rounds += 1;
      // Accepts nothing, and asks for another seq each time: the desk would resend for ever.
      return { status: 200, body: JSON.stringify({ results: [], expectedSeq: 100 + rounds }) };
    });
    const pushed = await desk.core.sync.run('manual');
    expect(pushed.lastError).toMatch(/settled none of the desk's transitions in 3 rounds in a row/);
    expect(rounds).toBe(3);
    expect(pushed.pending).toBe(1);
  });

});

describe('a state the hub sends that the desk does not know', () => {
  it('is kept and shown, the drive can still be scanned (the verdict names the state), and operations move it on with a note', async () => {
    const upstream = await upstreamFor('unknown-state');
    await upstream.putJob(jobDocument('odd-job', { trackingNumber: 'TRK-ODD', drives: ['ODD-1', 'ODD-2'] }));
    const desk = deskFor('unknown-state');
    await upstream.enroll(desk);
    // Operations upstream put ODD-1 in a state this desk's version has never heard of.
    await upstream.admin('POST', 'jobs/odd-job/drives/ODD1/state', { state: 'Quarantined' });
    await syncUntilDrained(desk);
    const job = await desk.call('jobs.get', { jobId: 'odd-job' });
    expect(job.drives.find((drive) => drive.serial === 'ODD1')?.state).toBe('Quarantined');

    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-ODD' });
    const scan = await desk.call('scans.record', { packageId, code: 'ODD-1' });
    expect(scan.verdict).toBe('duplicate');
    expect(scan.message).toMatch(/ODD1 is in Quarantined, a state this desk does not know/);
    expect((await desk.call('scans.record', { packageId, code: 'ODD-2' })).verdict).toBe('received');

    expect(await desk.raw('drives.transition', { jobId: 'odd-job', driveId: 'ODD1', to: 'Received' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', key: 'unknownStateNeedsNote' },
    });
    const moved = await desk.call('drives.transition', { jobId: 'odd-job', driveId: 'ODD1', to: 'Received', note: 'found on the quarantine shelf, label intact' });
    expect(moved.drive.state).toBe('Received');
    await syncUntilDrained(desk);
    // The hub judges the move by the same shared rules: applied, not rejected.
    expect(await upstream.driveState('odd-job', 'ODD1')).toBe('Received');
    expect((await upstream.applied(desk)).find((row) => row.serial === 'ODD1')).toMatchObject({ upstreamFrom: 'Quarantined', to: 'Received' });
  });
});
