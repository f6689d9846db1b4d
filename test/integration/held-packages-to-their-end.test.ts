import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { fixedClock } from '../../main/core/clock';
import { canonicalJson } from '../../main/core/packages/certificate';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';
import { RETURN_ADDRESS } from '../helpers/addresses';
import { pdfText } from '../helpers/pdf';

const DAY = 24 * 60 * 60 * 1000;
let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

/** A job that is not Shipping yet (Creating), with a return address, and its package held at the desk. */
async function heldPackage(label: string, start = '2026-01-05T09:00:00.000Z') {
  const clock = fixedClock(start);
  desk = openTestDesk(label, clock);
  const document = jobDocument('late-job', { state: 'Creating', trackingNumber: 'TRK-LATE', driveCount: 2, drives: ['LD1', 'LD2'] }) as {
    properties: Record<string, unknown>;
  };
  document.properties.returnAddress = RETURN_ADDRESS;
  document.properties.returnShipping = { carrierName: 'DHL', carrierAccountNumber: 'ACC-1' };
  await desk.call('jobs.import', { document });
  // The site's own address (a Location document): the sender on return labels.
  await desk.call('jobs.import', {
    document: {
      name: 'West US',
      type: 'Microsoft.ImportExport/locations',
      properties: { recipientName: 'Contoso Datacenter West', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA', phone: '408 352 7600' },
    },
  });
  // The first supervisor is saved while the desk is being set up; after that, saving operators needs a supervisor's badge.
  await desk.call('operators.save', { name: 'Sam Supervisor', badge: 'SUP-1', role: 'supervisor', title: 'Shift supervisor' });
  expect(await desk.raw('operators.save', { name: 'Olga Operator', badge: 'OP-7' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  await desk.call('operators.save', { name: 'Olga Operator', badge: 'OP-7', title: 'Receiving clerk', phone: '+46 31 111', supervisorBadge: 'SUP-1' });
  await desk.call('operators.save', { name: 'Vera Validator', badge: 'SUP-2', role: 'supervisor', supervisorBadge: 'SUP-1' });
  await desk.call('settings.set', { siteOrganisation: 'Contoso Datacenter West', supervisorBadge: 'SUP-1' });
  await desk.call('operators.signIn', { badge: 'OP-7' });
  const checkIn = await desk.call('packages.checkIn', { trackingNumber: 'TRK-LATE' });
  expect(checkIn).toMatchObject({ verdict: 'notShipping', package: { held: true } });
  for (const serial of ['LD1', 'LD2', 'LD2']) await desk.call('scans.record', { packageId: checkIn.packageId, code: serial });
  return { clock, packageId: checkIn.packageId, desk };
}

describe('held packages to their end, with a fixed clock', () => {
  it('keeps a closed held package and its drives on Deadlines, counting the held drives at close', async () => {
    const { packageId, desk } = await heldPackage('held-close');
    const closed = await desk.call('packages.close', { packageId });
    // Declared 2, two drives held in the box (LD2 scanned twice is one drive): no mismatch.
    expect(closed.countMismatch).toBeNull();
    expect(closed.tally).toMatchObject({ held: 2, duplicate: 1 });
    const deadlines = await desk.call('deadlines.list', {});
    expect(deadlines.heldPackages).toEqual([
      expect.objectContaining({ packageId, status: 'closed', serials: ['LD1', 'LD2'], stage: 'contact', nextStep: 'contact', canRelease: false }),
    ]);
  });

  it('logs a contact with the customer on the package', async () => {
    const { packageId, desk } = await heldPackage('held-contact');
    const result = await desk.call('packages.recordContact', { packageId, note: 'Called Contoso: job will be set to Shipping this week' });
    expect(result.history.events).toEqual([
      expect.objectContaining({ kind: 'contact', note: 'Called Contoso: job will be set to Shipping this week', operator: 'Olga Operator' }),
    ]);
    expect((await desk.call('deadlines.list', {})).heldPackages[0]).toMatchObject({ contacts: 1, lastContactAt: '2026-01-05T09:00:00.000Z' });
    expect(await desk.raw('packages.recordContact', { packageId, note: '  ' })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
  });

  it('releases the package once the job is Shipping: the held drives are received by the normal rules, each with its transition', async () => {
    const { packageId, desk } = await heldPackage('held-release');
    expect(await desk.raw('packages.release', { packageId })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'releaseNotShipping' } });
    await desk.call('jobs.import', { document: jobDocument('late-job', { state: 'Shipping', trackingNumber: 'TRK-LATE', driveCount: 2, drives: ['LD1', 'LD2'] }) });
    const released = await desk.call('packages.release', { packageId });
    expect(released.received.map((drive) => [drive.serial, drive.verdict])).toEqual([
      ['LD1', 'received'],
      ['LD2', 'received'],
    ]);
    expect(released.package).toMatchObject({ held: false, outcome: 'released', verdict: 'matched' });
    for (const serial of ['LD1', 'LD2']) {
      const history = await desk.call('drives.history', { driveId: serial });
      expect(history.transitions).toEqual([expect.objectContaining({ from: 'Specified', to: 'Received', packageId, operator: 'Olga Operator' })]);
    }
    expect((await desk.call('deadlines.list', {})).heldPackages).toEqual([]);
    expect(await desk.raw('packages.release', { packageId })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'heldPackageEnded' } });
  });

  it('returns held drives from 14 days, or earlier only at the customer’s request', async () => {
    const { clock, packageId, desk } = await heldPackage('held-return');
    clock.advance(13 * DAY);
    const early = await desk.raw('packages.returnHeld', { packageId, carrierName: 'DHL', trackingNumber: '3318810025' });
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict', key: 'returnTooEarly', params: { date: '2026-01-19' } } });
    const asked = await desk.call('packages.returnHeld', { packageId, carrierName: 'DHL', trackingNumber: '3318810025', customerRequest: 'Customer mailed: send them back' });
    expect(asked.package).toMatchObject({ outcome: 'returned' });
    expect(asked.history).toMatchObject({ returnCarrier: 'DHL', returnTrackingNumber: '3318810025', heldDrives: [{ serial: 'LD1', state: 'returned' }, { serial: 'LD2', state: 'returned' }] });
    expect(asked.history.events.at(-1)).toMatchObject({ kind: 'return', note: expect.stringContaining("customer's request") });
    // Label and slip for the way back.
    const label = await desk.call('packages.document', { packageId, kind: 'returnLabel', format: 'pdf' });
    expect(pdfText(Buffer.from(label.data, 'base64'))).toContain('Contoso Data Team');
    const slip = await desk.call('packages.document', { packageId, kind: 'returnSlip', format: 'zpl' });
    expect(slip.data).toContain('LD1');
    expect(await desk.raw('scans.record', { packageId, code: 'LD9' })).toMatchObject({ ok: false, error: { key: 'packageAlreadyReturned' } });
  });

  it('returns without a request once 14 days have passed', async () => {
    const { clock, packageId, desk } = await heldPackage('held-return-14');
    clock.advance(14 * DAY);
    expect((await desk.call('packages.returnHeld', { packageId, carrierName: 'DHL', trackingNumber: '3318810025' })).package.outcome).toBe('returned');
  });

  it('destroys from 90 days only, with a supervisor’s badge from a second person, and makes the NIST SP 800-88 certificate', async () => {
    const { clock, packageId, desk } = await heldPackage('held-destroy');
    const request = { packageId, method: 'shredding', verification: 'full', methodDetails: 'Shredded to 2 mm particles', tool: 'HSM Powerline', toolVersion: '450.2' } as const;
    clock.advance(89 * DAY);
    expect(await desk.raw('packages.destroy', { ...request, supervisorBadge: 'SUP-1' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'destroyTooEarly', params: { date: '2026-04-05' } },
    });
    clock.advance(DAY);
    expect(await desk.raw('packages.destroy', { ...request, supervisorBadge: 'OP-7' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'supervisorBadgeNotSupervisor' } });
    expect(await desk.raw('packages.destroy', { ...request, supervisorBadge: 'NOBODY' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'supervisorBadgeUnknown' } });
    expect(await desk.raw('packages.destroy', { ...request })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    // The supervisor signed in cannot validate their own destruction.
    await desk.call('operators.signIn', { badge: 'SUP-1' });
    expect(await desk.raw('packages.destroy', { ...request, supervisorBadge: 'SUP-1' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'supervisorSecondPerson' } });
    expect((await desk.call('packages.history', { packageId })).package.outcome).toBeNull();

    const destroyed = await desk.call('packages.destroy', { ...request, supervisorBadge: 'SUP-2' });
    expect(destroyed.packages[0]).toMatchObject({ outcome: 'destroyed' });
    expect(destroyed.batch).toBeNull();
    const certificate = destroyed.certificates[0];
    if (certificate === undefined) throw new Error('no certificate');
    expect(certificate).toMatchObject({ performedBy: 'Sam Supervisor', validatedBy: 'Vera Validator', serials: ['LD1', 'LD2'], packageId });
    // The hash kept is of the certificate's content, recomputable by anyone.
    expect(certificate.contentSha256).toBe(createHash('sha256').update(canonicalJson(certificate.content)).digest('hex'));

    const pdf = await desk.call('certificates.render', { certificateId: certificate.id, format: 'pdf' });
    const text = pdfText(Buffer.from(pdf.data, 'base64')).replace(/\s+/g, ' ');
    for (const words of [
      'Certificate of Sanitization',
      'Person performing sanitization',
      'Name Sam Supervisor',
      'Title Shift supervisor',
      'Organization Contoso Datacenter West',
      'Location',
      'Phone',
      'Media information',
      'Make / vendor',
      'Model',
      'Serial number',
      'Media type',
      'Hard disk drive',
      'Source (job)',
      'late-job',
      'Method type Destroy',
      'Method used Destruct: shred',
      'Method details Shredded to 2 mm particles',
      'Tool used (version) HSM Powerline (450.2)',
      'Verification method Full verification',
      'Post-sanitization classification',
      'Destination Recycling facility',
      'Validation',
      'Name Vera Validator',
      'Signature Vera Validator, by supervisor badge scan',
      'Date 2026-04-05',
      'LD1',
      'LD2',
      certificate.contentSha256,
    ]) {
      expect(text, words).toContain(words);
    }
    const zpl = await desk.call('packages.document', { packageId, kind: 'certificate', format: 'zpl' });
    for (const words of ['Certificate of Sanitization', 'LD1', 'LD2', 'Vera Validator', certificate.contentSha256.slice(0, 32), certificate.contentSha256.slice(32)]) {
      expect(zpl.data).toContain(words);
    }
    expect(zpl.contentHash).toBe(certificate.contentSha256);

    const history = await desk.call('packages.history', { packageId });
    expect(history.heldDrives.map((drive) => drive.state)).toEqual(['destroyed', 'destroyed']);
    expect(history.events.at(-1)).toMatchObject({ kind: 'destroy', operator: 'Sam Supervisor', confirmedBy: 'Vera Validator', certificateId: certificate.id });
    expect((await desk.call('deadlines.list', {})).heldPackages).toEqual([]);
    expect(await desk.raw('packages.destroy', { ...request, supervisorBadge: 'SUP-2' })).toMatchObject({ ok: false, error: { key: 'heldPackageEnded' } });
  });

  it('destroys several packages together with a certificate each and a batch summary', async () => {
    const { clock, packageId, desk } = await heldPackage('held-batch');
    const unknown = await desk.call('packages.checkIn', { trackingNumber: 'NOBODY-KNOWS-1' });
    await desk.call('scans.record', { packageId: unknown.packageId, code: 'UNK1' });
    clock.advance(90 * DAY);
    const result = await desk.call('packages.destroy', { packageIds: [packageId, unknown.packageId], method: 'crushing', verification: 'sampling', supervisorBadge: 'SUP-1' });
    expect(result.certificates.map((certificate) => certificate.serials)).toEqual([['LD1', 'LD2'], ['UNK1']]);
    expect(result.certificates[1]?.content.media[0]?.source).toBe('unknown (package NOBODYKNOWS1)');
    const batch = result.batch;
    if (batch === null) throw new Error('no batch summary');
    expect(batch.serials).toEqual(['LD1', 'LD2', 'UNK1']);
    expect(batch.content.certificates.map((item) => item.contentSha256)).toEqual(result.certificates.map((certificate) => certificate.contentSha256));
    const text = pdfText(Buffer.from((await desk.call('certificates.render', { certificateId: batch.id, format: 'pdf' })).data, 'base64'));
    for (const certificate of result.certificates) expect(text.replace(/\s+/g, ' ')).toContain(certificate.contentSha256);
  });
});
