/**
 * Every screen and every error path in the pseudo-locale (renderer/src/i18n/pseudo-locale.ts: each
 * catalogue text wrapped in ⟦ ⟧, each filled-in value in ‹ ›): any text a person reads or a screen
 * reader speaks that came from no catalogue fails the test (test/e2e/screen-language.ts). Data is
 * allowed where the screen marks it translate="no", or when the test made it (the list below).
 */
import type { Page } from '@playwright/test';
import { MAX_ECHOED_CODE_LENGTH } from '../../shared/domain/serial';
import { SCREEN_IDS } from '../../shared/ui/screens';
import { RETURN_ADDRESS } from '../helpers/addresses';
import { importJob } from './job-documents';
import { screenTexts, textsOutsideCatalogue, usePseudoLocale, type ScreenText } from './screen-language';
import { countPrintDialogs, expect, scan, test, type WebDesk } from './web-desk';

/** How much of a desk's id the drive card shows. */
const DESK_ID_SHOWN = 8;
/** Every screen and error path on a loaded 2-core machine: a few minutes. */
const WALK_TIMEOUT_MS = 300_000;

/** What the test itself puts on screen as data: codes, names, addresses, numbers. */
const DATA = [
  'job-pseudo', 'job-pseudo-held', 'job-pseudo-noaddress', 'TRKPSEUDO', 'TRK-PSEUDO', 'TRKPSEUDOHELD', 'TRKPSEUDONOADDR', 'TRKNOBODY7',
  'PSD001', 'PSD002', 'PSD003', 'PSDXX9', 'HLD001', 'NOA001', 'NOBODY99', 'Alice', 'FedEx', 'ACC-1234',
  'not-a-job.json', 'locations.json', 'West US', 'East US', 'pseudo.desk',
  ...Object.values(RETURN_ADDRESS),
  '2045 Lafayette Street', 'Santa Clara', 'Import/Export Service', 'USA', 'BAD$CODE!', 'NOTHINGHERE1', 'x'.repeat(MAX_ECHOED_CODE_LENGTH),
  // A URL field's placeholder, and the job document's field paths a refused label names (the
  // operations team fixes the document by them).
  'https://', 'upstreamUrl', '1Z999AA10123456785', 'UPS',
  ...['recipientName', 'streetAddress1', 'city', 'postalCode', 'countryOrRegion', 'phone', 'email'].map((field) => `returnAddress.${field}`),
  'returnShipping.carrierName', 'returnShipping.carrierAccountNumber',
];

interface Finding {
  readonly step: string;
  readonly texts: readonly ScreenText[];
}

async function openPseudoDesk(page: Page, desk: WebDesk): Promise<void> {
  await usePseudoLocale(page);
  await countPrintDialogs(page);
  await page.goto(desk.launchUrl);
  await expect(page.getByTestId('scan-field')).toBeFocused();
  await expect(page.locator('html')).toHaveAttribute('lang', /.+/);
}

test('in the pseudo-locale every screen and every error path shows only catalogue texts and data', async ({ page, desk }) => {
  test.setTimeout(WALK_TIMEOUT_MS);
  const withAddress = (document: Record<string, unknown>) => {
    Object.assign(document.properties as Record<string, unknown>, {
      returnAddress: RETURN_ADDRESS,
      returnShipping: { carrierName: 'FedEx', carrierAccountNumber: 'ACC-1234' },
      shippingInformation: { recipientName: 'Import/Export Service', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA' },
    });
    return document;
  };
  await desk.api('jobs.import', {
    document: {
      value: [
        withAddress(importJob('job-pseudo', 'TRK-PSEUDO', ['PSD001', 'PSD002', 'PSD003'])),
        importJob('job-pseudo-held', 'TRK-PSEUDO-HELD', ['HLD001'], { state: 'Creating' }),
        importJob('job-pseudo-noaddress', 'TRK-PSEUDO-NOADDR', ['NOA001']),
      ],
    },
  });
  await desk.api('operators.save', { name: 'Alice' });
  await desk.api('operators.signIn', { name: 'Alice' });
  // The drive card names a desk by the start of its id.
  const { deskId } = await desk.api<{ deskId: string }>('settings.get', {});
  const data = [...DATA, deskId.slice(0, DESK_ID_SHOWN)];
  await openPseudoDesk(page, desk);

  const findings: Finding[] = [];
  let steps = 0;
  async function check(step: string): Promise<void> {
    steps += 1;
    const texts = await screenTexts(page);
    expect(texts.length, `${step}: the screen shows something`).toBeGreaterThan(0);
    const outside = textsOutsideCatalogue(texts, data);
    if (outside.length > 0) findings.push({ step, texts: outside });
  }
  const nav = (id: string) => page.getByRole('navigation').locator(`button[data-screen="${id}"]`).click();
  const verdict = page.getByTestId('verdict');

  // The scan station and its verdicts and refusals.
  await check('scan station, empty');
  await scan(page, 'TRK-NOBODY-7');
  await expect(verdict).toHaveAttribute('data-verdict', 'unknown');
  await check('unknown package');
  await scan(page, 'NOBODY99');
  await check('drive in a held package');
  await page.keyboard.press('Escape');
  if (await page.getByTestId('leave-dialog').isVisible()) await check('leave question');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await scan(page, 'TRK-PSEUDO');
  await expect(verdict).toHaveAttribute('data-verdict', 'matched');
  await check('package matched');
  await scan(page, 'PSD001');
  await scan(page, 'PSD001');
  await expect(verdict).toHaveAttribute('data-verdict', 'duplicate');
  await check('duplicate');
  await scan(page, 'PSDXX9');
  await expect(verdict).toHaveAttribute('data-verdict', 'extra');
  await check('extra');
  await scan(page, 'BAD$CODE!');
  await expect(verdict).toHaveAttribute('data-verdict', 'invalid');
  await check('invalid scan');
  await scan(page, 'x'.repeat(300));
  await check('too long a scan');
  await scan(page, 'TRK-PSEUDO');
  await check('own tracking number scanned as a drive');
  await scan(page, 'HLD001');
  await check('a Creating job drive');
  await page.getByTestId('scan-log').locator('li').first().getByRole('button').first().click();
  await check('undo');
  await page.locator('tr[data-serial="PSD001"]').getByRole('button').nth(1).click();
  await expect(page.getByTestId('drive-action-dialog')).toBeVisible();
  await check('fault dialog');
  await page.getByTestId('drive-action-dialog').locator('button[type="submit"]').click();
  await expect(page.locator('tr[data-serial="PSD001"] [data-state]')).toHaveAttribute('data-state', 'Faulted');
  await check('faulted');
  await page.locator('tr[data-serial="PSD001"]').getByRole('button').first().click();
  await expect(page.getByTestId('history-panel')).toBeVisible();
  await check('drive card');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('leave-dialog')).toBeVisible();
  await check('leave question with missing drives');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'closed');
  await check('closed with drives never received');
  await page.keyboard.press('Escape');

  // Jobs: the list, a job's header, drives and labels, and the import's refusals.
  await nav('jobs');
  await check('jobs list');
  await page.getByTestId('import-file').setInputFiles({ name: 'not-a-job.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":"world"}') });
  await expect(page.getByTestId('import-notice')).toBeVisible();
  await check('import: not a job document');
  await page.getByTestId('import-file').setInputFiles({ name: 'not-a-job.json', mimeType: 'application/json', buffer: Buffer.from('{oops') });
  await check('import: not JSON');
  const location = (name: string) => ({ id: `/providers/Microsoft.ImportExport/locations/${name}`, name, type: 'Microsoft.ImportExport/locations', properties: { recipientName: 'Import/Export Service', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA' } });
  await page.getByTestId('import-file').setInputFiles({ name: 'locations.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ value: [location('West US'), location('East US')] })) });
  await expect(page.getByTestId('location-choice')).toBeVisible();
  await check('import: a list of locations');
  await page.getByTestId('location-choice').locator('button[type="submit"]').click();
  await expect(page.getByTestId('location-choice')).toBeHidden();
  await check('import: the site address');
  await page.locator('tr[data-job="job-pseudo"] button').first().click();
  await expect(page.getByTestId('job-panel')).toBeVisible();
  await check('job panel');
  const labels = page.getByTestId('labels-panel');
  await labels.locator('.actions button').first().click();
  await expect(page.getByTestId('print-preview')).toBeVisible();
  await check('print preview');
  await page.getByTestId('print-preview-item').locator('.actions button').first().click();
  await expect(page.getByTestId('print-preview-notice')).toBeVisible();
  await check('printed');
  await page.getByTestId('print-preview-item').locator('.actions button').first().click();
  await expect(page.getByTestId('reprint-reason')).toBeVisible();
  await check('reprint reason asked');
  await page.getByTestId('print-preview').locator('header button').first().click();
  await labels.getByTestId('ship-carrier').fill('FedEx');
  await labels.getByTestId('ship-tracking').fill('TRK-PSEUDO');
  await labels.locator('.ship-back-form button[type="submit"]').click();
  await expect(page.getByTestId('ship-back-plan')).toBeVisible();
  await check('ship-back plan');
  await page.keyboard.press('Escape');
  await page.locator('tr[data-job="job-pseudo-noaddress"] button').first().click();
  await expect(page.getByTestId('job-panel')).toHaveAttribute('data-job', 'job-pseudo-noaddress');
  await labels.locator('.actions button').first().click();
  await expect(labels.getByTestId('labels-notice')).toBeVisible();
  await check('label refused: address incomplete');

  // A UPS number whose check digit is wrong: refused as misread, nothing checked in.
  await nav('scan');
  await scan(page, '1Z999AA10123456785');
  await expect(verdict).toHaveAttribute('data-verdict', 'error');
  await check('misread tracking number');
  // A fault resolved without a note is refused in the dialog.
  await scan(page, 'TRK-PSEUDO');
  await page.locator('tr[data-serial="PSD001"]').getByRole('button').nth(1).click();
  const dialog = page.getByTestId('drive-action-dialog');
  await expect(dialog).toBeVisible();
  await check('resolve dialog');
  await page.getByTestId('drive-action-note').fill('   ');
  await dialog.locator('button[type="submit"]').click();
  await check('resolve without a note');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  // Signing in with a badge nobody has.
  await page.getByTestId('switch-operator').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await page.getByTestId('badge-field').fill('NO-SUCH-BADGE');
  await page.getByTestId('badge-field').press('Enter');
  await expect(page.getByTestId('sign-in').getByRole('alert')).toBeVisible();
  await check('unknown badge');
  await page.getByTestId('sign-in').locator('.dialog__actions button').click();
  await expect(page.getByTestId('sign-in')).toBeHidden();

  // An upstream that is neither https nor loopback is refused, naming the field.
  await nav('sync');
  const upstream = page.locator('.upstream-form').filter({ has: page.getByTestId('upstream-url') });
  await page.getByTestId('upstream-url').fill('http://example.com/');
  await upstream.locator('button[type="submit"]').click();
  await expect(upstream.locator('.notice')).toBeVisible();
  await check('upstream refused');

  // Every other screen, and a scan that is nothing, on one of them.
  // Every screen the desk has (shared/ui/screens.ts): a new one is walked without touching this test.
  for (const screen of SCREEN_IDS.filter((id) => id !== 'scan' && id !== 'jobs')) {
    await nav(screen);
    await expect(page.getByRole('navigation').locator(`button[data-screen="${screen}"]`)).toHaveAttribute('aria-current', 'page');
    // What the screen loads is read too, not only its loading line.
    await expect(page.getByTestId('query-loading')).toHaveCount(0);
    if (screen === 'reports') {
      await page.locator('.reports-view .actions button').first().click();
      await expect(page.getByTestId('report')).toBeVisible();
      await scan(page, 'NOTHING-HERE-1');
      await expect(page.getByTestId('app-notice')).toBeVisible();
    }
    await check(screen);
  }
  await page.screenshot({ path: desk.screenshotPath('pseudo-locale-settings'), fullPage: true });

  expect(steps).toBeGreaterThan(30);
  expect(
    findings.map(({ step, texts }) => `${step}: ${texts.map(({ text, where }) => `"${text}" (${where})`).join('; ')}`),
    'texts on screen that came from no catalogue',
  ).toEqual([]);
});
