import net from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/core/clock';
import { normalizeCode } from '../../shared/domain/serial';
import type { LabelDocument } from '../../shared/rpc/results';
import { jobDocument, openTestDesk, type TestDesk } from '../helpers/desk';
import { documentsOf, listFixtureFiles, readExample } from '../helpers/fixtures';
import { decodeCode128, pdfText, pdfToPngs } from '../helpers/pdf';
import { RETURN_ADDRESS } from '../helpers/addresses';

const SCREENSHOT_DIR = path.resolve(__dirname, '..', 'artifacts', 'screenshots');
const DAY_MS = 24 * 60 * 60 * 1000;

let desk: TestDesk | null = null;
const servers: net.Server[] = [];
afterEach(async () => {
  desk?.close();
  desk = null;
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

interface Address {
  recipientName: string;
  streetAddress1: string;
  city: string;
  postalCode: string;
  countryOrRegion: string;
}
interface FixtureJob {
  label: string;
  document: Record<string, unknown> & { name?: string; properties: Record<string, unknown> & { returnAddress?: Address; shippingInformation?: Address; returnShipping?: { carrierName: string; carrierAccountNumber: string } } };
  jobName: string;
}

/** Every fixture job document that has a return address. */
function fixtureJobsWithReturnAddress(): FixtureJob[] {
  const jobs: FixtureJob[] = [];
  for (const file of listFixtureFiles()) {
    for (const { label, document, jobName } of documentsOf(readExample(file))) {
      const list = (document as { value?: unknown[] }).value ?? [document];
      for (const entry of list) {
        const job = entry as FixtureJob['document'];
        if (job.properties?.returnAddress === undefined) continue;
        jobs.push({ label, document: job, jobName: job.name ?? jobName ?? '' });
      }
    }
  }
  return jobs;
}

const bytesOf = (document: LabelDocument) => Buffer.from(document.data, document.encoding === 'base64' ? 'base64' : 'utf8');

function expectAddresses(text: string, job: FixtureJob): void {
  const { returnAddress, shippingInformation } = job.document.properties;
  const site = (readExample('GetLocation.json').responses['200']?.body as { properties: Address }).properties;
  for (const address of [returnAddress, shippingInformation ?? site]) {
    if (address === undefined) continue;
    for (const field of ['recipientName', 'streetAddress1', 'city', 'postalCode', 'countryOrRegion'] as const) {
      expect(text, `${job.label}: ${field}`).toContain(address[field]);
    }
  }
}

function savePngs(name: string, pdf: Buffer): Buffer[] {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const pngs = pdfToPngs(pdf);
  pngs.forEach((png, index) => writeFileSync(path.join(SCREENSHOT_DIR, `${name}${pngs.length > 1 ? `-p${index + 1}` : ''}.png`), png));
  return pngs;
}

describe('return labels, packing slips and destruction certificates for the fixture jobs', () => {
  const fixtures = fixtureJobsWithReturnAddress();
  it('finds fixture jobs with a return address', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
  });

  for (const job of fixtures) {
    it(`${job.label} (${job.jobName}): every kind renders as PDF and ZPL with the addresses and every serial`, async () => {
      const clock = fixedClock('2026-11-21T09:00:00Z');
      desk = openTestDesk('labels', clock);
      // The site's own address, from the Location fixture: what a job without shippingInformation
      // (the Put Job request body: the service fills it in later) is sent back from.
      await desk.call('jobs.import', { document: readExample('GetLocation.json').responses['200']?.body });
      // Held drives are what a certificate lists: the fixture arrives while its job is still
      // Creating (its own state for most of them), in a box with the fixture's tracking number.
      const properties = job.document.properties;
      const serials = ((properties.driveList as { driveId: string }[] | undefined) ?? []).map((drive) => normalizeCode(drive.driveId));
      const heldSerials = serials.length > 0 ? serials : ['FIXTUREHELD1'];
      const tracking = (properties.deliveryPackage as { trackingNumber?: string } | undefined)?.trackingNumber ?? 'FIXTURE-BOX-1';
      await desk.call('jobs.import', {
        document: { ...job.document, name: job.jobName, properties: { ...properties, state: 'Creating', deliveryPackage: { carrierName: 'FedEx', trackingNumber: tracking, driveCount: heldSerials.length } } },
      });
      const { packageId, verdict } = await desk.call('packages.checkIn', { trackingNumber: tracking });
      expect(verdict).toBe('notShipping');
      for (const serial of heldSerials) expect((await desk.call('scans.record', { packageId, code: serial })).verdict).toBe('held');
      clock.advance(91 * DAY_MS);

      const shipping = properties.returnShipping;
      for (const kind of ['return', 'packingSlip', 'destruction'] as const) {
        const destruction = kind === 'destruction' ? { method: 'shredding' as const, witness: 'Wanda Witness' } : undefined;
        const pdf = await desk.call('labels.render', { jobId: job.jobName, kind, format: 'pdf', ...(destruction === undefined ? {} : { destruction }) });
        const zpl = await desk.call('labels.render', { jobId: job.jobName, kind, format: 'zpl', ...(destruction === undefined ? {} : { destruction }) });
        const pdfBytes = bytesOf(pdf);
        expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
        const text = pdfText(pdfBytes);
        expect(zpl.data.startsWith('^XA')).toBe(true);
        expect(zpl.data.trimEnd().endsWith('^XZ')).toBe(true);
        expect(text).toContain(job.jobName);
        expect(zpl.data).toContain(job.jobName);
        if (kind === 'destruction') {
          for (const serial of heldSerials) {
            expect(text).toContain(serial);
            expect(zpl.data).toContain(serial);
          }
          for (const fact of ['shredding', 'Wanda Witness', 'operator', '2027-02-20']) {
            expect(text).toContain(fact);
            expect(zpl.data).toContain(fact);
          }
          expect(pdf.contentHash).toMatch(/^[0-9a-f]{64}$/);
          expect(text).toContain(pdf.contentHash ?? 'missing');
          expect(zpl.data).toContain(pdf.contentHash?.slice(0, 32) ?? 'missing');
        } else {
          expectAddresses(text, job);
          expectAddresses(zpl.data, job);
          if (kind === 'return') {
            expect(text).toContain(shipping?.carrierAccountNumber ?? 'missing');
            expect(zpl.data).toContain(shipping?.carrierAccountNumber ?? 'missing');
            expect(zpl.data).toMatch(/\^BCN,\d+,Y,N,N\^FH\^FD/);
          } else {
            for (const serial of heldSerials.filter((s) => serials.includes(s))) {
              expect(text).toContain(serial);
              expect(zpl.data).toContain(serial);
            }
          }
        }
        savePngs(`label-${job.jobName}-${kind}`, pdfBytes);
      }
    });
  }
});

describe('the return label reads at a glance', () => {
  it('renders 4 × 6 in, and its Code 128 barcode decodes back to the return tracking number', async () => {
    desk = openTestDesk('label-barcode');
    await desk.call('jobs.import', { document: returnableJob('barcode-job') });
    await receiveAndFinish(desk, 'barcode-job', ['BCD-1', 'BCD-2']);
    await desk.call('jobs.shipBack', { jobId: 'barcode-job', carrierName: 'FedEx', trackingNumber: '7961 2345 0001' });
    const label = await desk.call('labels.render', { jobId: 'barcode-job', kind: 'return', format: 'pdf' });
    expect([label.pageWidthPt, label.pageHeightPt]).toEqual([288, 432]);
    const pdf = bytesOf(label);
    const text = pdfText(pdf);
    expect(text).toContain('Return tracking 796123450001');
    expect(text).toContain('2 drives');
    const [png] = savePngs('label-return-barcode', pdf);
    expect(await decodeCode128(png ?? Buffer.alloc(0))).toEqual(['796123450001']);
  });

  it('prints Czech and Russian addresses as written', async () => {
    desk = openTestDesk('label-unicode');
    const document = returnableJob('unicode-job');
    (document.properties as Record<string, unknown>).returnAddress = {
      ...RETURN_ADDRESS,
      recipientName: 'Žofie Dvořáková',
      streetAddress1: 'ул. Тверская, 7',
      city: 'Москва',
    };
    await desk.call('jobs.import', { document });
    const label = await desk.call('labels.render', { jobId: 'unicode-job', kind: 'return', format: 'pdf' });
    const text = pdfText(bytesOf(label));
    for (const written of ['Žofie Dvořáková', 'ул. Тверская, 7', 'Москва']) expect(text).toContain(written);
    savePngs('label-return-unicode', bytesOf(label));
  });
});

describe('printing', () => {
  it('sends exactly the rendered ZPL bytes to the printer port, and logs it', async () => {
    const received: Buffer[] = [];
    const server = net.createServer((socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    desk = openTestDesk('print-zpl', fixedClock('2026-11-21T09:00:00Z'));
    await desk.call('settings.set', { zplPrinterHost: '127.0.0.1', zplPrinterPort: port, zplDpi: 300 });
    await desk.call('jobs.import', { document: returnableJob('print-job') });
    const rendered = await desk.call('labels.render', { jobId: 'print-job', kind: 'return', format: 'zpl' });
    expect(rendered.fileName).toBe('return-label-print-job-300dpi.zpl');
    expect(rendered.data).toContain('^PW1200');
    const printed = await desk.call('labels.print', { jobId: 'print-job', kind: 'return', format: 'zpl', printer: 'network' });
    await expect.poll(() => Buffer.concat(received).length).toBe(Buffer.byteLength(rendered.data));
    expect(Buffer.concat(received).equals(Buffer.from(rendered.data, 'utf8'))).toBe(true);
    expect(printed.entry).toMatchObject({ jobId: 'print-job', kind: 'return', format: 'zpl', printer: `zpl://127.0.0.1:${port}`, outcome: 'printed', operator: 'operator', sha256: rendered.sha256 });

    // Again: a reprint needs a reason, and the log keeps it.
    const again = await desk.raw('labels.print', { jobId: 'print-job', kind: 'return', format: 'zpl', printer: 'network' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', details: { reprintReasonRequired: true } } });
    const reprint = await desk.call('labels.print', { jobId: 'print-job', kind: 'return', format: 'zpl', printer: 'network', reprintReason: 'label torn' });
    expect(reprint.entry.reprintReason).toBe('label torn');
    const log = await desk.call('labels.printLog', { jobId: 'print-job' });
    expect(log.entries.map((entry) => [entry.outcome, entry.reprintReason])).toEqual([['printed', 'label torn'], ['printed', null]]);
  });

  it('a refused connection gets a clear error, and the print log says so', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    desk = openTestDesk('print-refused');
    await desk.call('settings.set', { zplPrinterHost: '127.0.0.1', zplPrinterPort: port });
    await desk.call('jobs.import', { document: returnableJob('refused-job') });
    const result = await desk.raw('labels.print', { jobId: 'refused-job', kind: 'return', format: 'zpl', printer: 'network' });
    expect(result).toMatchObject({ ok: false, error: { code: 'printer' } });
    if (result.ok) throw new Error('unreachable');
    expect(result.error.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port} refused the connection \\(ECONNREFUSED\\)`));
    const log = await desk.call('labels.printLog', { jobId: 'refused-job' });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({ outcome: 'failed', error: result.error.message });
    // A failed print is not a print: the next attempt needs no reprint reason.
    expect(await desk.raw('labels.print', { jobId: 'refused-job', kind: 'return', format: 'zpl', printer: 'network' })).toMatchObject({ ok: false, error: { code: 'printer' } });
  });

  it('a test print goes through the same path; without a printer set it says what to do', async () => {
    desk = openTestDesk('print-test');
    expect(await desk.raw('printers.testPrint', { printer: 'network' })).toMatchObject({ ok: false, error: { code: 'not_configured' } });
    const dialog = await desk.call('printers.testPrint', { printer: 'dialog' });
    expect(dialog.entry).toMatchObject({ kind: 'test', outcome: 'sentToDialog', printer: 'print dialog' });
    expect(pdfText(bytesOf(dialog.document as LabelDocument))).toContain('Receiving Desk test print');
  });
});

describe('a job without a complete return address', () => {
  it('gets an error naming each missing field, and is flagged for the operations team', async () => {
    desk = openTestDesk('label-missing');
    const document = returnableJob('incomplete-job');
    const properties = document.properties as Record<string, unknown>;
    properties.returnAddress = { ...RETURN_ADDRESS, phone: '', email: undefined };
    delete properties.returnShipping;
    await desk.call('jobs.import', { document });
    for (const format of ['pdf', 'zpl'] as const) {
      const result = await desk.raw('labels.render', { jobId: 'incomplete-job', kind: 'return', format });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'missing_fields', details: { missing: ['returnAddress.phone', 'returnAddress.email', 'returnShipping.carrierName', 'returnShipping.carrierAccountNumber'] } },
      });
      if (!result.ok) expect(result.error.message).toContain('returnAddress.phone, returnAddress.email, returnShipping.carrierName, returnShipping.carrierAccountNumber');
    }
    const job = await desk.call('jobs.get', { jobId: 'incomplete-job' });
    expect(job.opsFlag).toMatch(/^Incorrect or missing return address: returnAddress\.phone/);
    expect(await desk.raw('labels.print', { jobId: 'incomplete-job', kind: 'return', format: 'pdf', printer: 'dialog' })).toMatchObject({ ok: false, error: { code: 'missing_fields' } });
    expect((await desk.call('labels.printLog', { jobId: 'incomplete-job' })).entries).toEqual([]);

    // A corrected document comes in: the label renders and the flag is gone.
    await desk.call('jobs.import', { document: returnableJob('incomplete-job') });
    await desk.call('labels.render', { jobId: 'incomplete-job', kind: 'return', format: 'zpl' });
    expect((await desk.call('jobs.get', { jobId: 'incomplete-job' })).opsFlag).toBeNull();
  });
});

describe('shipping drives back', () => {
  it('records the return carrier and tracking number on every drive moved, and the slip lists every drive with its note', async () => {
    desk = openTestDesk('ship-back');
    await desk.call('jobs.import', { document: returnableJob('ship-job', ['SHIP-1', 'SHIP-2', 'SHIP-3']) });
    const { packageId } = await desk.call('packages.checkIn', { trackingNumber: 'TRK-SHIP-JOB' });
    await desk.call('scans.record', { packageId, code: 'SHIP-1' });
    await desk.call('scans.record', { packageId, code: 'SHIP-2' });
    await desk.call('scans.record', { packageId, code: 'EXTRA-77' });
    await desk.call('packages.close', { packageId });
    for (const serial of ['SHIP-1', 'SHIP-2']) {
      await desk.call('drives.transition', { jobId: 'ship-job', driveId: serial, to: 'Transferring' });
      await desk.call('drives.transition', { jobId: 'ship-job', driveId: serial, to: serial === 'SHIP-1' ? 'Completed' : 'CompletedMoreInfo' });
    }
    const shipped = await desk.call('jobs.shipBack', { jobId: 'ship-job', carrierName: 'DHL', trackingNumber: 'dhl-555' });
    expect(shipped.shipped.map((drive) => drive.serial).sort()).toEqual(['EXTRA77', 'SHIP1', 'SHIP2']);
    expect(shipped.stayed.map((drive) => [drive.serial, drive.state])).toEqual([['SHIP3', 'NeverReceived']]);
    expect(shipped).toMatchObject({ returnCarrier: 'DHL', returnTrackingNumber: 'DHL555', jobState: 'Closed' });
    const history = await desk.call('drives.history', { driveId: 'SHIP1' });
    expect(history.transitions.at(-1)).toMatchObject({ to: 'ShippedBack', reason: 'returnShipment', note: 'DHL DHL555' });

    const slip = await desk.call('labels.render', { jobId: 'ship-job', kind: 'packingSlip', format: 'pdf' });
    const text = pdfText(bytesOf(slip));
    // States in words, for the customer who reads the slip (English unless another language is chosen).
    expect(text).toMatch(/SHIP3\s+Never received\s+Never received: not in this box/);
    expect(text).toMatch(/EXTRA77\s+Shipped back\s+Extra drive/);
    expect(text).toContain('DHL555');
    savePngs('label-packing-slip', bytesOf(slip));

    // The same slip in the customer's language: every heading, state and note in Czech or Russian.
    const czech = pdfText(bytesOf(await desk.call('labels.render', { jobId: 'ship-job', kind: 'packingSlip', format: 'pdf', language: 'cs' })));
    expect(czech).toContain('Dodací list: zakázka ship-job');
    expect(czech).toMatch(/SHIP3\s+Nikdy nepřijato\s+Nikdy nepřijat: v této krabici není/);
    expect(czech).toContain('Dopravce: DHL');
    expect(czech).not.toMatch(/Packing slip|Never received|Carrier|Prepared by/);
    const russian = pdfText(bytesOf(await desk.call('labels.render', { jobId: 'ship-job', kind: 'packingSlip', format: 'pdf', language: 'ru' })));
    expect(russian).toContain('Упаковочный лист: задание ship-job');
    expect(russian).toMatch(/EXTRA77\s+Отправлен обратно\s+Лишний диск/);
    expect(russian).not.toMatch(/Packing slip|Shipped back|Extra drive|Prepared by/);
    savePngs('label-packing-slip-ru', bytesOf(await desk.call('labels.render', { jobId: 'ship-job', kind: 'packingSlip', format: 'pdf', language: 'ru' })));
    const zpl = (await desk.call('labels.render', { jobId: 'ship-job', kind: 'packingSlip', format: 'zpl', language: 'cs' })).data;
    expect(zpl).toContain('Dodací list: zakázka ship-job');
    expect(zpl).not.toContain('Prepared by');
    expect(await desk.raw('jobs.shipBack', { jobId: 'ship-job', carrierName: 'DHL', trackingNumber: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});


function returnableJob(name: string, drives: string[] = ['BCD-1', 'BCD-2']): Record<string, unknown> {
  const document = jobDocument(name, { trackingNumber: `TRK-${name.toUpperCase()}`, driveCount: drives.length, drives });
  const properties = document.properties as Record<string, unknown>;
  properties.returnAddress = { ...RETURN_ADDRESS };
  properties.returnShipping = { carrierName: 'FedEx', carrierAccountNumber: 'ACC-4455' };
  properties.shippingInformation = {
    recipientName: 'Import/Export Service',
    streetAddress1: '2045 Lafayette Street',
    city: 'Santa Clara',
    postalCode: '95050',
    countryOrRegion: 'USA',
  };
  return document;
}

async function receiveAndFinish(target: TestDesk, jobId: string, drives: string[]): Promise<void> {
  const { packageId } = await target.call('packages.checkIn', { trackingNumber: `TRK-${jobId.toUpperCase()}` });
  for (const serial of drives) await target.call('scans.record', { packageId, code: serial });
  await target.call('packages.close', { packageId });
  for (const serial of drives) {
    await target.call('drives.transition', { jobId, driveId: serial, to: 'Transferring' });
    await target.call('drives.transition', { jobId, driveId: serial, to: 'Completed' });
  }
}
