import { afterEach, describe, expect, it } from 'vitest';
import { jobDocumentSchema } from '../../shared/domain/job-document';
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
import { openTestHub, type HubEngine, type TestHub } from '../helpers/hub';

/**
 * The hub serves docs/sync-protocol.md: the rules of push (exactly once, each desk's sequence, the
 * move judged on the hub's current state) and the changes feed, over real HTTP on a fresh
 * PostgreSQL database per test. The embedded engine (PGlite) runs the smoke subset (SMOKE below).
 */
const DESK = 'desk-8d3c';
const JOB = 'myJob';
/** The drive GetJob.json lists, in state Specified. */
const SERIAL = '9CA995BB';

interface Scene {
  readonly hub: TestHub;
  /** The token of the desk whose client id is DESK. */
  readonly token: string;
  readonly hubDeskId: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function scene(label: string, engine: HubEngine = 'postgres'): Promise<Scene> {
  const hub = await openTestHub(label, { engine });
  cleanups.push(() => hub.close());
  const enrolled = await hub.enrollRaw('Dock 2', DESK);
  return { hub, token: enrolled.token, hubDeskId: enrolled.deskId };
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read fields of many body shapes
  readonly body: any;
}

async function call(s: Scene, method: string, route: string, body?: unknown, token: string | null = route.startsWith('/v1/admin/') ? s.hub.adminToken : s.token): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${s.hub.url}${route}`, {
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

async function putJob(s: Scene, name: string, document: unknown = fixtureJob()): Promise<Answer> {
  const answer = await call(s, 'PUT', `/v1/admin/jobs/${encodeURIComponent(name)}`, document);
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

async function pushRaw(s: Scene, items: PushItem[], token = s.token, deskId = DESK): Promise<Answer> {
  return call(s, 'POST', TRANSITIONS_PATH, { deskId, deskName: 'Dock 2', items }, token);
}

/** Pushes and checks the answer against the wire schema the desk uses. */
async function push(s: Scene, items: PushItem[], token = s.token, deskId = DESK): Promise<PushResponse> {
  const answer = await pushRaw(s, items, token, deskId);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return pushResponseSchema.parse(answer.body);
}

async function changes(s: Scene, query = ''): Promise<ChangesResponse> {
  const answer = await call(s, 'GET', `${CHANGES_PATH}${query}`);
  expect(answer.status).toBe(200);
  return changesResponseSchema.parse(answer.body);
}

async function appliedLog(s: Scene, hubDeskId = s.hubDeskId): Promise<{ clientId: string; seq: number; to: string }[]> {
  return s.hub.applied(hubDeskId);
}

async function driveState(s: Scene, serial = SERIAL, job = JOB): Promise<string | undefined> {
  const answer = await call(s, 'GET', `/v1/admin/jobs/${job}/drives`);
  expect(answer.status).toBe(200);
  return (answer.body.value as { serial: string; state: string }[]).find((drive) => drive.serial === serial)?.state;
}

async function forceDrive(s: Scene, state: string, serial = SERIAL): Promise<void> {
  const answer = await call(s, 'POST', `/v1/admin/jobs/${JOB}/drives/${serial}/state`, { state });
  expect(answer.status).toBe(200);
  expect(answer.body.state).toBe(state);
}

async function forceJob(s: Scene, state: string, job = JOB): Promise<void> {
  const answer = await call(s, 'POST', `/v1/admin/jobs/${job}/state`, { state });
  expect(answer.status).toBe(200);
}

const cursorSeq = (cursor: string): number => Number(cursor.split('.')[1]);

describe('hub: jobs and the changes feed', () => {
  it('serves a PUT fixture job back from the changes feed with its drive states', async () => {
    const s = await scene('protocol');
    const created = await putJob(s, JOB);
    expect(created.status).toBe(201);
    const page = await changes(s);
    expect(page.value).toHaveLength(1);
    expect(page).toMatchObject({ hasMore: false, remaining: 0, mustRefetch: false });
    const document = page.value[0] as { name: string; properties: { state: string; driveList: { driveId: string; state: string }[] } };
    expect(jobDocumentSchema.safeParse(document).success).toBe(true);
    expect(document.name).toBe(JOB);
    expect(document.properties.state).toBe('Creating');
    expect(document.properties.driveList).toEqual([expect.objectContaining({ driveId: SERIAL, state: 'Specified', manifestFile: '\\DriveManifest.xml' })]);

    // A move advances the job's cursor: only the changed job comes after the old cursor, in its new state.
    await forceJob(s, 'Shipping');
    await push(s, [item(1)]);
    const next = await changes(s, `?after=${page.cursor}`);
    expect(next.value).toHaveLength(1);
    const moved = next.value[0] as typeof document;
    expect(moved.properties.state).toBe('Shipping');
    expect(moved.properties.driveList[0]?.state).toBe('Received');
    expect(cursorSeq(next.cursor)).toBeGreaterThan(cursorSeq(page.cursor));
    expect((await changes(s, `?after=${next.cursor}`)).value).toEqual([]);
  });

  it('takes a create request body in with a normalised serial, keeps only its allow-listed projection, and replaces a job in place', async () => {
    const s = await scene('protocol');
    const example = readExample('CreateJob.json');
    const body = structuredClone(example.parameters.body) as { properties: { driveList: { driveId: string; bitLockerKey?: string }[] } & Record<string, unknown> };
    const first = body.properties.driveList[0];
    if (first === undefined) throw new Error('CreateJob.json lists a drive');
    expect(first.bitLockerKey).toMatch(/^\d{6}-/);
    first.driveId = '9ca9-95bb';
    // The same key under other spellings and places: none of it is kept either.
    body.properties.BitLockerKey = first.bitLockerKey;
    (body.properties as Record<string, unknown>).extra = { nested: { bitlockerkey: first.bitLockerKey } };
    await putJob(s, String(example.parameters.jobName), body);
    const got = await call(s, 'GET', `/v1/admin/jobs/${JOB}`);
    expect(got.body.properties.driveList).toEqual([expect.objectContaining({ driveId: '9ca9-95bb', state: 'Specified' })]);
    const keyDigits = (first.bitLockerKey ?? '').slice(0, 13);
    expect(JSON.stringify(got.body)).not.toMatch(/bitlocker/i);
    expect(JSON.stringify(got.body)).not.toContain(keyDigits);
    expect(JSON.stringify(await changes(s))).not.toContain(keyDigits);
    // A recovery key in a field the hub does keep is refused, with the field named.
    const leaky = structuredClone(fixtureJob()) as { properties: { returnAddress?: Record<string, string> } };
    leaky.properties.returnAddress = { ...leaky.properties.returnAddress, streetAddress2: first.bitLockerKey ?? '' };
    const refused = await call(s, 'PUT', '/v1/admin/jobs/leaky', leaky);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/^properties\.returnAddress\.streetAddress2: .*recovery key/);
    await push(s, [item(1)]);
    expect(await driveState(s)).toBe('Received');

    // The customer moves it to Shipping with a tracking number: a replace, not a second job.
    const shipping = structuredClone(fixtureJob()) as { properties: Record<string, unknown> };
    shipping.properties.state = 'Shipping';
    shipping.properties.deliveryPackage = { carrierName: 'FedEx', trackingNumber: '787895108176', driveCount: 1, shipDate: '2026-11-20' };
    const replaced = await putJob(s, JOB, shipping);
    expect(replaced.status).toBe(200);
    const page = await changes(s);
    expect(page.value).toHaveLength(1);
    expect(page.value[0]).toMatchObject({ properties: { state: 'Shipping', deliveryPackage: { trackingNumber: '787895108176' } } });
    const badSerial = await call(s, 'PUT', '/v1/admin/jobs/other', { properties: { driveList: [{ driveId: 'A' }, { driveId: 'a' }] } });
    expect(badSerial.status).toBe(400);
    expect(badSerial.body.error).toMatch(/listed twice/);
  });

  it('pages through changes with a cursor, hasMore and remaining, and sends a job again after it changes', async () => {
    const s = await scene('protocol');
    const names = ['job-a', 'job-b', 'job-c', 'job-d', 'job-e'];
    for (const name of names) await putJob(s, name);
    const seen: string[] = [];
    const pages: ChangesResponse[] = [];
    let cursor = '';
    for (;;) {
      const page = await changes(s, `?after=${cursor}&limit=2`);
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
    await forceJob(s, 'Shipping', 'job-b');
    const after = await changes(s, `?after=${cursor}`);
    expect(after.value.map((job) => (job as { name: string }).name)).toEqual(['job-b']);
    expect((await call(s, 'GET', `${CHANGES_PATH}?limit=0`)).status).toBe(400);
  });

  it('answers mustRefetch for a cursor it never gave out, or one from another hub or from before a rebuild', async () => {
    const s = await scene('refetch');
    await putJob(s, JOB);
    const first = await changes(s);
    const [instance] = first.cursor.split('.');
    const other = await scene('refetch-other');
    const foreign = (await changes(other)).cursor;
    for (const cursor of ['abc', '999999', '-1', `${instance}.999999`, foreign, '1842']) {
      const page = await changes(s, `?after=${encodeURIComponent(cursor)}`);
      expect(page, cursor).toMatchObject({ value: [], hasMore: true, remaining: 1, mustRefetch: true });
      // Starting again from the cursor it gave brings everything.
      const again = await changes(s, `?after=${encodeURIComponent(page.cursor)}`);
      expect(again).toMatchObject({ mustRefetch: false, hasMore: false });
      expect(again.value).toHaveLength(1);
    }
    expect(await changes(s, `?after=${first.cursor}`)).toMatchObject({ value: [], hasMore: false, mustRefetch: false });
  });
});

describe('hub: push rules', () => {
  it('applies an item once: a resent batch gets duplicate with the same shape, and the log holds it once', async () => {
    const s = await scene('protocol');
    await putJob(s, JOB);
    const batch = [item(1), item(2, { from: 'Received', to: 'Transferring' })];
    const first = await push(s, batch);
    expect(first).toEqual({
      results: [
        { clientId: 'client-1', seq: 1, status: 'applied', state: 'Received' },
        { clientId: 'client-2', seq: 2, status: 'applied', state: 'Transferring' },
      ],
      expectedSeq: 3,
    });
    const again = await push(s, batch);
    expect(again).toEqual({
      results: [
        { clientId: 'client-1', seq: 1, status: 'duplicate', state: 'Transferring' },
        { clientId: 'client-2', seq: 2, status: 'duplicate', state: 'Transferring' },
      ],
      expectedSeq: 3,
    });
    expect((await appliedLog(s)).map((row) => row.clientId)).toEqual(['client-1', 'client-2']);
    expect(await driveState(s)).toBe('Transferring');
  });

  it('stops at a gap: the item and every later one are left out, and expectedSeq says where to resend from', async () => {
    const s = await scene('protocol');
    await putJob(s, JOB);
    expect((await push(s, [item(1)])).expectedSeq).toBe(2);
    const gap = await push(s, [item(3, { from: 'Received', to: 'Transferring' }), item(4, { from: 'Transferring', to: 'Completed' })]);
    expect(gap).toEqual({ results: [], expectedSeq: 2 });
    const inner = await push(s, [item(2, { from: 'Received', to: 'Transferring' }), item(4, { from: 'Transferring', to: 'Completed' })]);
    expect(inner.results.map((result) => [result.seq, result.status])).toEqual([[2, 'applied']]);
    expect(inner.expectedSeq).toBe(3);
    expect(await driveState(s)).toBe('Transferring');
    // Another desk has its own sequence.
    const other = await s.hub.enrollRaw('Dock 3', 'desk-2');
    expect((await push(s, [item(1, { clientId: 'other-1', from: 'Transferring', to: 'Completed' })], other.token, 'desk-2')).expectedSeq).toBe(2);
  });

  it('rejects an illegal move with its reason and the hub state, and the seq is consumed', async () => {
    const s = await scene('protocol');
    await putJob(s, JOB);
    const answer = await push(s, [item(1, { to: 'Completed' }), item(2)]);
    expect(answer.results).toEqual([
      { clientId: 'client-1', seq: 1, status: 'rejected', state: 'Specified', reason: 'Specified → Completed is not a legal move' },
      { clientId: 'client-2', seq: 2, status: 'applied', state: 'Received' },
    ]);
    expect(answer.expectedSeq).toBe(3);
    expect((await appliedLog(s)).map((row) => row.clientId)).toEqual(['client-2']);
    const rejections = await call(s, 'GET', `/v1/admin/rejections?deskId=${s.hubDeskId}`);
    expect(rejections.body.value).toEqual([expect.objectContaining({ seq: 1, clientId: 'client-1' })]);
    // A desk that had not heard of another desk's move still gets a legal move applied: `from` is informational.
    const stale = await push(s, [item(3, { clientId: 'stale', from: 'Specified', to: 'Transferring' })]);
    expect(stale.results[0]).toMatchObject({ status: 'applied', state: 'Transferring' });
    // Equal states agree, and are applied.
    const equal = await push(s, [item(4, { clientId: 'equal', from: 'Received', to: 'Transferring' })]);
    expect(equal.results[0]).toMatchObject({ status: 'applied', state: 'Transferring' });
  });

  it('resolves a Faulted drive only to the state it left or a successor of it', async () => {
    const s = await scene('protocol');
    await putJob(s, JOB);
    await push(s, [item(1), item(2, { from: 'Received', to: 'Faulted', reason: 'damagedInShipment' })]);
    const wrong = await push(s, [item(3, { from: 'Faulted', to: 'Completed' })]);
    expect(wrong.results[0]).toMatchObject({ status: 'rejected', state: 'Faulted' });
    const resolved = await push(s, [item(4, { from: 'Faulted', to: 'Transferring' })]);
    expect(resolved.results[0]).toMatchObject({ status: 'applied', state: 'Transferring' });
  });

  it('judges a rejected client id afresh when it is resent with a new seq after the hub was corrected', async () => {
    const s = await scene('protocol');
    await putJob(s, JOB);
    await forceDrive(s, 'ShippedBack');
    const scan = item(1, { clientId: 'scan-1' });
    const first = await push(s, [scan]);
    expect(first.results[0]).toMatchObject({ status: 'rejected', state: 'ShippedBack', reason: 'ShippedBack → Received is not a legal move' });
    // A lost answer: the same batch again gets the same rejection, nothing is applied, the seq does not move.
    const replay = await push(s, [scan]);
    expect(replay).toEqual(first);
    await forceDrive(s, 'Specified');
    const retried = await push(s, [{ ...scan, seq: 2 }]);
    expect(retried).toEqual({ results: [{ clientId: 'scan-1', seq: 2, status: 'applied', state: 'Received' }], expectedSeq: 3 });
    expect(await appliedLog(s)).toEqual([expect.objectContaining({ clientId: 'scan-1', seq: 2 })]);
  });

  it('undoes the latest applied move of a drive, and refuses an undo once the drive moved since', async () => {
    const s = await scene('protocol');
    await putJob(s, JOB);
    await push(s, [item(1, { clientId: 'scan' })]);
    const undo = await push(s, [item(2, { clientId: 'undo', from: 'Received', to: 'Specified', reason: 'undoScan', compensates: 'scan' })]);
    expect(undo.results[0]).toMatchObject({ status: 'applied', state: 'Specified' });
    expect(await driveState(s)).toBe('Specified');

    await push(s, [item(3, { clientId: 'scan-again' }), item(4, { clientId: 'copy', from: 'Received', to: 'Transferring' })]);
    const late = await push(s, [item(5, { clientId: 'late-undo', from: 'Received', to: 'Specified', compensates: 'scan-again' })]);
    expect(late.results[0]).toMatchObject({ status: 'rejected', state: 'Transferring' });
    expect(late.results[0]?.reason).toMatch(/moved since/);
    const unknown = await push(s, [item(6, { clientId: 'ghost-undo', from: 'Transferring', to: 'Received', compensates: 'never-sent' })]);
    expect(unknown.results[0]).toMatchObject({ status: 'rejected', state: 'Transferring' });

    // An operations move ends the undo window of the desk's last move.
    await push(s, [item(7, { clientId: 'done', from: 'Transferring', to: 'Completed' })]);
    await forceDrive(s, 'CompletedMoreInfo');
    const afterAdmin = await push(s, [item(8, { clientId: 'undo-done', from: 'Completed', to: 'Transferring', compensates: 'done' })]);
    expect(afterAdmin.results[0]).toMatchObject({ status: 'rejected', state: 'CompletedMoreInfo' });
  });

  it('creates a drive the desk found in the box (from null), keeps it off the public drive list, and undoes it to Removed', async () => {
    const s = await scene('protocol');
    await putJob(s, JOB);
    const extra = { serial: 'EXTRA01', driveId: 'extra-01', from: null, extra: true } as const;
    const unknown = await push(s, [item(1, { ...extra, from: 'Specified' })]);
    expect(unknown.results[0]).toMatchObject({ status: 'rejected', state: null });
    expect(unknown.results[0]?.reason).toMatch(/not on job/);
    const created = await push(s, [item(2, { ...extra, clientId: 'found' })]);
    expect(created.results[0]).toMatchObject({ status: 'applied', state: 'Received' });
    const drives = await call(s, 'GET', `/v1/admin/jobs/${JOB}/drives`);
    expect(drives.body.value).toContainEqual(expect.objectContaining({ serial: 'EXTRA01', driveId: 'extra-01', state: 'Received', extra: true }));
    const document = (await changes(s)).value[0] as { properties: { driveList: { driveId: string }[] } };
    expect(document.properties.driveList.map((drive) => drive.driveId)).toEqual([SERIAL]);

    const undone = await push(s, [item(3, { ...extra, clientId: 'unfound', from: 'Received', to: 'Specified', compensates: 'found' })]);
    expect(undone.results[0]).toMatchObject({ status: 'applied', state: 'Removed' });
    // Scanning it again revives it.
    const again = await push(s, [item(4, { ...extra, clientId: 'found-again' })]);
    expect(again.results[0]).toMatchObject({ status: 'applied', state: 'Received' });

    // A registered (not extra) drive does appear on the list.
    await push(s, [item(5, { clientId: 'registered', serial: 'REG1', driveId: 'REG1', from: null, extra: false })]);
    const listed = (await changes(s)).value[0] as { properties: { driveList: { driveId: string; state: string }[] } };
    expect(listed.properties.driveList).toContainEqual(expect.objectContaining({ driveId: 'REG1', state: 'Received' }));
  });

  it('judges job transitions by the job state machine from the hub state, and rejects an unknown job', async () => {
    const s = await scene('protocol');
    await putJob(s, JOB);
    const early = await push(s, [jobItem(1, 'Shipping', 'Received')]);
    expect(early.results[0]).toMatchObject({ status: 'rejected', state: 'Creating', reason: 'Creating → Received is not a legal move' });
    await forceJob(s, 'Shipping');
    const received = await push(s, [jobItem(2, 'Shipping', 'Received'), jobItem(3, 'Shipping', 'Received', 'other-desk-agrees')]);
    expect(received.results.map((result) => [result.status, result.state])).toEqual([
      ['applied', 'Received'],
      ['applied', 'Received'],
    ]);
    const skip = await push(s, [jobItem(4, 'Received', 'Completed')]);
    expect(skip.results[0]).toMatchObject({ status: 'rejected', state: 'Received' });
    const page = await changes(s);
    expect(page.value[0]).toMatchObject({ properties: { state: 'Received' } });
    const ghost = await push(s, [item(5, { jobName: 'no-such-job' })]);
    expect(ghost.results[0]).toMatchObject({ status: 'rejected', state: null, reason: 'job no-such-job is not known upstream' });
    expect(ghost.expectedSeq).toBe(6);
  });
});


describe('hub on embedded PostgreSQL (PGlite): the smoke subset', () => {
  it('takes a job in, feeds it, applies a batch once, answers a resend with duplicates, and stops at a gap', { timeout: 120_000 }, async () => {
    const s = await scene('embedded', 'embedded');
    expect(s.hub.handle.databaseKind).toBe('embedded');
    await putJob(s, JOB);
    const page = await changes(s);
    expect(page.value).toHaveLength(1);
    expect(jobDocumentSchema.safeParse(page.value[0]).success).toBe(true);
    const batch = [item(1), item(2, { from: 'Received', to: 'Transferring' })];
    expect((await push(s, batch)).results.map((result) => result.status)).toEqual(['applied', 'applied']);
    expect((await push(s, batch)).results.map((result) => result.status)).toEqual(['duplicate', 'duplicate']);
    expect(await push(s, [item(5, { from: 'Transferring', to: 'Completed' })])).toEqual({ results: [], expectedSeq: 3 });
    expect((await appliedLog(s)).map((row) => row.seq)).toEqual([1, 2]);
    const next = await changes(s, `?after=${page.cursor}`);
    expect(next.value[0]).toMatchObject({ properties: { driveList: [expect.objectContaining({ state: 'Transferring' })] } });
  });
});
