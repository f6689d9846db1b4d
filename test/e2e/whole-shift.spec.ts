/**
 * A whole shift at the desk in one test, done as the operator does it: the public API's example job
 * documents imported as they are, three packages (one held, one with a drive missing, one with
 * another job's drive), a reload midway, a mistake made and undone, a drive faulted and resolved, a
 * drive looked up from the Reports screen, a label printed; then the report, the packages board and
 * Deadlines are checked against the database. The same shift runs in Czech and Russian, where no
 * English sentence may show on any screen it passes (test/e2e/screen-language.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import type { Page } from '@playwright/test';
import { FIXTURE_DIR } from '../helpers/fixtures';
import { RETURN_ADDRESS } from '../helpers/addresses';
import { importJob } from './job-documents';
import { englishSentences, screenTexts } from './screen-language';
import { countPrintDialogs, expect, openDesk, printDialogsOpened, scan, test, type WebDesk } from './web-desk';

/** A whole shift on a loaded 2-core machine: a few minutes. */
const SHIFT_TIMEOUT_MS = 300_000;
const LOCALES_DIR = path.resolve(__dirname, '..', '..', 'renderer', 'src', 'i18n', 'locales');

type Locale = 'en' | 'cs' | 'ru';

/** The locale's catalogue through i18next, as the screens say it (plurals and nesting included). */
async function wordsOf(locale: Locale): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: locale,
    resources: { [locale]: { translation: JSON.parse(readFileSync(path.join(LOCALES_DIR, `${locale}.json`), 'utf8')) as object } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance.t.bind(instance);
}

/** The 200 body of an example file, unchanged. */
function exampleBody(file: string): unknown {
  const example = JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as { responses: { '200': { body: unknown } } };
  return example.responses['200'].body;
}

function shiftJob(name: string, tracking: string, drives: string[]): Record<string, unknown> {
  const document = importJob(name, tracking, drives);
  Object.assign(document.properties as Record<string, unknown>, {
    returnAddress: RETURN_ADDRESS,
    returnShipping: { carrierName: 'FedEx', carrierAccountNumber: 'ACC-5566' },
    shippingInformation: { recipientName: 'Import/Export Service', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA' },
  });
  return document;
}

/** Everything the shift puts on screen as data: codes, names, addresses from the documents. */
const SHIFT_DATA = [
  'myJob', 'test-by1-ssd-2', 'job-shift-a', 'job-shift-b', 'job-shift-c', '9CA995BB', 'TRKMYJOB0001', '787895108176',
  'TRKSHIFTA', 'TRKSHIFTB', 'TRKSHIFTC', 'SHA001', 'SHA002', 'SHA003', 'SHA0O2', 'SHB001', 'SHB002', 'SHC001', 'SHC002',
  'Alice', 'FedEx', 'Contoso Data Team', '1 Harbour Road', 'Gothenburg', 'Sweden', 'Microsoft Azure Import/Export Service', 'Import/Export Service', 'USA',
  '2045 Lafayette Street', 'Santa Clara', 'Street1', 'street2', 'Redmond', 'GetJob.json', 'ListJobsInResourceGroup.json',
  'shift-jobs.json', 'return-label-job-shift-a.pdf',
];

async function noEnglish(page: Page, locale: Locale, where: string): Promise<void> {
  if (locale === 'en') return;
  const english = englishSentences(await screenTexts(page), SHIFT_DATA);
  expect(english, `${locale}, ${where}: English on screen`).toEqual([]);
}

interface DriveRow {
  readonly serial: string;
  readonly state: string;
}

async function shift(page: Page, desk: WebDesk, locale: Locale): Promise<void> {
  test.setTimeout(SHIFT_TIMEOUT_MS);
  const t = await wordsOf(locale);
  const shot = (name: string) => page.screenshot({ path: desk.screenshotPath(`shift-${locale}-${name}`), fullPage: true });
  const nav = (screen: string) => page.getByRole('navigation').getByRole('button', { name: t(`nav.${screen}`), exact: true }).click();
  const verdict = page.getByTestId('verdict');
  const drivesOf = async (jobId: string) => (await desk.api<{ drives: DriveRow[] }>('jobs.get', { jobId })).drives;
  const stateOf = async (jobId: string, serial: string) => (await drivesOf(jobId)).find((drive) => drive.serial === serial)?.state;

  await desk.api('operators.save', { name: 'Alice' });
  await desk.api('operators.signIn', { name: 'Alice' });
  await countPrintDialogs(page);
  await openDesk(page, desk);
  if (locale !== 'en') {
    await page.getByTestId('language-switch').selectOption(locale);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
  }

  // 1. The job documents: two example bodies as they are, and the day's own jobs.
  await nav('jobs');
  const importFile = page.getByTestId('import-file');
  const notice = page.getByTestId('import-notice');
  for (const file of ['GetJob.json', 'ListJobsInResourceGroup.json']) {
    await importFile.setInputFiles({ name: file, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exampleBody(file))) });
    await expect(notice).toHaveText(t('jobs.imported', { count: 1, file }));
  }
  const ownJobs = {
    value: [
      shiftJob('job-shift-a', 'TRK-SHIFT-A', ['SHA001', 'SHA002', 'SHA003']),
      shiftJob('job-shift-b', 'TRK-SHIFT-B', ['SHB001', 'SHB002']),
      shiftJob('job-shift-c', 'TRK-SHIFT-C', ['SHC001', 'SHC002']),
    ],
  };
  await importFile.setInputFiles({ name: 'shift-jobs.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ownJobs)) });
  await expect(notice).toHaveText(t('jobs.imported', { count: 3, file: 'shift-jobs.json' }));
  await expect(page.getByTestId('jobs-table').locator('tr[data-job]')).toHaveCount(5);
  await noEnglish(page, locale, 'jobs after import');
  await shot('1-imported');
  const imported = await desk.api<{ jobs: { id: string; state: string }[]; total: number }>('jobs.list', {});
  expect(imported.total).toBe(5);
  expect(imported.jobs.find((job) => job.id === 'myJob')?.state).toBe('Creating');

  // 2. A package no job names, with myJob's drive in it: held, and closed held.
  await nav('scan');
  await scan(page, 'TRK-MYJOB-0001');
  await expect(verdict).toHaveAttribute('data-verdict', 'unknown');
  await scan(page, '9CA995BB');
  await expect(verdict).toHaveAttribute('data-verdict', 'held');
  await noEnglish(page, locale, 'held package');
  await page.keyboard.press('Control+Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'closed');
  await shot('2-held-closed');
  await page.keyboard.press('Escape');
  expect(await stateOf('myJob', '9CA995BB')).toBe('Specified');

  // 3. Job A's package: a reload midway, a look-alike scanned by mistake and undone, one drive missing.
  await scan(page, 'TRK-SHIFT-A');
  await expect(verdict).toHaveAttribute('data-verdict', 'matched');
  await scan(page, 'SHA001');
  await expect(verdict).toHaveAttribute('data-verdict', 'received');
  await page.reload();
  const log = page.getByTestId('scan-log');
  await expect(page.getByTestId('package-heading')).toContainText('TRKSHIFTA');
  await expect(log.locator('li[data-verdict="received"]')).toHaveCount(1);
  await scan(page, 'SHA0O2');
  await expect(verdict).toHaveAttribute('data-verdict', 'extra');
  await noEnglish(page, locale, 'a mistaken extra');
  await page.getByRole('button', { name: t('scan.undoFor', { code: 'SHA0O2', verdict: t('verdict.extra') }) }).click();
  await expect(verdict).toHaveAttribute('data-verdict', 'undone');
  await scan(page, 'SHA002');
  await expect(verdict).toHaveAttribute('data-verdict', 'received');
  await page.keyboard.press('Control+Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'closed');
  await expect(page.locator('tr[data-serial="SHA003"] [data-state]')).toHaveAttribute('data-state', 'NeverReceived');
  await noEnglish(page, locale, 'job A closed');
  await shot('3-missing-drive');
  await page.keyboard.press('Escape');
  expect(await stateOf('job-shift-a', 'SHA003')).toBe('NeverReceived');
  expect((await drivesOf('job-shift-a')).find((drive) => drive.serial === 'SHA0O2')?.state ?? 'gone').not.toBe('Received');

  // 4. Job B's package, with job C's drive in it; a drive faulted and resolved.
  await scan(page, 'TRK-SHIFT-B');
  await scan(page, 'SHB001');
  await expect(verdict).toHaveAttribute('data-verdict', 'received');
  await scan(page, 'SHC001');
  await expect(verdict).toHaveAttribute('data-verdict', 'otherJob');
  await noEnglish(page, locale, "another job's drive");
  await scan(page, 'SHB002');
  await expect(verdict).toHaveAttribute('data-verdict', 'received');
  await page.getByRole('button', { name: t('fault.faultFor', { serial: 'SHB001' }) }).click();
  const dialog = page.getByTestId('drive-action-dialog');
  await dialog.getByRole('button', { name: t('fault.confirm') }).click();
  await expect(page.locator('tr[data-serial="SHB001"] [data-state]')).toHaveAttribute('data-state', 'Faulted');
  await noEnglish(page, locale, 'drive faulted');
  expect(await stateOf('job-shift-b', 'SHB001')).toBe('Faulted');
  await page.getByRole('button', { name: t('fault.resolveFor', { serial: 'SHB001' }) }).click();
  await page.getByTestId('drive-action-note').fill('OK');
  await dialog.getByRole('button', { name: t('fault.resolve') }).click();
  await expect(page.locator('tr[data-serial="SHB001"] [data-state]')).toHaveAttribute('data-state', 'Received');
  await page.keyboard.press('Control+Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'closed');
  await shot('4-other-job');
  await page.keyboard.press('Escape');
  expect(await stateOf('job-shift-c', 'SHC001')).toBe('Received');
  expect(await stateOf('job-shift-b', 'SHB001')).toBe('Received');

  // 5. The day's report, and a drive looked up from it by its serial.
  await nav('reports');
  await page.getByRole('button', { name: t('reports.show'), exact: true }).click();
  const rows = page.getByTestId('report-rows');
  await expect(rows.locator('tr[data-serial="SHC001"]')).toHaveAttribute('data-receipt', 'otherJob');
  await page.getByTestId('code-search').fill('SHC001');
  await page.getByTestId('code-search').press('Enter');
  const card = page.getByTestId('history-panel');
  await expect(card.getByTestId('drive-card')).toHaveAttribute('data-job', 'job-shift-c');
  await expect(card.getByTestId('drive-history')).toContainText('TRKSHIFTB');
  await noEnglish(page, locale, 'report and drive card');
  await shot('5-report-and-card');
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();

  // 6. Job A's return label, printed from the preview.
  await nav('jobs');
  await page.getByRole('button', { name: 'job-shift-a' }).click();
  const labels = page.getByTestId('labels-panel');
  await labels.getByRole('button', { name: t('labels.printReturn'), exact: true }).click();
  const preview = page.getByTestId('print-preview');
  await preview.getByRole('button', { name: t('print.print'), exact: true }).click();
  await expect(preview.getByTestId('print-preview-notice')).toHaveText(t('labels.printed', { kind: t('labels.kind.return') }));
  expect(await printDialogsOpened(page)).toBe(1);
  await noEnglish(page, locale, 'print preview');
  await shot('6-label');
  await preview.getByRole('button', { name: t('print.close'), exact: true }).click();
  await expect(labels.getByTestId('print-log').locator('tbody tr')).toHaveCount(1);
  await noEnglish(page, locale, 'job panel');
  const printLog = await desk.api<{ entries: { kind: string; outcome: string }[] }>('labels.printLog', { jobId: 'job-shift-a' });
  expect(printLog.entries).toEqual([expect.objectContaining({ kind: 'return', outcome: 'sentToDialog' })]);

  // 7. The report, the packages board and Deadlines agree with the database.
  await nav('reports');
  await page.getByRole('button', { name: t('reports.show'), exact: true }).click();
  const day = await page.getByTestId('report-day').inputValue();
  const report = await desk.api<{ rows: { serial: string; jobId: string; receipt: string; discrepancy: string; operator: string }[]; counts: Record<string, number> }>(
    'reports.daily',
    { day, utcOffsetMinutes: -new Date(`${day}T12:00:00`).getTimezoneOffset() },
  );
  expect(report.rows.find((row) => row.serial === 'SHA001')).toMatchObject({ jobId: 'job-shift-a', receipt: 'received', operator: 'Alice' });
  expect(report.rows.find((row) => row.serial === 'SHC001')).toMatchObject({ jobId: 'job-shift-c', receipt: 'otherJob' });
  expect(report.rows.find((row) => row.serial === 'SHA003')?.discrepancy).toContain('neverReceived');
  expect(report.rows.find((row) => row.serial === '9CA995BB')).toMatchObject({ jobId: 'myJob' });
  await expect(rows.locator('tbody tr')).toHaveCount(report.rows.length);
  for (const row of report.rows) {
    await expect(rows.locator(`tr[data-serial="${row.serial}"][data-receipt="${row.receipt}"][data-discrepancy="${row.discrepancy}"]`)).toHaveCount(1);
  }
  for (const [kind, count] of Object.entries(report.counts)) {
    const shown = page.getByTestId(`report-count-${kind}`);
    if ((await shown.count()) > 0) await expect(shown).toHaveText(String(count));
  }
  await noEnglish(page, locale, 'report');
  await shot('7-report');

  await nav('packages');
  const board = await desk.api<{ packages: { package: { trackingNumber: string; held: boolean } }[] }>('packages.list', {});
  expect(board.packages.map((row) => row.package.trackingNumber)).toEqual(['TRKMYJOB0001']);
  const boardRows = page.getByTestId('package-board').locator('tbody tr');
  await expect(boardRows).toHaveCount(board.packages.length);
  await expect(boardRows.first()).toHaveAttribute('data-tracking', 'TRKMYJOB0001');
  await expect(boardRows.first()).toHaveAttribute('data-held', 'true');
  await noEnglish(page, locale, 'packages board');
  await shot('7-board');

  await nav('deadlines');
  const deadlines = await desk.api<{ heldPackages: { trackingNumber: string; serials: string[] }[] }>('deadlines.list', {});
  expect(deadlines.heldPackages).toEqual([expect.objectContaining({ trackingNumber: 'TRKMYJOB0001', serials: ['9CA995BB'] })]);
  const held = page.getByTestId('held-packages').locator('tbody tr');
  await expect(held).toHaveCount(deadlines.heldPackages.length);
  await expect(held.first()).toHaveAttribute('data-tracking', 'TRKMYJOB0001');
  await expect(held.first()).toContainText('9CA995BB');
  await noEnglish(page, locale, 'deadlines');
  await shot('7-deadlines');
}

test('a whole shift: documents imported, three packages, a reload, a mistake undone, a fault resolved, a lookup, a label; the report, the board and Deadlines agree with the database', async ({ page, desk }) => {
  await shift(page, desk, 'en');
});

test('the whole shift in Czech, with no English sentence on screen', async ({ page, desk }) => {
  await shift(page, desk, 'cs');
});

test('the whole shift in Russian, with no English sentence on screen', async ({ page, desk }) => {
  await shift(page, desk, 'ru');
});
