import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_DRIVE_STATES } from '../../shared/domain/drive-states';
import { KNOWN_JOB_STATES } from '../../shared/domain/job-states';
import { jobDocument } from '../helpers/desk';
import { readExample } from '../helpers/fixtures';
import { startHttpDesk, type HttpDesk } from '../helpers/web-desk';

let desk: HttpDesk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const KEY = '238810-662376-448998-450120-652806-203390-606320-483076';
const KEY_DIGITS = KEY.replace(/-/g, '');

/** Every file of the data folder the database lives in: the database, its -wal and -shm. */
function databaseFiles(desk: HttpDesk): Buffer[] {
  const folder = path.dirname(desk.databaseFile);
  return readdirSync(folder)
    .filter((name) => name.startsWith(path.basename(desk.databaseFile)))
    .map((name) => readFileSync(path.join(folder, name)));
}

describe('BitLocker keys never reach disk, in any spelling or place (over HTTP)', () => {
  it('stores no key whatever it is called or wherever it sits, in the database or its WAL', async () => {
    desk = await startHttpDesk('bitlocker');
    const document = jobDocument('leaky-job', { trackingNumber: '787895108176', drives: ['9CA995BB', 'KV6H86XP'] }) as {
      properties: Record<string, unknown> & { driveList: Record<string, unknown>[] };
    } & Record<string, unknown>;
    document.bitLockerKey = KEY;
    document.properties.BitLockerKey = KEY;
    document.properties.bitlocker_key = KEY;
    document.properties.encryption = { deep: [{ deeper: { bitLockerKey: KEY } }] };
    document.properties.driveList[0] = { ...document.properties.driveList[0], bitLockerKey: KEY, BITLOCKERKEY: KEY, extra: { bitLockerKey: KEY } };
    document.properties.driveList[1] = { ...document.properties.driveList[1], BitLockerKey: KEY_DIGITS };
    const imported = await desk.api('jobs.import', { document });
    expect(imported.envelope).toMatchObject({ ok: true });
    // The pull path stores through the same projection (storeJobDocuments): one upstream page too.
    const { parseJobDocuments, storeJobDocuments } = await import('../../main/core/import/import-jobs');
    const pulled = parseJobDocuments([{ ...document, name: 'pulled-job' }], 'value');
    desk.core.context.store.transaction(() => storeJobDocuments(desk!.core.context, pulled));
    for (const bytes of databaseFiles(desk)) {
      expect(bytes.includes(Buffer.from(KEY))).toBe(false);
      expect(bytes.includes(Buffer.from(KEY_DIGITS))).toBe(false);
      expect(bytes.includes(Buffer.from('238810'))).toBe(false);
    }
    const job = await desk.call<{ drives: { serial: string }[] }>('jobs.get', { jobId: 'leaky-job' });
    expect(job.drives.map((drive) => drive.serial)).toEqual(['9CA995BB', 'KV6H86XP']);
  });

  it('refuses a key put in a field it keeps, naming the field, and writes nothing', async () => {
    desk = await startHttpDesk('bitlocker-kept-field');
    const document = jobDocument('sneaky-job', { trackingNumber: 'TRK-S', drives: ['S1'] }) as { properties: Record<string, unknown> };
    document.properties.returnAddress = { recipientName: 'Ana', streetAddress2: `recovery ${KEY}` };
    const { envelope } = await desk.api('jobs.import', { document });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_document', key: 'documentRecoveryKeyInField', params: { field: 'properties.returnAddress.streetAddress2' } } });
    for (const bytes of databaseFiles(desk)) expect(bytes.includes(Buffer.from(KEY))).toBe(false);
  });
});

describe('a job document from a file with a state the desk does not know', () => {
  it('is refused with the field and the known states named; nothing is written', async () => {
    desk = await startHttpDesk('unknown-state');
    const jobState = await desk.api('jobs.import', { document: jobDocument('odd-job', { state: 'Teleporting', trackingNumber: 'TRK-ODD', drives: ['OD1'] }) });
    expect(jobState.envelope.error).toMatchObject({ code: 'invalid_document', key: 'documentUnknownState', params: { field: 'properties.state', state: 'Teleporting' } });
    expect(jobState.envelope.error?.message).toContain(KNOWN_JOB_STATES.join(', '));

    const drive = jobDocument('odd-drive', { trackingNumber: 'TRK-ODD2', drives: ['OD2'] }) as { properties: { driveList: { state: string }[] } };
    (drive.properties.driveList[0] as { state: string }).state = 'Levitating';
    const { envelope } = await desk.api('jobs.import', { document: { value: [jobDocument('fine-job', { trackingNumber: 'TRK-FINE' }), drive] } });
    expect(envelope.error).toMatchObject({ key: 'documentUnknownState', params: { field: 'value[1].properties.driveList[0].state', known: KNOWN_DRIVE_STATES.join(', ') } });
    expect((await desk.call<{ total: number }>('jobs.list', {})).total).toBe(0);
  });
});

describe('dates in documents', () => {
  it('reads a shipDate without a zone in the site’s time zone, whatever the process TZ', async () => {
    desk = await startHttpDesk('site-zone');
    await desk.call('settings.set', { siteTimeZone: 'America/Los_Angeles' });
    const document = jobDocument('zoned-job', { trackingNumber: 'TRK-Z', drives: ['Z1'] }) as { properties: { deliveryPackage: Record<string, unknown> } };
    document.properties.deliveryPackage.shipDate = '11/18/2026 9:05:00 PM';
    await desk.call('jobs.import', { document });
    const deadlines = await desk.call<{ overdueJobs: { jobId: string; shippingSince: string; overdueAt: string }[] }>('deadlines.list', { asOf: '2027-01-01T00:00:00Z' });
    // 21:05 in Los Angeles on 18 November is 05:05 UTC on the 19th; the process runs with TZ=UTC or any other.
    expect(deadlines.overdueJobs[0]).toMatchObject({ jobId: 'zoned-job', shippingSince: '2026-11-19T05:05:00.000Z', overdueAt: '2026-12-03T05:05:00.000Z' });
    await desk.call('settings.set', { siteTimeZone: 'Europe/Prague' });
    const prague = await desk.call<{ overdueJobs: { shippingSince: string }[] }>('deadlines.list', { asOf: '2027-01-01T00:00:00Z' });
    expect(prague.overdueJobs[0]?.shippingSince).toBe('2026-11-18T20:05:00.000Z');
    expect((await desk.api('settings.set', { siteTimeZone: 'Mars/Olympus' })).envelope).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
  });

  it('refuses an impossible date with the field named', async () => {
    desk = await startHttpDesk('impossible-date');
    for (const shipDate of ['2026-02-30', '2/30/2026 10:00:00 AM']) {
      const document = jobDocument('bad-date-job', { trackingNumber: 'TRK-D', drives: ['D1'] }) as { properties: { deliveryPackage: Record<string, unknown> } };
      document.properties.deliveryPackage.shipDate = shipDate;
      const { envelope } = await desk.api('jobs.import', { document });
      expect(envelope.error).toMatchObject({ code: 'invalid_document', key: 'documentImpossibleDate', params: { field: 'properties.deliveryPackage.shipDate' } });
    }
    expect((await desk.api('deadlines.list', { asOf: '2026-02-30' })).envelope).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect((await desk.call<{ total: number }>('jobs.list', {})).total).toBe(0);
  });
});

describe('a file that is not a job document', () => {
  it('imports a List Locations body as the site address, choosing the location, and never makes jobs', async () => {
    desk = await startHttpDesk('locations');
    const location = readExample('GetLocation.json').responses['200']?.body as Record<string, unknown>;
    const second = { ...location, id: '/providers/Microsoft.ImportExport/locations/eastus', name: 'East US', properties: { ...(location.properties as object), city: 'Boydton' } };
    const list = { value: [location, second] };
    const unchosen = await desk.api('jobs.import', { document: list });
    expect(unchosen.envelope.error).toMatchObject({ code: 'invalid_document', key: 'documentLocationChoose', params: { count: 2, locations: 'West US, East US' } });
    const wrong = await desk.api('jobs.import', { document: list, siteLocation: 'Mars' });
    expect(wrong.envelope.error).toMatchObject({ key: 'documentLocationNotInList' });
    const chosen = await desk.call<{ jobs: unknown[]; siteAddressUpdated: boolean; siteLocation: string }>('jobs.import', { document: list, siteLocation: 'East US' });
    expect(chosen).toEqual({ jobs: [], siteAddressUpdated: true, siteLocation: 'East US' });
    expect((await desk.call<{ total: number }>('jobs.list', {})).total).toBe(0);
    const single = await desk.call<{ siteLocation: string }>('jobs.import', { document: { value: [location] } });
    expect(single.siteLocation).toBe('West US');
  });

  it('refuses what is no job document with "this is not a job document" and what was expected', async () => {
    desk = await startHttpDesk('not-a-job');
    for (const document of [{ hello: 'world' }, [1, 2, 3], 'null', '{"value": [{"nope": true}]}', { value: [{ type: 'Microsoft.Storage/storageAccounts', properties: {} }] }]) {
      const { envelope } = await desk.api('jobs.import', { document });
      expect(envelope.ok, JSON.stringify(document)).toBe(false);
      expect(['documentNotJobDocument', 'documentWrongType']).toContain(envelope.error?.key);
      expect(envelope.error?.message).toMatch(/not a job document/);
      expect(envelope.error?.message).toContain('expected a Get Job response body');
    }
    expect((await desk.call<{ total: number }>('jobs.list', {})).total).toBe(0);
  });

  it('refuses a job document nested past the limit sent as JSON text', async () => {
    desk = await startHttpDesk('deep-text');
    const { envelope } = await desk.api('jobs.import', { document: `{"name":"x","properties":{"a":${'['.repeat(200_000)}1${']'.repeat(200_000)}}}` });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_document', key: 'requestTooDeep' } });
  });
});

describe('serials are ASCII, free text is printable', () => {
  it('refuses a non-ASCII serial in a scan and in a document, with nothing recorded', async () => {
    desk = await startHttpDesk('ascii');
    for (const serial of ['WDı23', 'ﬁ123']) {
      const { envelope } = await desk.api('jobs.import', { document: jobDocument('ascii-job', { trackingNumber: 'TRK-ASCII', drives: [serial] }) });
      expect(envelope.error).toMatchObject({ code: 'invalid_document', key: 'documentSerialInvalid', params: { field: 'properties.driveList[0].driveId' } });
    }
    await desk.call('jobs.import', { document: jobDocument('ascii-job', { trackingNumber: 'TRK-ASCII', drives: ['WDI23', 'FI123'] }) });
    const { packageId } = await desk.call<{ packageId: number }>('packages.checkIn', { trackingNumber: 'TRK-ASCII' });
    for (const code of ['wdı23', 'ﬁ123']) {
      expect(await desk.call('scans.record', { packageId, code })).toMatchObject({ verdict: 'invalid', reason: 'badCharacters', scanId: null });
    }
    const job = await desk.call<{ drives: { state: string }[] }>('jobs.get', { jobId: 'ascii-job' });
    expect(job.drives.map((drive) => drive.state)).toEqual(['Specified', 'Specified']);
  });

  it.each([
    ['an operator name with a bell', 'operators.save', { name: 'Ana\u0007' }, 'name', 'freeTextControlCharacter'],
    ['a note with a right-to-left override', 'drives.transition', { jobId: 'text-job', driveId: 'TX1', to: 'Faulted', reason: 'other', note: 'ok\u202Egnp.exe' }, 'note', 'freeTextBidiControl'],
    ['a reprint reason with a lone surrogate', 'labels.print', { jobId: 'text-job', kind: 'packingSlip', format: 'pdf', printer: 'dialog', reprintReason: 'jam \ud800' }, 'reprintReason', 'freeTextInvalidUnicode'],
    ['a carrier with invalid UTF-8', 'jobs.shipBack', { jobId: 'text-job', carrierName: 'Fed\ufffdEx', trackingNumber: '1' }, 'carrierName', 'freeTextInvalidUnicode'],
    ['a desk name with an escape', 'settings.set', { deskName: 'Desk \u001b[31m' }, 'deskName', 'freeTextControlCharacter'],
  ])('refuses %s, with the field named, changing nothing', async (_label, method, params, field, key) => {
    desk = await startHttpDesk('free-text');
    await desk.call('jobs.import', { document: jobDocument('text-job', { trackingNumber: 'TRK-TX', drives: ['TX1'] }) });
    const { envelope } = await desk.api(method, params);
    expect(envelope.error).toMatchObject({ code: 'invalid_params', key, params: { field } });
    expect(envelope.error?.message).toContain(`${field}:`);
    expect((await desk.call<{ operators: unknown[] }>('operators.list', {})).operators).toEqual([]);
    expect((await desk.call<{ drives: { state: string }[] }>('jobs.get', { jobId: 'text-job' })).drives[0]?.state).toBe('Specified');
  });

  it('refuses invalid UTF-8 bytes in a request body, naming the field', async () => {
    desk = await startHttpDesk('utf8');
    const { rawRequest, WEB_TOKEN } = await import('../helpers/web-desk');
    const body = Buffer.concat([Buffer.from('{"name": "Ana'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const response = await rawRequest(desk.server.port, {
      path: '/api/operators.save',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${WEB_TOKEN}` },
      body,
    });
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_params', key: 'freeTextInvalidUnicode', params: { field: 'name' } } });
  });
});
