import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_CHUNK_JOBS } from '../../main/core/import/import-jobs';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';

const desks: TestDesk[] = [];
afterEach(() => {
  while (desks.length > 0) desks.pop()?.close();
});

describe('a long import lets scans in while it checks its documents (docs/performance.md)', () => {
  it('answers a scan made during the check of a large document before the import ends, and the bad last job still refuses the whole import', async () => {
    const desk = openTestDesk('import-lets-scans-in');
    desks.push(desk);
    await desk.call('jobs.import', { document: jobDocument('JOB-AT-DESK', { trackingNumber: 'TRK-AT-DESK', drives: ['LIVE01'] }) });
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-AT-DESK' });

    // Four chunks of good documents and a bad one last: everything must be checked before anything
    // is written, so the import is refused at the very end of its check.
    const count = IMPORT_CHUNK_JOBS * 4;
    const value = Array.from({ length: count }, (_, index) =>
      jobDocument(`BIG-${index}`, { trackingNumber: `TRK-BIG-${index}`, drives: [`BIG${index}A`, `BIG${index}B`] }),
    );
    value.push(jobDocument('BIG-BAD', { state: 'NoSuchState' }));

    const settled: string[] = [];
    const importing = desk.raw('jobs.import', { document: { value } }).then((envelope) => {
      settled.push('import');
      return envelope;
    });
    const scanning = desk.raw('scans.record', { packageId, code: 'LIVE01' }).then((envelope) => {
      settled.push('scan');
      return envelope;
    });
    const [imported, scanned] = await Promise.all([importing, scanning]);

    // The scan did not wait for the whole check: it was answered first.
    expect(settled).toEqual(['scan', 'import']);
    expect(scanned).toMatchObject({ ok: true, value: { verdict: 'received' } });
    expect(imported).toMatchObject({ ok: false, error: { code: 'invalid_document' } });
    expect(JSON.stringify(imported)).toContain(`value[${count}]`);
    // Nothing of the refused import was written.
    const jobs = await desk.call('jobs.list', { search: 'BIG-', limit: 10 });
    expect(jobs.total).toBe(0);
  });
});
