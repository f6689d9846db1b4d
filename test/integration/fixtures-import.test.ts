import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { documentsOf, listFixtureFiles, readExample } from '../helpers/fixtures';
import { openTestDesk, type TestDesk } from '../helpers/desk';

interface DriveDoc {
  driveId: string;
  state?: string;
  bitLockerKey?: string;
}
interface JobDoc {
  name?: string;
  type?: string;
  properties: { driveList?: DriveDoc[]; state?: string; jobType?: string };
}

function jobsIn(document: unknown): JobDoc[] {
  const record = document as { value?: JobDoc[] };
  return Array.isArray(record.value) ? record.value : [document as JobDoc];
}

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

describe('jobs.import of the public API examples', () => {
  const cases = listFixtureFiles().flatMap((file) => documentsOf(readExample(file)));

  it('finds the example files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  for (const example of cases) {
    it(`imports ${example.label}`, async () => {
      desk = openTestDesk('fixture');
      const result = await desk.call('jobs.import', {
        document: example.document,
        ...(example.jobName === undefined ? {} : { jobName: example.jobName }),
      });
      const record = example.document as { type?: string };
      if (record.type === 'Microsoft.ImportExport/locations') {
        expect(result.siteAddressUpdated).toBe(true);
        expect(result.jobs).toEqual([]);
        return;
      }
      const jobs = jobsIn(example.document);
      expect(result.jobs.map((job) => job.id)).toEqual(jobs.map((job) => job.name ?? example.jobName));
      for (const job of jobs) {
        const name = job.name ?? example.jobName ?? '';
        const stored = await desk.call('jobs.get', { jobId: name });
        expect(stored.state).toBe(job.properties.state ?? 'Creating');
        const expectedDrives = (job.properties.driveList ?? []).map((drive) => ({
          driveId: drive.driveId,
          state: drive.state ?? 'Specified',
        }));
        expect(stored.drives.map((drive) => ({ driveId: drive.driveId, state: drive.state }))).toEqual(expectedDrives);
      }
    });
  }

  it('never stores a BitLocker key: its text is in no database file, before or after close', async () => {
    desk = openTestDesk('bitlocker');
    const example = readExample('CreateJob.json');
    const body = example.parameters.body as JobDoc;
    const keys = (body.properties.driveList ?? []).map((drive) => drive.bitLockerKey).filter((key): key is string => key !== undefined);
    expect(keys.length).toBeGreaterThan(0);
    await desk.call('jobs.import', { document: body, jobName: String(example.parameters.jobName) });

    const scanFiles = () =>
      readdirSync(desk!.dir).map((file) => ({ file, bytes: readFileSync(path.join(desk!.dir, file)) }));
    const fragments = keys.flatMap((key) => [key, key.replace(/-/g, ''), key.split('-')[0] + '-' + key.split('-')[1]]);
    const filesBefore = scanFiles();
    expect(filesBefore.some(({ file }) => file.endsWith('-wal'))).toBe(true);
    for (const { file, bytes } of filesBefore) {
      for (const fragment of fragments) expect(bytes.includes(fragment), `${fragment} in ${file}`).toBe(false);
    }
    desk.core.close();
    for (const { file, bytes } of scanFiles()) {
      for (const fragment of fragments) expect(bytes.includes(fragment), `${fragment} in ${file} after close`).toBe(false);
    }
  });
});

describe('jobs.import refuses malformed documents, naming the field, and changes nothing', () => {
  it('names the field of a bad drive in a list document and imports none of the list', async () => {
    desk = openTestDesk('malformed');
    const good = { name: 'good-job', properties: { jobType: 'Import', state: 'Shipping', driveList: [{ driveId: 'AAA111' }] } };
    const bad = { name: 'bad-job', properties: { jobType: 'Import', driveList: [{ driveId: 'BBB222' }, { driveId: 42 }] } };
    const envelope = await desk.raw('jobs.import', { document: { value: [good, bad] } });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid_document');
    expect(envelope.error.message).toContain('value[1].properties.driveList[1].driveId');
    const list = await desk.call('jobs.list', {});
    expect(list.total).toBe(0);
  });

  it('refuses a document without properties, text that is not JSON, and a nameless job', async () => {
    desk = openTestDesk('malformed2');
    const noProperties = await desk.raw('jobs.import', { document: { name: 'x' } });
    expect(noProperties.ok ? '' : noProperties.error.message).toContain('properties');
    const notJson = await desk.raw('jobs.import', { document: '{not json' });
    expect(notJson.ok ? '' : notJson.error.message).toContain('not valid JSON');
    const nameless = await desk.raw('jobs.import', { document: { properties: { driveList: [] } } });
    expect(nameless.ok ? '' : nameless.error.message).toContain('name');
    const serialTwice = await desk.raw('jobs.import', {
      document: { name: 'twice', properties: { driveList: [{ driveId: 'ab-12' }, { driveId: 'AB12' }] } },
    });
    expect(serialTwice.ok ? '' : serialTwice.error.message).toContain('properties.driveList[1].driveId');
    expect((await desk.call('jobs.list', {})).total).toBe(0);
  });
});
