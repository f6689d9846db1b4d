import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/core/clock';
import { certificateWords } from '../../main/core/labels/certificate-words';
import type { CertificateContent, CertificatePerson } from '../../shared/rpc/results';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';

const DAY = 24 * 60 * 60 * 1000;
/** MuPDF's command-line tool (Debian's mupdf-tools; scripts/prepare-test-machine.mjs installs it). */
const MUTOOL = 'mutool';
let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

/** The PDF's text as MuPDF's own command-line reader extracts it: a reader that shares no code with the desk. */
function mutoolText(file: string): string {
  const result = spawnSync(MUTOOL, ['draw', '-q', '-F', 'txt', '-o', '-', file], { encoding: 'utf8' });
  if (result.error !== undefined) throw new Error(`${MUTOOL} could not run (${result.error.message}): run npm run test:prepare, which installs Debian's mupdf-tools`);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.replace(/\s+/g, ' ');
}

/** Each NIST SP 800-88 field of a person (Appendix G: name, title, organisation, location, phone) as label and value. */
const personLines = (who: CertificatePerson): string[] => [
  `Name ${who.name}`,
  `Title ${who.title}`,
  `Organization ${who.organisation}`,
  `Location ${who.location}`,
  `Phone ${who.phone}`,
];

describe('the destruction certificate read back by mutool', () => {
  it('has every NIST SP 800-88 field with its value, every serial and the content hash', async () => {
    const clock = fixedClock('2026-02-02T10:00:00.000Z');
    desk = openTestDesk('certificate-mutool', clock);
    const serials = ['MTA0001', 'MTA0002', 'MTA0003'];
    await desk.call('jobs.import', { document: jobDocument('creating-job', { state: 'Creating', trackingNumber: 'TRK-MUTOOL', driveCount: 3, drives: serials }) });
    await desk.call('jobs.import', {
      document: {
        name: 'North EU',
        type: 'Microsoft.ImportExport/locations',
        properties: { recipientName: 'Contoso Datacenter North', streetAddress1: 'Dock 4, Industriestraße 7', city: 'Dublin', postalCode: 'D24', countryOrRegion: 'Ireland', phone: '+353 1 555 0100' },
      },
    });
    await desk.call('operators.save', { name: 'Sam Supervisor', badge: 'SUP-1', role: 'supervisor', title: 'Shift supervisor', phone: '+353 1 555 0101' });
    await desk.call('operators.save', { name: 'Olga Operator', badge: 'OP-7', role: 'operator', title: 'Receiving clerk', phone: '+353 1 555 0102', supervisorBadge: 'SUP-1' });
    await desk.call('settings.set', { siteOrganisation: 'Contoso Datacenter North', supervisorBadge: 'SUP-1' });
    await desk.call('operators.signIn', { badge: 'OP-7' });
    const checkIn = await desk.call('packages.checkIn', { trackingNumber: 'TRK-MUTOOL' });
    for (const serial of serials) await desk.call('scans.record', { packageId: checkIn.packageId, code: serial });
    clock.advance(90 * DAY);

    const destroyed = await desk.call('packages.destroy', {
      packageId: checkIn.packageId,
      methodType: 'purge',
      method: 'degaussingAndShredding',
      methodDetails: 'Degaussed at 9,000 Oe, shredded to 6 mm',
      tool: 'Garner HD-3WXL',
      toolVersion: 'fw 2.4',
      verification: 'sampling',
      destination: 'manufacturer',
      mediaType: '3.5-inch SATA hard disk',
      notes: 'Witnessed by the customer over video call',
      supervisorBadge: 'SUP-1',
    });
    const certificate = destroyed.certificates[0];
    if (certificate === undefined) throw new Error('no certificate');
    const content: CertificateContent = certificate.content;
    const pdf = await desk.call('certificates.render', { certificateId: certificate.id, format: 'pdf' });
    const file = path.join(desk.dir, 'certificate.pdf');
    writeFileSync(file, Buffer.from(pdf.data, 'base64'));
    const text = mutoolText(file);

    const words = certificateWords(content);
    const expected = [
      'Certificate of Sanitization',
      `Certificate ${content.certificateNumber}`,
      'Person performing sanitization',
      ...personLines(content.performedBy),
      'Media information (3)',
      'Serial number',
      'Make / vendor',
      'Model',
      'Media type',
      'Source (job)',
      ...content.media.flatMap((medium) => [medium.serial, medium.make, medium.model, medium.mediaType, medium.source]),
      `Media classification ${content.postSanitizationClassification}`,
      'Sanitization details',
      `Method type ${words.methodType}`,
      `Method used ${words.method}`,
      `Method details ${content.methodDetails}`,
      `Tool used (version) ${content.tool} (${content.toolVersion})`,
      `Verification method ${words.verification}`,
      `Post-sanitization classification ${content.postSanitizationClassification}`,
      `Notes ${content.notes}`,
      'Media destination',
      `Destination ${words.destination}`,
      `Signed by ${content.performedBy.name}`,
      `Date ${content.date}`,
      'Validation',
      ...personLines(content.validatedBy),
      `Signature ${content.validatedBy.name}, by supervisor badge scan`,
      `Content SHA-256 ${certificate.contentSha256}`,
    ];
    for (const line of expected) expect(text, line).toContain(line);
    // The values themselves, so a field left empty or dropped from the form cannot pass unnoticed.
    expect(content).toMatchObject({
      methodType: 'purge',
      method: 'degaussingAndShredding',
      verification: 'sampling',
      destination: 'manufacturer',
      performedBy: { name: 'Olga Operator', title: 'Receiving clerk', organisation: 'Contoso Datacenter North', phone: '+353 1 555 0102' },
      validatedBy: { name: 'Sam Supervisor', title: 'Shift supervisor', organisation: 'Contoso Datacenter North', phone: '+353 1 555 0101' },
    });
    expect(content.performedBy.location).toContain('Dublin');
    expect(content.media.map((medium) => [medium.serial, medium.mediaType, medium.source])).toEqual(serials.map((serial) => [serial, '3.5-inch SATA hard disk', 'creating-job']));
    expect(words).toEqual({ methodType: 'Purge', method: 'Degauss, then shred', verification: 'Quick sampling', destination: 'Manufacturer' });
    // Each serial once in the media table (and nowhere else), and the hash printed is the one kept.
    for (const serial of serials) expect(text.split(serial).length - 1, serial).toBe(1);
    expect(text).toContain(certificate.contentSha256);
  });
});
