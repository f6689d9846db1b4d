import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { READ_ONLY_METHODS, type ReadOnlyMethod } from '../../shared/events';
import type { MethodInput } from '../../shared/rpc/contract';
import { startDesk, type Desk } from '../../main/host/start-desk';
import { openDatabase } from '../../main/db/open-database';
import { jobDocument } from '../helpers/desk';
import { makeTempDir } from '../helpers/temp-dir';

/** The smallest JPEG the desk accepts: its start-of-image and end-of-image markers around a JFIF header. */
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** Every row of every table, in order: what "nothing changed" is compared on. */
function dump(databaseFile: string): string {
  const db = openDatabase(databaseFile, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
      (row) => row.name,
    );
    return JSON.stringify(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

describe('the methods the event stream treats as read-only (shared/events.ts) change nothing', () => {
  it('each one, called with real params on a desk with jobs, packages, scans and an unaddressed job, leaves every table as it was', async () => {
    const temp = makeTempDir('read-only');
    cleanups.push(temp.remove);
    const desk: Desk = await startDesk(temp.dir, { schedulers: false });
    cleanups.push(() => desk.close());
    const call = async (method: string, params: unknown) => {
      const envelope = await desk.dispatch(method, params);
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
      return envelope.value as never;
    };
    // A job with no return address: rendering its label is refused for missing fields.
    await call('jobs.import', { document: jobDocument('RO-JOB', { trackingNumber: 'TRK-RO', drives: ['RO-1', 'RO-2'] }) });
    const { packageId } = await call('packages.checkIn', { trackingNumber: 'TRK-RO' });
    await call('scans.record', { packageId, code: 'RO-1' });
    // A photo of the box, so the photo and the package's history have something to read.
    const { photo } = await call('packages.addPhoto', { packageId, contentType: 'image/jpeg', data: JPEG.toString('base64') });

    const params: { [M in ReadOnlyMethod]: MethodInput<M> } = {
      'desk.ping': {},
      'jobs.list': {},
      'jobs.get': { jobId: 'RO-JOB' },
      'packages.get': { packageId },
      'deadlines.list': { asOf: '2030-01-01' },
      'drives.history': { driveId: 'RO-1' },
      'settings.get': {},
      'labels.printLog': {},
      'operators.list': {},
      'reports.daily': { day: new Date().toISOString().slice(0, 10) },
      'backups.list': {},
      'sync.status': {},
      'codes.lookup': { code: 'RO-2' },
      'packages.list': {},
      'jobs.shipBackPlan': { jobId: 'RO-JOB' },
      'packages.photo': { photoId: (photo as { id: number }).id },
      'packages.history': { packageId },
      // No certificate exists on this desk: the refusal must change nothing either.
      'certificates.render': { certificateId: 1, format: 'zpl' },
      'shifts.summary': {},
      'printers.testRender': {},
    };
    /** Methods that, with these params, are expected to answer a refusal. */
    const refusedHere = new Set<string>(['certificates.render']);
    const announced: string[] = [];
    desk.events.subscribe((event) => announced.push(event.type === 'changed' ? event.source : event.type));
    const file = path.join(temp.dir, 'desk.sqlite');
    const changedBy: string[] = [];
    for (const method of READ_ONLY_METHODS) {
      const before = dump(file);
      const envelope = await desk.dispatch(method, params[method]);
      expect({ method, ok: envelope.ok }).toEqual({ method, ok: !refusedHere.has(method) });
      if (dump(file) !== before) changedBy.push(method);
    }
    expect(changedBy).toEqual([]);
    expect(announced).toEqual([]);

    // Rendering a label for a job without a return address is refused, yet flags the job: announced.
    const before = dump(file);
    expect(await desk.dispatch('labels.render', { jobId: 'RO-JOB', kind: 'return', format: 'zpl' })).toMatchObject({ ok: false, error: { code: 'missing_fields' } });
    expect(dump(file)).not.toBe(before);
    expect(announced).toEqual(['labels.render']);
  });
});
