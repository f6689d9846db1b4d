import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/core/clock';
import { certificateWords } from '../../main/core/labels/certificate-words';
import { documentWords } from '../../main/core/i18n/document-words';
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

/** A package of three drives destroyed 90 days after check-in, with its certificate. */
async function destroyedPackage(name: string) {
  const clock = fixedClock('2026-02-02T10:00:00.000Z');
  const opened = openTestDesk(name, clock);
  desk = opened;
  const serials = ['MTA0001', 'MTA0002', 'MTA0003'];
  await opened.call('jobs.import', { document: jobDocument('creating-job', { state: 'Creating', trackingNumber: 'TRK-MUTOOL', driveCount: 3, drives: serials }) });
  await opened.call('jobs.import', {
    document: {
      name: 'North EU',
      type: 'Microsoft.ImportExport/locations',
      properties: { recipientName: 'Contoso Datacenter North', streetAddress1: 'Dock 4, Industriestraße 7', city: 'Dublin', postalCode: 'D24', countryOrRegion: 'Ireland', phone: '+353 1 555 0100' },
    },
  });
  await opened.call('operators.save', { name: 'Sam Supervisor', badge: 'SUP-1', role: 'supervisor', title: 'Shift supervisor', phone: '+353 1 555 0101' });
  await opened.call('operators.save', { name: 'Olga Operator', badge: 'OP-7', role: 'operator', title: 'Receiving clerk', phone: '+353 1 555 0102', supervisorBadge: 'SUP-1' });
  await opened.call('settings.set', { siteOrganisation: 'Contoso Datacenter North', supervisorBadge: 'SUP-1' });
  await opened.call('operators.signIn', { badge: 'OP-7' });
  const checkIn = await opened.call('packages.checkIn', { trackingNumber: 'TRK-MUTOOL' });
  for (const serial of serials) await opened.call('scans.record', { packageId: checkIn.packageId, code: serial });
  clock.advance(90 * DAY);

  const destroyed = await opened.call('packages.destroy', {
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
  return { desk: opened, packageId: checkIn.packageId, serials, certificate, content };
}

/** The catalogue's `documents.certificate` texts of a language (its plain labels, not the coded-field groups). */
function catalogueLabels(language: string): Record<string, string> {
  const catalogue = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'renderer', 'src', 'i18n', 'locales', `${language}.json`), 'utf8')) as {
    documents: { certificate: Record<string, unknown> };
  };
  return Object.fromEntries(Object.entries(catalogue.documents.certificate).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
/** The labels every certificate of a package prints (the batch lines and the desk's own filler values may not show). */
const PRINTED_LABELS = new Set([
  'title', 'form', 'performedBy', 'name', 'personTitle', 'organisation', 'location', 'phone', 'media', 'serial', 'make', 'model', 'mediaType', 'source',
  'mediaClassification', 'details', 'methodType', 'methodUsed', 'methodDetails', 'tool', 'verification', 'postClassification', 'notes',
  'destinationHeading', 'destination', 'signature', 'signedBy', 'signedByBadge', 'date', 'validation', 'contentHash', 'notRecorded', 'unclassified',
]);

describe('the destruction certificate read back by mutool', () => {
  it('has every NIST SP 800-88 field with its value, every serial and the content hash', async () => {
    const { desk: opened, serials, certificate, content } = await destroyedPackage('certificate-mutool');
    const pdf = await opened.call('certificates.render', { certificateId: certificate.id, format: 'pdf' });
    const file = path.join(opened.dir, 'certificate.pdf');
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

  it('is printed in Czech and in Russian when asked: every label translated, no English label, every serial, the same hash', async () => {
    const { desk: opened, packageId, serials, certificate, content } = await destroyedPackage('certificate-mutool-languages');
    const read = async (name: string, document: { data: string }): Promise<string> => {
      const file = path.join(opened.dir, name);
      writeFileSync(file, Buffer.from(document.data, 'base64'));
      return mutoolText(file);
    };
    const english = await read('en.pdf', await opened.call('certificates.render', { certificateId: certificate.id, format: 'pdf' }));
    const texts = {
      cs: await read('cs.pdf', await opened.call('certificates.render', { certificateId: certificate.id, format: 'pdf', language: 'cs' })),
      ru: await read('ru.pdf', await opened.call('certificates.render', { certificateId: certificate.id, format: 'pdf', language: 'ru' })),
    };
    // The package's own document asks for the same language the same way.
    const fromPackage = await read('ru-package.pdf', await opened.call('packages.document', { packageId, kind: 'certificate', format: 'pdf', language: 'ru' }));
    expect(fromPackage).toBe(texts.ru);

    // Words a Czech and a Russian reader see, written here by hand (not read from the catalogue under test);
    // the NIST method type keeps its English name in parentheses, as the screens' catalogues print it.
    const byHand = {
      cs: ['Osvědčení o sanitizaci médií', 'Osoba provádějící sanitizaci', 'Sériové číslo', 'Typ metody', 'Metoda ověření', 'Podpis', 'Demagnetizace, poté skartace', 'Vyčištění (Purge)', 'Výrobce'],
      ru: ['Сертификат о санитизации носителей', 'Лицо, выполнившее санитизацию', 'Серийный номер', 'Тип метода', 'Метод проверки', 'Подпись', 'Размагничивание, затем измельчение', 'Полная очистка (Purge)', 'Производитель'],
    };
    // The English labels (and the words of the coded fields) that must not be left in a translated certificate.
    const englishOnly = [
      'Certificate of Sanitization',
      'Person performing sanitization',
      'Media information',
      'Serial number',
      'Make / vendor',
      'Source (job)',
      'Media classification',
      'Sanitization details',
      'Method type',
      'Method used',
      'Method details',
      'Tool used',
      'Verification method',
      'Post-sanitization classification',
      'Media destination',
      'Signed by',
      'by badge at the desk',
      'by supervisor badge scan',
      'Content SHA-256',
      'Organization',
      'Degauss, then shred',
      'Quick sampling',
      'Unclassified',
      'not recorded',
    ];
    const englishWords = ['Name', 'Title', 'Location', 'Phone', 'Notes', 'Destination', 'Validation', 'Signature', 'Date', 'Manufacturer'];
    for (const language of ['cs', 'ru'] as const) {
      const text = texts[language];
      const say = documentWords(language);
      const labels = Object.keys(catalogueLabels(language)).map((key) => [key, say(`documents.certificate.${key}`, { number: content.certificateNumber, subject: content.subject, count: 3, name: content.performedBy.name })] as const);
      expect(labels.length).toBeGreaterThan(25);
      for (const [key, label] of labels) if (PRINTED_LABELS.has(key)) expect(text, `${language} ${key}`).toContain(label.replace(/\s+/g, ' '));
      for (const word of byHand[language]) expect(text, `${language} ${word}`).toContain(word);
      for (const label of englishOnly) expect(text, `${language}: English '${label}' left`).not.toContain(label);
      for (const word of englishWords) expect(text, `${language}: English '${word}' left`).not.toMatch(new RegExp(`\\b${word}\\b`));
      for (const serial of serials) expect(text.split(serial).length - 1, `${language} ${serial}`).toBe(1);
      // The hash is over the canonical content, not the words: the same in every language.
      expect(text, language).toContain(`${certificate.contentSha256}`);
      expect(text).not.toBe(english);
    }
    // On label stock (ZPL) too: the Russian words, and the hash in its two halves.
    const zpl = await opened.call('certificates.render', { certificateId: certificate.id, format: 'zpl', language: 'ru' });
    expect(zpl.encoding).toBe('utf8');
    for (const word of ['Сертификат о санитизации носителей', 'Метод проверки', 'SHA-256 содержимого', certificate.contentSha256.slice(0, 32), certificate.contentSha256.slice(32), ...serials]) expect(zpl.data, word).toContain(word);
    for (const label of ['Certificate of Sanitization', 'Method type', 'Content SHA-256']) expect(zpl.data, label).not.toContain(label);
    expect(english).toContain(`Content SHA-256 ${certificate.contentSha256}`);
    expect(texts.cs).toContain(`SHA-256 obsahu ${certificate.contentSha256}`);
    expect(texts.ru).toContain(`SHA-256 содержимого ${certificate.contentSha256}`);
  });
});
