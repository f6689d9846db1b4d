import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { jobDocumentSchema } from '../../main/core/import/job-document-schema';
import {
  CHANGES_PATH,
  changesResponseSchema,
  pushResponseSchema,
  TRANSITIONS_PATH,
  type ChangesResponse,
  type PushItem,
  type PushResponse,
} from '../../shared/sync/wire';
import { readExample } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/temp-dir';
import { startUpstream, type UpstreamHandle } from '../upstream/upstream-server';

const TOKEN = 'upstream-integration-token-0123';
const DESK = 'desk-8d3c';
const JOB = 'myJob';
/** The drive GetJob.json lists, in state Specified. */
const SERIAL = '9CA995BB';
const ROOT = path.resolve(__dirname, '..', '..');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startInTemp(dataDir?: string): Promise<UpstreamHandle> {
  let dir = dataDir;
  if (dir === undefined) {
    const temp = makeTempDir('upstream');
    cleanups.push(temp.remove);
    dir = temp.dir;
  }
  const upstream = await startUpstream({ dataDir: dir, token: TOKEN });
  cleanups.push(() => upstream.close());
  return upstream;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read fields of many body shapes
  readonly body: any;
}

async function call(upstream: UpstreamHandle, method: string, route: string, body?: unknown, token: string | null = TOKEN): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${upstream.url}${route}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

function fixtureJob(): Record<string, unknown> {
  return readExample('GetJob.json').responses['200']?.body as Record<string, unknown>;
}

async function putJob(upstream: UpstreamHandle, name: string, document: unknown = fixtureJob()): Promise<Answer> {
  const answer = await call(upstream, 'PUT', `/v1/admin/jobs/${encodeURIComponent(name)}`, document);
  expect([200, 201]).toContain(answer.status);
  return answer;
}

/** A drive move of the fixture's drive; override any field. */
function item(seq: number, overrides: Partial<PushItem> = {}): PushItem {
  return {
    seq,
    clientId: `client-${seq}`,
    entity: 'drive',
    jobName: JOB,
    serial: SERIAL,
    driveId: SERIAL,
    from: 'Specified',
    to: 'Received',
    reason: null,
    note: null,
    operator: 'alice',
    at: '2026-11-21T09:00:00.000Z',
    compensates: null,
    extra: false,
    ...overrides,
  };
}

function jobItem(seq: number, from: string, to: string, clientId = `job-${seq}`): PushItem {
  return item(seq, { clientId, entity: 'job', serial: null, driveId: null, from, to });
}

async function pushRaw(upstream: UpstreamHandle, items: PushItem[], deskId = DESK): Promise<Answer> {
  return call(upstream, 'POST', TRANSITIONS_PATH, { deskId, deskName: 'Dock 2', items });
}

/** Pushes and checks the answer against the wire schema the desk uses. */
async function push(upstream: UpstreamHandle, items: PushItem[], deskId = DESK): Promise<PushResponse> {
  const answer = await pushRaw(upstream, items, deskId);
  expect(answer.status).toBe(200);
  return pushResponseSchema.parse(answer.body);
}

async function changes(upstream: UpstreamHandle, query = ''): Promise<ChangesResponse> {
  const answer = await call(upstream, 'GET', `${CHANGES_PATH}${query}`);
  expect(answer.status).toBe(200);
  return changesResponseSchema.parse(answer.body);
}

async function appliedLog(upstream: UpstreamHandle, deskId = DESK): Promise<{ clientId: string; seq: number; to: string }[]> {
  const answer = await call(upstream, 'GET', `/v1/admin/transitions?deskId=${encodeURIComponent(deskId)}`);
  expect(answer.status).toBe(200);
  return answer.body.value as { clientId: string; seq: number; to: string }[];
}

async function driveState(upstream: UpstreamHandle, serial = SERIAL, job = JOB): Promise<string | undefined> {
  const answer = await call(upstream, 'GET', `/v1/admin/jobs/${job}/drives`);
  expect(answer.status).toBe(200);
  return (answer.body.value as { serial: string; state: string }[]).find((drive) => drive.serial === serial)?.state;
}

async function forceDrive(upstream: UpstreamHandle, state: string, serial = SERIAL): Promise<void> {
  const answer = await call(upstream, 'POST', `/v1/admin/jobs/${JOB}/drives/${serial}/state`, { state });
  expect(answer.status).toBe(200);
  expect(answer.body.state).toBe(state);
}

async function forceJob(upstream: UpstreamHandle, state: string, job = JOB): Promise<void> {
  const answer = await call(upstream, 'POST', `/v1/admin/jobs/${job}/state`, { state });
  expect(answer.status).toBe(200);
}

async function firedCounters(upstream: UpstreamHandle): Promise<Record<string, number>> {
  const answer = await call(upstream, 'GET', '/v1/admin/faults');
  expect(answer.status).toBe(200);
  return answer.body.fired as Record<string, number>;
}

describe('reference upstream: transport', () => {
  it('refuses a request without the token or with a wrong one with 401, on protocol and admin routes', async () => {
    const upstream = await startInTemp();
    for (const route of [CHANGES_PATH, '/v1/admin/transitions']) {
      expect((await call(upstream, 'GET', route, undefined, null)).status).toBe(401);
      const wrong = await call(upstream, 'GET', route, undefined, 'not-the-token');
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ error: expect.any(String) });
      expect((await call(upstream, 'GET', route)).status).toBe(200);
    }
    expect((await pushRaw(upstream, [item(1)])).status).toBe(200);
    expect((await call(upstream, 'POST', TRANSITIONS_PATH, { deskId: DESK, deskName: 'x', items: [item(2)] }, 'wrong')).status).toBe(401);
  });

  it('answers 400 with {error} for a push that does not fit the schema, and changes nothing', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    const bad = await call(upstream, 'POST', TRANSITIONS_PATH, { deskId: DESK, deskName: 'Dock 2', items: [{ ...item(1), to: 7 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/items\[0\]\.to/);
    const empty = await call(upstream, 'POST', TRANSITIONS_PATH, { deskId: DESK, deskName: 'Dock 2', items: [] });
    expect(empty.status).toBe(400);
    expect(await appliedLog(upstream)).toEqual([]);
    expect((await push(upstream, [item(1)])).expectedSeq).toBe(2);
    expect((await call(upstream, 'GET', '/v1/no-such-route')).status).toBe(404);
  });

  it('keeps what it applied and each desk\'s sequence across a restart', async () => {
    const temp = makeTempDir('upstream-restart');
    cleanups.push(temp.remove);
    const first = await startUpstream({ dataDir: temp.dir, token: TOKEN });
    await putJob(first, JOB);
    await push(first, [item(1), item(2, { from: 'Received', to: 'Transferring' })]);
    await first.close();
    const second = await startInTemp(temp.dir);
    const resent = await push(second, [item(3, { from: 'Transferring', to: 'Completed' })]);
    expect(resent.expectedSeq).toBe(4);
    expect(await driveState(second)).toBe('Completed');
    expect((await appliedLog(second)).map((row) => row.seq)).toEqual([1, 2, 3]);
  });
});

describe('reference upstream: jobs and the changes feed', () => {
  it('serves a PUT fixture job back from the changes feed with its drive states', async () => {
    const upstream = await startInTemp();
    const created = await putJob(upstream, JOB);
    expect(created.status).toBe(201);
    const page = await changes(upstream);
    expect(page.value).toHaveLength(1);
    expect(page).toMatchObject({ hasMore: false, remaining: 0, mustRefetch: false });
    const document = page.value[0] as { name: string; properties: { state: string; driveList: { driveId: string; state: string }[] } };
    expect(jobDocumentSchema.safeParse(document).success).toBe(true);
    expect(document.name).toBe(JOB);
    expect(document.properties.state).toBe('Creating');
    expect(document.properties.driveList).toEqual([expect.objectContaining({ driveId: SERIAL, state: 'Specified', manifestFile: '\\DriveManifest.xml' })]);

    // A move advances the job's cursor: only the changed job comes after the old cursor, in its new state.
    await forceJob(upstream, 'Shipping');
    await push(upstream, [item(1)]);
    const next = await changes(upstream, `?after=${page.cursor}`);
    expect(next.value).toHaveLength(1);
    const moved = next.value[0] as typeof document;
    expect(moved.properties.state).toBe('Shipping');
    expect(moved.properties.driveList[0]?.state).toBe('Received');
    expect(Number(next.cursor)).toBeGreaterThan(Number(page.cursor));
    expect((await changes(upstream, `?after=${next.cursor}`)).value).toEqual([]);
  });

  it('stores a create request body with its BitLocker key and a normalised serial, and replaces a job in place', async () => {
    const upstream = await startInTemp();
    const example = readExample('CreateJob.json');
    const body = structuredClone(example.parameters.body) as { properties: { driveList: { driveId: string }[] } };
    const first = body.properties.driveList[0];
    if (first === undefined) throw new Error('CreateJob.json lists a drive');
    first.driveId = '9ca9-95bb';
    await putJob(upstream, String(example.parameters.jobName), body);
    const got = await call(upstream, 'GET', `/v1/admin/jobs/${JOB}`);
    expect(got.body.properties.driveList).toEqual([
      expect.objectContaining({ driveId: '9ca9-95bb', state: 'Specified', bitLockerKey: expect.stringMatching(/^\d{6}-/) }),
    ]);
    await push(upstream, [item(1)]);
    expect(await driveState(upstream)).toBe('Received');

    // The customer moves it to Shipping with a tracking number: a replace, not a second job.
    const shipping = structuredClone(fixtureJob()) as { properties: Record<string, unknown> };
    shipping.properties.state = 'Shipping';
    shipping.properties.deliveryPackage = { carrierName: 'FedEx', trackingNumber: '787895108176', driveCount: 1, shipDate: '2026-11-20' };
    const replaced = await putJob(upstream, JOB, shipping);
    expect(replaced.status).toBe(200);
    const page = await changes(upstream);
    expect(page.value).toHaveLength(1);
    expect(page.value[0]).toMatchObject({ properties: { state: 'Shipping', deliveryPackage: { trackingNumber: '787895108176' } } });
    const badSerial = await call(upstream, 'PUT', '/v1/admin/jobs/other', { properties: { driveList: [{ driveId: 'A' }, { driveId: 'a' }] } });
    expect(badSerial.status).toBe(400);
    expect(badSerial.body.error).toMatch(/listed twice/);
  });

  it('pages through changes with a cursor, hasMore and remaining, and sends a job again after it changes', async () => {
    const upstream = await startInTemp();
    const names = ['job-a', 'job-b', 'job-c', 'job-d', 'job-e'];
    for (const name of names) await putJob(upstream, name);
    const seen: string[] = [];
    const pages: ChangesResponse[] = [];
    let cursor = '';
    for (;;) {
      const page = await changes(upstream, `?after=${cursor}&limit=2`);
      pages.push(page);
      seen.push(...page.value.map((job) => (job as { name: string }).name));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(names);
    expect(pages.map((page) => [page.value.length, page.hasMore, page.remaining])).toEqual([
      [2, true, 3],
      [2, true, 1],
      [1, false, 0],
    ]);
    await forceJob(upstream, 'Shipping', 'job-b');
    const after = await changes(upstream, `?after=${cursor}`);
    expect(after.value.map((job) => (job as { name: string }).name)).toEqual(['job-b']);
    expect((await call(upstream, 'GET', `${CHANGES_PATH}?limit=0`)).status).toBe(400);
  });

  it('answers mustRefetch for a cursor it never gave out, and once when the switch forces it', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    for (const cursor of ['abc', '999999', '-1']) {
      const page = await changes(upstream, `?after=${cursor}`);
      expect(page).toMatchObject({ value: [], cursor: '0', hasMore: true, mustRefetch: true });
    }
    const set = await call(upstream, 'POST', '/v1/admin/faults', { forceMustRefetch: true });
    expect(set.status).toBe(200);
    const forced = await changes(upstream, '?after=1');
    expect(forced).toMatchObject({ value: [], cursor: '0', mustRefetch: true });
    const normal = await changes(upstream, '?after=0');
    expect(normal.mustRefetch).toBe(false);
    expect(normal.value).toHaveLength(1);
    expect((await firedCounters(upstream)).mustRefetch).toBe(1);
  });
});

describe('reference upstream: push rules', () => {
  it('applies an item once: a resent batch gets duplicate with the same shape, and the log holds it once', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    const batch = [item(1), item(2, { from: 'Received', to: 'Transferring' })];
    const first = await push(upstream, batch);
    expect(first).toEqual({
      results: [
        { clientId: 'client-1', seq: 1, status: 'applied', state: 'Received' },
        { clientId: 'client-2', seq: 2, status: 'applied', state: 'Transferring' },
      ],
      expectedSeq: 3,
    });
    const again = await push(upstream, batch);
    expect(again).toEqual({
      results: [
        { clientId: 'client-1', seq: 1, status: 'duplicate', state: 'Transferring' },
        { clientId: 'client-2', seq: 2, status: 'duplicate', state: 'Transferring' },
      ],
      expectedSeq: 3,
    });
    expect((await appliedLog(upstream)).map((row) => row.clientId)).toEqual(['client-1', 'client-2']);
    expect(await driveState(upstream)).toBe('Transferring');
  });

  it('stops at a gap: the item and every later one are left out, and expectedSeq says where to resend from', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    expect((await push(upstream, [item(1)])).expectedSeq).toBe(2);
    const gap = await push(upstream, [item(3, { from: 'Received', to: 'Transferring' }), item(4, { from: 'Transferring', to: 'Completed' })]);
    expect(gap).toEqual({ results: [], expectedSeq: 2 });
    const inner = await push(upstream, [item(2, { from: 'Received', to: 'Transferring' }), item(4, { from: 'Transferring', to: 'Completed' })]);
    expect(inner.results.map((result) => [result.seq, result.status])).toEqual([[2, 'applied']]);
    expect(inner.expectedSeq).toBe(3);
    expect(await driveState(upstream)).toBe('Transferring');
    // Another desk has its own sequence.
    expect((await push(upstream, [item(1, { clientId: 'other-1', from: 'Transferring', to: 'Completed' })], 'desk-2')).expectedSeq).toBe(2);
  });

  it('rejects an illegal move with its reason and the upstream state, and the seq is consumed', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    const answer = await push(upstream, [item(1, { to: 'Completed' }), item(2)]);
    expect(answer.results).toEqual([
      { clientId: 'client-1', seq: 1, status: 'rejected', state: 'Specified', reason: 'Specified → Completed is not a legal move' },
      { clientId: 'client-2', seq: 2, status: 'applied', state: 'Received' },
    ]);
    expect(answer.expectedSeq).toBe(3);
    expect((await appliedLog(upstream)).map((row) => row.clientId)).toEqual(['client-2']);
    const rejections = await call(upstream, 'GET', `/v1/admin/rejections?deskId=${DESK}`);
    expect(rejections.body.value).toEqual([expect.objectContaining({ seq: 1, clientId: 'client-1' })]);
    // A desk that had not heard of another desk's move still gets a legal move applied: `from` is informational.
    const stale = await push(upstream, [item(3, { clientId: 'stale', from: 'Specified', to: 'Transferring' })]);
    expect(stale.results[0]).toMatchObject({ status: 'applied', state: 'Transferring' });
    // Equal states agree, and are applied.
    const equal = await push(upstream, [item(4, { clientId: 'equal', from: 'Received', to: 'Transferring' })]);
    expect(equal.results[0]).toMatchObject({ status: 'applied', state: 'Transferring' });
  });

  it('resolves a Faulted drive only to the state it left or a successor of it', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    await push(upstream, [item(1), item(2, { from: 'Received', to: 'Faulted', reason: 'damagedInShipment' })]);
    const wrong = await push(upstream, [item(3, { from: 'Faulted', to: 'Completed' })]);
    expect(wrong.results[0]).toMatchObject({ status: 'rejected', state: 'Faulted' });
    const resolved = await push(upstream, [item(4, { from: 'Faulted', to: 'Transferring' })]);
    expect(resolved.results[0]).toMatchObject({ status: 'applied', state: 'Transferring' });
  });

  it('judges a rejected client id afresh when it is resent with a new seq after the upstream was corrected', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    await forceDrive(upstream, 'ShippedBack');
    const scan = item(1, { clientId: 'scan-1' });
    const first = await push(upstream, [scan]);
    expect(first.results[0]).toMatchObject({ status: 'rejected', state: 'ShippedBack', reason: 'ShippedBack → Received is not a legal move' });
    // A lost answer: the same batch again gets the same rejection, nothing is applied, the seq does not move.
    const replay = await push(upstream, [scan]);
    expect(replay).toEqual(first);
    await forceDrive(upstream, 'Specified');
    const retried = await push(upstream, [{ ...scan, seq: 2 }]);
    expect(retried).toEqual({ results: [{ clientId: 'scan-1', seq: 2, status: 'applied', state: 'Received' }], expectedSeq: 3 });
    expect(await appliedLog(upstream)).toEqual([expect.objectContaining({ clientId: 'scan-1', seq: 2 })]);
  });

  it('undoes the latest applied move of a drive, and refuses an undo once the drive moved since', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    await push(upstream, [item(1, { clientId: 'scan' })]);
    const undo = await push(upstream, [item(2, { clientId: 'undo', from: 'Received', to: 'Specified', reason: 'undoScan', compensates: 'scan' })]);
    expect(undo.results[0]).toMatchObject({ status: 'applied', state: 'Specified' });
    expect(await driveState(upstream)).toBe('Specified');

    await push(upstream, [item(3, { clientId: 'scan-again' }), item(4, { clientId: 'copy', from: 'Received', to: 'Transferring' })]);
    const late = await push(upstream, [item(5, { clientId: 'late-undo', from: 'Received', to: 'Specified', compensates: 'scan-again' })]);
    expect(late.results[0]).toMatchObject({ status: 'rejected', state: 'Transferring' });
    expect(late.results[0]?.reason).toMatch(/moved since/);
    const unknown = await push(upstream, [item(6, { clientId: 'ghost-undo', from: 'Transferring', to: 'Received', compensates: 'never-sent' })]);
    expect(unknown.results[0]).toMatchObject({ status: 'rejected', state: 'Transferring' });

    // An operations move ends the undo window of the desk's last move.
    await push(upstream, [item(7, { clientId: 'done', from: 'Transferring', to: 'Completed' })]);
    await forceDrive(upstream, 'CompletedMoreInfo');
    const afterAdmin = await push(upstream, [item(8, { clientId: 'undo-done', from: 'Completed', to: 'Transferring', compensates: 'done' })]);
    expect(afterAdmin.results[0]).toMatchObject({ status: 'rejected', state: 'CompletedMoreInfo' });
  });

  it('creates a drive the desk found in the box (from null), keeps it off the public drive list, and undoes it to Removed', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    const extra = { serial: 'EXTRA01', driveId: 'extra-01', from: null, extra: true } as const;
    const unknown = await push(upstream, [item(1, { ...extra, from: 'Specified' })]);
    expect(unknown.results[0]).toMatchObject({ status: 'rejected', state: null });
    expect(unknown.results[0]?.reason).toMatch(/not on job/);
    const created = await push(upstream, [item(2, { ...extra, clientId: 'found' })]);
    expect(created.results[0]).toMatchObject({ status: 'applied', state: 'Received' });
    const drives = await call(upstream, 'GET', `/v1/admin/jobs/${JOB}/drives`);
    expect(drives.body.value).toContainEqual(expect.objectContaining({ serial: 'EXTRA01', driveId: 'extra-01', state: 'Received', extra: true }));
    const document = (await changes(upstream)).value[0] as { properties: { driveList: { driveId: string }[] } };
    expect(document.properties.driveList.map((drive) => drive.driveId)).toEqual([SERIAL]);

    const undone = await push(upstream, [item(3, { ...extra, clientId: 'unfound', from: 'Received', to: 'Specified', compensates: 'found' })]);
    expect(undone.results[0]).toMatchObject({ status: 'applied', state: 'Removed' });
    // Scanning it again revives it.
    const again = await push(upstream, [item(4, { ...extra, clientId: 'found-again' })]);
    expect(again.results[0]).toMatchObject({ status: 'applied', state: 'Received' });

    // A registered (not extra) drive does appear on the list.
    await push(upstream, [item(5, { clientId: 'registered', serial: 'REG1', driveId: 'REG1', from: null, extra: false })]);
    const listed = (await changes(upstream)).value[0] as { properties: { driveList: { driveId: string; state: string }[] } };
    expect(listed.properties.driveList).toContainEqual(expect.objectContaining({ driveId: 'REG1', state: 'Received' }));
  });

  it('judges job transitions by the job state machine from the upstream state, and rejects an unknown job', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    const early = await push(upstream, [jobItem(1, 'Shipping', 'Received')]);
    expect(early.results[0]).toMatchObject({ status: 'rejected', state: 'Creating', reason: 'Creating → Received is not a legal move' });
    await forceJob(upstream, 'Shipping');
    const received = await push(upstream, [jobItem(2, 'Shipping', 'Received'), jobItem(3, 'Shipping', 'Received', 'other-desk-agrees')]);
    expect(received.results.map((result) => [result.status, result.state])).toEqual([
      ['applied', 'Received'],
      ['applied', 'Received'],
    ]);
    const skip = await push(upstream, [jobItem(4, 'Received', 'Completed')]);
    expect(skip.results[0]).toMatchObject({ status: 'rejected', state: 'Received' });
    const page = await changes(upstream);
    expect(page.value[0]).toMatchObject({ properties: { state: 'Received' } });
    const ghost = await push(upstream, [item(5, { jobName: 'no-such-job' })]);
    expect(ghost.results[0]).toMatchObject({ status: 'rejected', state: null, reason: 'job no-such-job is not known upstream' });
    expect(ghost.expectedSeq).toBe(6);
  });
});

describe('reference upstream: fault switches', () => {
  it('answers 503 before processing, and never on admin routes', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    upstream.setFaults({ serverErrorRate: 1 });
    expect((await pushRaw(upstream, [item(1)])).status).toBe(503);
    expect((await call(upstream, 'GET', CHANGES_PATH)).status).toBe(503);
    expect(await appliedLog(upstream)).toEqual([]);
    expect(await driveState(upstream)).toBe('Specified');
    expect((await firedCounters(upstream)).serverError).toBe(2);
    upstream.resetFaults();
    expect((await push(upstream, [item(1)])).expectedSeq).toBe(2);
  });

  it('answers 429 with Retry-After', async () => {
    const upstream = await startInTemp();
    upstream.setFaults({ tooManyRequestsRate: 1, retryAfterSeconds: 7 });
    const answer = await call(upstream, 'GET', CHANGES_PATH);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect((await firedCounters(upstream)).tooManyRequests).toBe(1);
  });

  it('resets the connection before processing: fetch throws and nothing is applied', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    upstream.setFaults({ resetRate: 1 });
    await expect(pushRaw(upstream, [item(1)])).rejects.toThrow();
    expect(await appliedLog(upstream)).toEqual([]);
    expect((await firedCounters(upstream)).reset).toBe(1);
  });

  it('loses the answer after commit: fetch throws, the log has the items, and the resend gets duplicates', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    const batch = [item(1), item(2, { from: 'Received', to: 'Transferring' })];
    upstream.setFaults({ lostResponseRate: 1 });
    await expect(pushRaw(upstream, batch)).rejects.toThrow();
    expect((await appliedLog(upstream)).map((row) => row.clientId)).toEqual(['client-1', 'client-2']);
    expect((await firedCounters(upstream)).lostResponse).toBe(1);
    upstream.setFaults({ lostResponseRate: 0 });
    const resent = await push(upstream, batch);
    expect(resent.results.map((result) => result.status)).toEqual(['duplicate', 'duplicate']);
    expect(resent.expectedSeq).toBe(3);
  });

  it('drops one item (never the first) of a batch, so the upstream sees a gap', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    upstream.setFaults({ sequenceGapRate: 1 });
    const batch = [item(1), item(2, { from: 'Received', to: 'Transferring' }), item(3, { from: 'Transferring', to: 'Completed' })];
    const answer = await push(upstream, batch);
    expect(answer.expectedSeq).toBeLessThan(4);
    expect(answer.expectedSeq).toBeGreaterThanOrEqual(2);
    expect(answer.results.map((result) => result.seq)).toEqual(batch.slice(0, answer.expectedSeq - 1).map((sent) => sent.seq));
    expect((await firedCounters(upstream)).sequenceGap).toBe(1);
    upstream.resetFaults();
    const rest = await push(upstream, batch.slice(answer.expectedSeq - 1));
    expect(rest.expectedSeq).toBe(4);
    expect(await driveState(upstream)).toBe('Completed');
  });

  it('adds measurable latency', async () => {
    const upstream = await startInTemp();
    const latencyMs = 300;
    upstream.setFaults({ latencyMs });
    const started = performance.now();
    expect((await call(upstream, 'GET', CHANGES_PATH)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(latencyMs - 5);
    expect((await firedCounters(upstream)).latency).toBe(1);
  });

  it('answers every protocol request 503 during an outage, while admin routes keep working', async () => {
    const upstream = await startInTemp();
    await putJob(upstream, JOB);
    const on = await call(upstream, 'POST', '/v1/admin/faults', { outage: true });
    expect(on.body.switches.outage).toBe(true);
    expect((await pushRaw(upstream, [item(1)])).status).toBe(503);
    expect((await call(upstream, 'GET', CHANGES_PATH)).status).toBe(503);
    expect((await call(upstream, 'GET', `/v1/admin/jobs/${JOB}`)).status).toBe(200);
    expect((await firedCounters(upstream)).outage).toBe(2);
    const off = await call(upstream, 'DELETE', '/v1/admin/faults');
    expect(off.body.switches.outage).toBe(false);
    expect((await call(upstream, 'GET', CHANGES_PATH)).status).toBe(200);
  });

  it('fires rate faults from a seeded PRNG: the same seed gives the same pattern', async () => {
    const upstream = await startInTemp();
    const pattern = async (): Promise<number[]> => {
      upstream.resetFaults();
      upstream.setFaults({ serverErrorRate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let request = 0; request < 16; request += 1) statuses.push((await call(upstream, 'GET', CHANGES_PATH)).status);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
    const refused = await call(upstream, 'POST', '/v1/admin/faults', { serverErrorRate: 2 });
    expect(refused.status).toBe(400);
  });
});

describe('npm run upstream', () => {
  it('prints one line with the URL and token, serves requests, and stops on SIGTERM', async () => {
    const temp = makeTempDir('upstream-cli');
    cleanups.push(temp.remove);
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'run-upstream.mjs'), '--port', '0', '--data', temp.dir, '--token', 'T'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    });
    const lines = createInterface({ input: child.stdout });
    const line = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`run-upstream exited with ${String(code)} before printing`)));
    });
    const match = /^Reference upstream: (http:\/\/127\.0\.0\.1:(\d+)) token=(\S+) data=(.+)$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, url, , token, dataDir] = match ?? [];
    expect(token).toBe('T');
    expect(dataDir).toBe(temp.dir);
    const response = await fetch(`${url}${CHANGES_PATH}`, { headers: { Authorization: 'Bearer T' } });
    expect(response.status).toBe(200);
    expect(changesResponseSchema.parse(await response.json()).value).toEqual([]);
    expect((await fetch(`${url}${CHANGES_PATH}`)).status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
