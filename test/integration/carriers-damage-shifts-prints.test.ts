import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/core/clock';
import { openDatabase } from '../../main/db/open-database';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';
import { RETURN_ADDRESS } from '../helpers/addresses';

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

/** A real (tiny) JPEG: SOI, an APP0 JFIF header, EOI. */
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

function tableCount(desk: TestDesk, table: string): number {
  const read = openDatabase(desk.databaseFile, { readonly: true });
  try {
    return Number((read.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  } finally {
    read.close();
  }
}

describe('carriers at check-in', () => {
  it('says the carrier read from the tracking number and notes one that differs from the job’s', async () => {
    desk = openTestDesk('carrier');
    await desk.call('jobs.import', {
      document: {
        value: [
          jobDocument('ups-job', { trackingNumber: '1Z999AA10123456784', drives: ['U1'] }), // declared FedEx (the helper's carrier)
          jobDocument('fedex-job', { trackingNumber: '986578788855', drives: ['F1'] }),
        ],
      },
    });
    const ups = await desk.call('packages.checkIn', { trackingNumber: '1z 999 aa1 0123456784' });
    expect(ups.carrier).toEqual({ name: 'UPS', source: 'trackingNumber', format: 'UPS' });
    expect(ups.carrierMismatch).toEqual({ declared: 'FedEx', read: 'UPS' });
    expect(ups.package).toMatchObject({ carrierRead: 'UPS', carrierNote: "The job declares FedEx; the tracking number is UPS's." });
    const fedex = await desk.call('packages.checkIn', { trackingNumber: '986578788855' });
    expect(fedex).toMatchObject({ carrier: { name: 'FedEx', source: 'trackingNumber' }, carrierMismatch: null, package: { carrierNote: null } });
    // A number no carrier's format fits is kept as the site's own code.
    const own = await desk.call('packages.checkIn', { trackingNumber: 'DOCK-7-0042' });
    expect(own).toMatchObject({ verdict: 'unknown', carrier: null, carrierMismatch: null });
  });

  it('refuses a number that fits a carrier but fails its check digit as misread, recording nothing', async () => {
    desk = openTestDesk('misread');
    const before = tableCount(desk, 'packages');
    for (const misread of ['1Z999AA10123456785', '986578788856', '3318810026', '9400111202555842332668', 'RB123456786US']) {
      const result = await desk.raw('packages.checkIn', { trackingNumber: misread });
      expect(result, misread).toMatchObject({ ok: false, error: { code: 'misread', key: 'trackingNumberMisread' } });
    }
    expect(tableCount(desk, 'packages')).toBe(before);
    expect(tableCount(desk, 'transitions')).toBe(0);
    // The same digits, right: recorded.
    expect((await desk.call('packages.checkIn', { trackingNumber: '1Z999AA10123456784' })).carrier?.name).toBe('UPS');
  });
});

describe('damage at the dock', () => {
  it('keeps a damaged box’s photos as hashed files beside the database, in the backups, the report and the drive card', async () => {
    const clock = fixedClock('2026-06-01T09:00:00.000Z');
    desk = openTestDesk('damage', clock);
    await desk.call('jobs.import', { document: jobDocument('dent-job', { trackingNumber: 'TRK-DENT', drives: ['DNT1'] }) });
    const checkIn = await desk.call('packages.checkIn', { trackingNumber: 'TRK-DENT', damaged: true, damageNote: 'Corner crushed, tape torn' });
    expect(checkIn.package).toMatchObject({ damaged: true, damageNote: 'Corner crushed, tape torn' });
    await desk.call('scans.record', { packageId: checkIn.packageId, code: 'DNT1' });
    const { photo } = await desk.call('packages.addPhoto', { packageId: checkIn.packageId, contentType: 'image/jpeg', data: JPEG.toString('base64') });
    expect(photo.sha256).toBe(createHash('sha256').update(JPEG).digest('hex'));
    const folder = path.join(desk.dir, 'photos');
    const [file] = readdirSync(folder);
    expect(file).toContain(photo.sha256);
    expect(readFileSync(path.join(folder, file as string)).equals(JPEG)).toBe(true);
    expect(await desk.raw('packages.addPhoto', { packageId: checkIn.packageId, contentType: 'image/png', data: JPEG.toString('base64') })).toMatchObject({
      ok: false,
      error: { key: 'photoNotImage' },
    });
    expect((await desk.call('packages.photo', { photoId: photo.id })).data).toBe(JPEG.toString('base64'));

    const card = await desk.call('drives.history', { driveId: 'DNT1' });
    expect(card.packages).toEqual([expect.objectContaining({ trackingNumber: 'TRKDENT', damaged: true, damageNote: 'Corner crushed, tape torn' })]);
    expect(card.photos).toEqual([photo]);
    const report = await desk.call('reports.daily', { day: '2026-06-01' });
    expect(report.damagedPackages).toEqual([{ package: expect.objectContaining({ trackingNumber: 'TRKDENT', damageNote: 'Corner crushed, tape torn' }), photos: [photo] }]);

    await desk.call('backups.create', {});
    expect(existsSync(path.join(desk.dir, 'backups', 'photos', file as string))).toBe(true);
  });
});

describe('shift summary and handover', () => {
  it('counts per operator what was received, what went wrong, what is open, and signs out with a note', async () => {
    const clock = fixedClock('2026-06-02T06:00:00.000Z');
    desk = openTestDesk('shift', clock);
    await desk.call('jobs.import', {
      document: {
        value: [
          jobDocument('shift-a', { trackingNumber: 'TRK-SA', driveCount: 3, drives: ['SA1', 'SA2', 'SA3'] }),
          jobDocument('shift-b', { trackingNumber: 'TRK-SB', drives: ['SB1'] }),
          jobDocument('shift-c', { state: 'Creating', trackingNumber: 'TRK-SC', drives: ['SC1'] }),
        ],
      },
    });
    await desk.call('operators.save', { name: 'Ana' });
    await desk.call('operators.save', { name: 'Ben' });
    await desk.call('operators.signIn', { name: 'Ana' });
    const a = await desk.call('packages.checkIn', { trackingNumber: 'TRK-SA', damaged: true });
    for (const code of ['SA1', 'SA2', 'SB1', 'XTRA1']) await desk.call('scans.record', { packageId: a.packageId, code });
    await desk.call('packages.close', { packageId: a.packageId });
    clock.advance(60_000);
    await desk.call('operators.signIn', { name: 'Ben' });
    const c = await desk.call('packages.checkIn', { trackingNumber: 'TRK-SC' });
    await desk.call('scans.record', { packageId: c.packageId, code: 'SC1' });

    const summary = await desk.call('shifts.summary', { from: '2026-06-02T00:00:00Z' });
    const ana = summary.operators.find((row) => row.operator === 'Ana');
    const ben = summary.operators.find((row) => row.operator === 'Ben');
    expect(ana).toMatchObject({ packagesCheckedIn: 1, drivesReceived: 3, damagedPackages: 1, discrepancies: { neverReceived: 1, extra: 1, otherJob: 1, held: 0, faulted: 0 }, openPackages: [] });
    expect(ben).toMatchObject({ packagesCheckedIn: 1, drivesReceived: 0, discrepancies: { held: 1 }, openPackages: [expect.objectContaining({ trackingNumber: 'TRKSC' })] });
    expect(summary.totals).toMatchObject({ packagesCheckedIn: 2, drivesReceived: 3, openPackages: 1 });
    expect(summary.csv.split('\r\n')[0]).toBe('operator,packagesCheckedIn,drivesReceived,neverReceived,extra,otherJob,held,faulted,openPackages,unresolvedAttention,labelsPrinted,damagedPackages');

    const handover = await desk.call('shifts.handover', { note: 'TRK-SC held, customer not called yet' });
    expect(handover).toMatchObject({ signedOut: 'Ben', note: 'TRK-SC held, customer not called yet' });
    // Ben's shift began at his sign-in: only his package is in it.
    expect(handover.summary.from).toBe('2026-06-02T06:01:00.000Z');
    expect(handover.summary.operators.map((row) => [row.operator, row.packagesCheckedIn])).toEqual([['Ben', 1]]);
    expect((await desk.call('settings.get', {})).signedInAt).toBeNull();
  });
});

describe('print centre', () => {
  it('finds a job’s prints by a scanned tracking number, logs downloads apart, and asks why only for a real reprint', async () => {
    desk = openTestDesk('prints');
    for (const [name, trackingNumber] of [['print-job', '986578788855'], ['other-job', 'TRK-OTHER']] as const) {
      const document = jobDocument(name, { trackingNumber, drives: [`${name.slice(0, 1).toUpperCase()}1`] }) as { properties: Record<string, unknown> };
      document.properties.returnAddress = RETURN_ADDRESS;
      document.properties.shippingInformation = { recipientName: 'Contoso Datacenter', streetAddress1: '1 Dock Road', city: 'Brno', postalCode: '60200', countryOrRegion: 'CZ' };
      await desk.call('jobs.import', { document });
    }
    const download = await desk.call('labels.print', { jobId: 'print-job', kind: 'packingSlip', format: 'zpl', printer: 'download' });
    expect(download.entry).toMatchObject({ outcome: 'downloaded', printer: 'download' });
    // A download is no print: printing after it needs no reason.
    const printed = await desk.call('labels.print', { jobId: 'print-job', kind: 'packingSlip', format: 'pdf', printer: 'dialog' });
    expect(printed.entry.outcome).toBe('sentToDialog');
    expect(await desk.raw('labels.print', { jobId: 'print-job', kind: 'packingSlip', format: 'pdf', printer: 'dialog' })).toMatchObject({ ok: false, error: { key: 'reprintReasonRequired' } });
    await desk.call('labels.print', { jobId: 'print-job', kind: 'packingSlip', format: 'pdf', printer: 'dialog', reprintReason: 'Printer jammed' });
    await desk.call('labels.print', { jobId: 'other-job', kind: 'packingSlip', format: 'zpl', printer: 'download' });
    // Previews are never in the log.
    await desk.call('labels.render', { jobId: 'print-job', kind: 'packingSlip', format: 'pdf' });

    const found = await desk.call('labels.printLog', { code: '9865 7878 8855' });
    expect(found).toMatchObject({ jobId: 'print-job', total: 3 });
    expect(found.entries.map((entry) => [entry.outcome, entry.reprintReason])).toEqual([
      ['sentToDialog', 'Printer jammed'],
      ['sentToDialog', null],
      ['downloaded', null],
    ]);
    expect((await desk.call('labels.printLog', {})).total).toBe(4);
    expect((await desk.call('labels.printLog', { outcome: 'downloaded' })).entries.map((entry) => entry.jobId)).toEqual(['other-job', 'print-job']);
    expect((await desk.call('labels.printLog', { code: 'NOTHING-HERE' })).total).toBe(0);
  });
});
