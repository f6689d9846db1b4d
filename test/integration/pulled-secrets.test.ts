import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANGES_PATH } from '../../shared/sync/wire';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';
import { openTestSite, type TestSite } from '../helpers/site';

/**
 * What the desk takes from its upstream and sends to it, at the level a site meets it: a desk
 * enrolled at a hub through the proxy, running sync. The proxy serves the changes feed a document
 * that carries BitLocker keys under every spelling and in every place, and records every request the
 * desk makes (enrollment, push, pull, status).
 */
let desk: TestDesk | null = null;
let site: TestSite | null = null;
afterEach(async () => {
  site?.proxy.override(null);
  await desk?.close();
  await site?.close();
  desk = null;
  site = null;
});

const KEY = '238810-662376-448998-450120-652806-203390-606320-483076';
const KEY_DIGITS = KEY.replace(/-/g, '');

/** Every file under the desk's data folder (the database, its -wal and -shm, backups, token file…). */
function everyFile(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? everyFile(file) : [file];
  });
}

/** A job document as an upstream might send it: keys under other casings, under properties, nested deeper. */
function leakyDocument(name: string): Record<string, unknown> {
  const document = jobDocument(name, { trackingNumber: 'TRK-PULLED-1', driveCount: 2, drives: ['PULL1', 'PULL2'] }) as {
    properties: Record<string, unknown> & { driveList: Record<string, unknown>[] };
  } & Record<string, unknown>;
  document.bitLockerKey = KEY;
  document.properties.BitLockerKey = KEY;
  document.properties.bitlocker_key = KEY;
  document.properties.encryption = { deep: [{ deeper: { bitLockerKey: KEY } }] };
  document.properties.driveList[0] = { ...document.properties.driveList[0], bitLockerKey: KEY, BITLOCKERKEY: KEY, extra: { bitLockerKey: KEY } };
  document.properties.driveList[1] = { ...document.properties.driveList[1], BitLockerKey: KEY_DIGITS };
  return document;
}

describe('what comes from the upstream and goes to it', () => {
  it('a pulled job document keeps no BitLocker key in any file of the desk, and no request carries the token in its URL', async () => {
    site = await openTestSite('pulled-secrets');
    desk = openTestDesk('pulled-secrets');
    const requests: string[] = [];
    site.proxy.override((request) => {
      requests.push(`${request.method} ${request.path}`);
      if (!request.path.startsWith(CHANGES_PATH)) return null;
      return { status: 200, body: JSON.stringify({ value: [leakyDocument('pulled-leaky')], cursor: 'c1', hasMore: false, remaining: 0 }) };
    });
    await site.enroll(desk);
    // Something to push too, so every kind of request the desk makes is seen.
    await desk.call('jobs.import', { document: jobDocument('local-job', { trackingNumber: 'TRK-LOCAL-1', drives: ['LOCAL1'] }) });
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-LOCAL-1' });
    await desk.call('scans.record', { packageId, code: 'LOCAL1' });
    const run = await desk.core.sync.run('manual');
    expect(run.lastError).toBeNull();
    await desk.call('backups.create', {});

    // The pulled job is there, with its drives; the key is in no file, in any form.
    const job = await desk.call('jobs.get', { jobId: 'pulled-leaky' });
    expect(job.drives.map((drive) => drive.serial)).toEqual(['PULL1', 'PULL2']);
    const files = everyFile(desk.dir);
    expect(files.some((file) => file.endsWith('-wal'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(KEY)), file).toBe(false);
      expect(bytes.includes(Buffer.from(KEY_DIGITS)), file).toBe(false);
    }

    // The token travels in the Authorization header only: no request line carries it, in any encoding.
    const token = readFileSync(path.join(desk.dir, 'upstream-token'), 'utf8').trim();
    expect(token.length).toBeGreaterThan(8);
    expect(requests.some((request) => request.startsWith('GET /v1/jobs/changes'))).toBe(true);
    expect(requests.some((request) => request.startsWith('POST /v1/transitions'))).toBe(true);
    for (const request of requests) {
      expect(request).not.toContain(token);
      expect(request).not.toContain(encodeURIComponent(token));
    }
  });
});
