import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { importJob } from './job-documents';
import { expect, keysOf, openDesk, scan, test, typeAsScanner, type WebDesk } from './web-desk';

type Catalogue = Record<'verdict' | 'driveState' | 'nav', Record<string, string>>;
/** A text of the locale's catalogue; a missing one fails the test rather than matching nothing. */
function catalogue(locale: string): (section: keyof Catalogue, key: string) => string {
  const words = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'renderer', 'src', 'i18n', 'locales', `${locale}.json`), 'utf8')) as Catalogue;
  return (section, key) => {
    const text = words[section][key];
    if (text === undefined) throw new Error(`${locale}: no ${section}.${key}`);
    return text;
  };
}

async function receiveInLanguage(page: Page, desk: WebDesk, locale: 'cs' | 'ru'): Promise<void> {
  const words = catalogue(locale);
  await desk.api('jobs.import', { document: { value: [importJob(`job-${locale}`, `TRK-${locale}-1`, [`${locale}DRIVEA1`, `${locale}DRIVEB2`, `${locale}DRIVEC3`])] } });
  await openDesk(page, desk);
  // The language switch, kept across a reload.
  await page.getByTestId('language-switch').selectOption(locale);
  await expect(page.getByRole('navigation').getByRole('button', { name: words('nav', 'jobs'), exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('language-switch')).toHaveValue(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.getByTestId('scan-field')).toBeFocused();

  const title = page.getByTestId('verdict').locator('.verdict__title');
  await scan(page, `TRK-${locale}-1`);
  await expect(title).toHaveText(words('verdict', 'matched'));
  await scan(page, `${locale}DRIVEA1`);
  await expect(title).toHaveText(words('verdict', 'received'));
  await scan(page, `${locale}DRIVEB2`);
  await scan(page, `${locale}DRIVEB2`);
  await expect(title).toHaveText(words('verdict', 'duplicate'));
  await scan(page, 'NOT-IN-ANY-JOB-55');
  await expect(title).toHaveText(words('verdict', 'extra'));
  await scan(page, 'x'.repeat(300));
  await expect(title).toHaveText(words('verdict', 'invalid'));
  await page.screenshot({ path: desk.screenshotPath(`receiving-${locale}-scanning`), fullPage: true });

  await page.keyboard.press('Control+Enter');
  await expect(title).toHaveText(words('verdict', 'closed'));
  // States in the language, with the code beside them.
  const missing = page.locator(`tr[data-serial="${locale.toUpperCase()}DRIVEC3"] [data-state="NeverReceived"]`);
  await expect(missing).toContainText(words('driveState', 'NeverReceived'));
  await expect(missing.locator('.state__code')).toHaveText('NeverReceived');
  await expect(page.locator(`tr[data-serial="${locale.toUpperCase()}DRIVEA1"] [data-state="Received"]`)).toContainText(words('driveState', 'Received'));
  await page.screenshot({ path: desk.screenshotPath(`receiving-${locale}-closed`), fullPage: true });
}

test('the receiving flow in Czech', async ({ page, desk }) => {
  await receiveInLanguage(page, desk, 'cs');
});

test('the receiving flow in Russian', async ({ page, desk }) => {
  await receiveInLanguage(page, desk, 'ru');
});

test('a scanner with a prefix and a Tab suffix, 2 ms a key, is read right; diagnostics show every key', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('job-scanner', 'TRK-SCANNER-1', ['SCNA1', 'SCNB2'])] } });
  await openDesk(page, desk);
  await page.getByRole('navigation').getByRole('button', { name: 'Scanner', exact: true }).click();
  await page.getByTestId('scanner-prefix').fill('#');
  await page.getByTestId('scanner-end-key').selectOption('Tab');
  await page.getByRole('button', { name: 'Save scanner setup' }).click();
  await expect(page.getByText('Scanner setup saved.')).toBeVisible();

  // Diagnostics: a scan with an AIM identifier and a GS1 separator, at scanner speed. The keys carry
  // their own time stamps 2 ms apart (typeAsScanner), so a loaded machine cannot make them a person's.
  await page.getByTestId('scanner-diagnostics').focus();
  // The GS1 group separator comes from a keyboard-wedge scanner as Ctrl+].
  await typeAsScanner(page, [...keysOf('#]C1SCN'), 'Control+]', ...keysOf('A1'), 'Tab']);
  const diagnosis = page.getByTestId('diagnosis').first();
  await expect(diagnosis.getByTestId('diagnosis-code')).toHaveText('SCNA1');
  await expect(diagnosis).toContainText('a drive serial SCNA1');
  await expect(diagnosis).toContainText('from a scanner');
  await expect(diagnosis).toContainText('AIM identifier: ]C1');
  await expect(diagnosis).toContainText('group separators removed: 1');
  // Every key with its timing: 10 characters and the Tab.
  await expect(diagnosis.getByTestId('diagnosis-key')).toHaveCount(11);
  await expect(diagnosis.getByTestId('diagnosis-key').last()).toContainText('<Tab>');
  // The same keys at a person's pace (80 ms a key, above the 35 ms threshold) are told apart.
  await typeAsScanner(page, [...keysOf('#SCNB2'), 'Tab'], 80);
  const byHand = page.getByTestId('diagnosis').first();
  await expect(byHand.getByTestId('diagnosis-code')).toHaveText('SCNB2');
  await expect(byHand).toContainText('typed by hand');
  await expect(byHand).not.toContainText('from a scanner');
  await page.screenshot({ path: desk.screenshotPath('scanner-diagnostics'), fullPage: true });

  // At the scan station, in the field and with the focus elsewhere.
  await page.getByRole('navigation').getByRole('button', { name: 'Scan station', exact: true }).click();
  await expect(page.getByTestId('scan-field')).toBeFocused();
  const title = page.getByTestId('verdict');
  const scanWithTab = async (code: string) => {
    await typeAsScanner(page, [...keysOf(`#${code}`), 'Tab']);
  };
  await scanWithTab('TRK-SCANNER-1');
  await expect(title).toHaveAttribute('data-verdict', 'matched');
  await scanWithTab('SCNA1');
  await expect(title).toHaveAttribute('data-verdict', 'received');
  await page.getByRole('button', { name: /Next package/ }).focus();
  await scanWithTab('SCNB2');
  // The banner already says "received" (SCNA1's): wait for SCNB2's own line.
  await expect(page.getByTestId('scan-log').locator('li').first()).toContainText('SCNB2');
  await expect(title).toHaveAttribute('data-verdict', 'received');
  const detail = await desk.api<{ scans: { serial: string; verdict: string; keyed: boolean }[] }>('packages.get', { packageId: 1 });
  // Both read as a scanner's (not keyed), in the scan field and with a button focused.
  expect(detail.scans.map((row) => [row.serial, row.verdict, row.keyed])).toEqual([
    ['SCNA1', 'received', false],
    ['SCNB2', 'received', false],
  ]);
});
