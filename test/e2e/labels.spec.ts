import { readFileSync } from 'node:fs';
import { importJob } from './job-documents';
import { countPrintDialogs, expect, printDialogsOpened, test } from './web-desk';
import { RETURN_ADDRESS } from '../helpers/addresses';

/** The print flow test walks the whole label panel and its preview. */
const LABELS_TEST_TIMEOUT_MS = 150_000;

function labelledJob(name: string, complete: boolean): Record<string, unknown> {
  const document = importJob(name, `TRK-${name.toUpperCase()}`, ['LBLA1', 'LBLB2']);
  const properties = document.properties as Record<string, unknown>;
  properties.returnAddress = complete ? RETURN_ADDRESS : { ...RETURN_ADDRESS, phone: '' };
  if (complete) properties.returnShipping = { carrierName: 'FedEx', carrierAccountNumber: 'ACC-4455' };
  properties.shippingInformation = { recipientName: 'Import/Export Service', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA' };
  return document;
}

test('ship drives back, print the label and slip, download the ZPL, and see the print log', async ({ page, desk }) => {
  // Three prints, a reprint and a download through the screen: over a minute on a loaded machine.
  test.setTimeout(LABELS_TEST_TIMEOUT_MS);
  await desk.api('jobs.import', { document: { value: [labelledJob('label-job', true)] } });
  const { packageId } = await desk.api<{ packageId: number }>('packages.checkIn', { trackingNumber: 'TRK-LABEL-JOB' });
  for (const serial of ['LBLA1', 'LBLB2']) await desk.api('scans.record', { packageId, code: serial });
  for (const serial of ['LBLA1', 'LBLB2']) {
    await desk.api('drives.transition', { jobId: 'label-job', driveId: serial, to: 'Transferring' });
    await desk.api('drives.transition', { jobId: 'label-job', driveId: serial, to: 'Completed' });
  }
  await countPrintDialogs(page);
  await page.goto(desk.launchUrl);
  await page.getByRole('button', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: 'label-job' }).click();
  const panel = page.getByTestId('labels-panel');
  await panel.getByTestId('ship-carrier').fill('FedEx');
  await panel.getByTestId('ship-tracking').fill('7961 2345 0001');
  await panel.getByRole('button', { name: 'Mark drives shipped back' }).click();
  // It says what goes back before it acts (here every drive: both were copied).
  await expect(page.getByTestId('ship-back-goes')).toContainText('LBLA1');
  await page.getByTestId('ship-back-plan-confirm').click();
  // Both PDFs wait in the print preview, each at its page size, for the operator's Print. Opening
  // the preview printed nothing, so nothing is logged yet.
  const preview = page.getByTestId('print-preview');
  await expect(preview.getByTestId('print-preview-item')).toHaveCount(2);
  await expect(preview.locator('[data-file="return-label-label-job.pdf"]')).toContainText('4.0 × 6.0 in');
  await expect(preview.locator('[data-file="packing-slip-label-job.pdf"] iframe')).toHaveAttribute('src', /^blob:/);
  await page.screenshot({ path: desk.screenshotPath('labels-print-preview'), fullPage: true });
  await expect(panel.getByText('Nothing printed for this job yet.')).toBeVisible();
  const log = panel.getByTestId('print-log');
  for (const file of ['return-label-label-job.pdf', 'packing-slip-label-job.pdf']) {
    await preview.locator(`[data-file="${file}"]`).getByRole('button', { name: 'Print…' }).click();
    await expect(preview.locator(`[data-file="${file}"]`).getByTestId('print-preview-notice')).toContainText('sent to the printer');
  }
  await expect(log.locator('tr[data-outcome="sentToDialog"]')).toHaveCount(2);
  expect(await printDialogsOpened(page)).toBe(2);
  await expect(log).toContainText('Return label · PDF');
  await expect(log).toContainText('Packing slip · PDF');
  // Printed once already: the desk asks why before printing it again.
  await preview.locator('[data-file="return-label-label-job.pdf"]').getByRole('button', { name: 'Print…' }).click();
  await preview.getByTestId('reprint-reason').fill('second box');
  await preview.getByRole('button', { name: 'Print again' }).click();
  await expect(log).toContainText('reprint: second box');
  expect(await printDialogsOpened(page)).toBe(3);
  await preview.getByRole('button', { name: 'Close all' }).click();
  await expect(page.locator('tr[data-serial="LBLA1"] [data-state]')).toHaveAttribute('data-state', 'ShippedBack');

  // A download is a file kept, not a print: no reprint reason, logged as downloaded.
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download return label (ZPL)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('return-label-label-job-203dpi.zpl');
  const zpl = readFileSync(await file.path(), 'utf8');
  expect(zpl.startsWith('^XA')).toBe(true);
  expect(zpl).toContain('Return tracking 796123450001');
  await expect(panel.getByTestId('reprint-reason')).toHaveCount(0);
  await expect(log.locator('tr[data-outcome="downloaded"]')).toHaveCount(1);
  await page.screenshot({ path: desk.screenshotPath('labels-panel'), fullPage: true });
});

test('a job without a complete return address says which fields are missing, and is flagged', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [labelledJob('broken-job', false)] } });
  await page.goto(desk.launchUrl);
  await page.getByRole('button', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: 'broken-job' }).click();
  const panel = page.getByTestId('labels-panel');
  await panel.getByRole('button', { name: 'Print return label' }).click();
  await expect(panel.getByTestId('labels-notice')).toContainText('missing returnAddress.phone, returnShipping.carrierName, returnShipping.carrierAccountNumber');
  await expect(panel.getByTestId('ops-flag')).toContainText('The return label lacks returnAddress.phone');
  await expect(page.locator('tr[data-job="broken-job"]')).toContainText('Needs operations');
  await page.screenshot({ path: desk.screenshotPath('labels-missing-address'), fullPage: true });
});

test('the test print through the dialog: opening its preview logs nothing; its Print and its Download log one row each, as what happened', async ({ page, desk }) => {
  type Log = { entries: { kind: string; outcome: string; printer: string }[]; total: number };
  const testLog = () => desk.api<Log>('labels.printLog', { kind: 'test' });
  await countPrintDialogs(page);
  await page.goto(desk.launchUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
  const preview = page.getByTestId('print-preview');
  const testButton = page.getByRole('button', { name: 'Test print through the print dialog' });
  await testButton.click();
  await expect(preview.getByTestId('print-preview-item')).toHaveCount(1);
  expect((await testLog()).total).toBe(0);
  await preview.getByRole('button', { name: 'Close all' }).click();
  await expect(preview).toBeHidden();
  expect((await testLog()).total).toBe(0);

  await testButton.click();
  await preview.getByRole('button', { name: 'Print…' }).click();
  await expect(preview.getByTestId('print-preview-notice')).toHaveText('Test print sent to the printer.');
  expect(await printDialogsOpened(page)).toBe(1);
  expect((await testLog()).entries.map((entry) => entry.outcome)).toEqual(['sentToDialog']);
  await preview.getByRole('button', { name: 'Download' }).click();
  await expect(preview.getByTestId('print-preview-notice')).toHaveText('Test print downloaded.');
  const log = await testLog();
  expect(log.entries.map((entry) => [entry.outcome, entry.printer])).toEqual([
    ['downloaded', 'download'],
    ['sentToDialog', 'print dialog'],
  ]);
  expect(await printDialogsOpened(page)).toBe(1);
});

test('the packing slip is printed in the language of the screen, set to the customer’s: Czech here, asked of the render and of the logged print', async ({ page, desk }) => {
  test.setTimeout(LABELS_TEST_TIMEOUT_MS);
  await desk.api('jobs.import', { document: { value: [labelledJob('slip-job', true)] } });
  await countPrintDialogs(page);
  const asked: { method: string; language: unknown }[] = [];
  page.on('request', (request) => {
    const method = /\/api\/(labels\.(?:render|print))$/.exec(request.url())?.[1];
    if (method !== undefined) asked.push({ method, language: (request.postDataJSON() as { language?: unknown }).language });
  });
  await page.goto(desk.launchUrl);
  await page.getByTestId('language-switch').selectOption('cs');
  await page.getByRole('button', { name: 'Zakázky', exact: true }).click();
  await page.getByRole('button', { name: 'slip-job' }).click();
  await page.getByTestId('labels-panel').getByRole('button', { name: 'Vytisknout dodací list' }).click();
  const item = page.getByTestId('print-preview').locator('[data-file="packing-slip-slip-job.pdf"]');
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: 'Vytisknout…' }).click();
  await expect.poll(() => asked.map((call) => call.method)).toEqual(['labels.render', 'labels.print']);
  expect(asked).toEqual([
    { method: 'labels.render', language: 'cs' },
    { method: 'labels.print', language: 'cs' },
  ]);
});
