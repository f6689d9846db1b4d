import { importJob } from './job-documents';
import { expect, scan, test } from './web-desk';

function jobDocument(name: string, trackingNumber: string, drives: string[]) {
  return importJob(name, trackingNumber, drives);
}
test('an operator receives a package by keyboard and scanner only', async ({ page, desk }) => {
  await desk.api('jobs.import', {
    document: { value: [jobDocument('e2e-job', 'TRK-E2E-0001', ['E2EDRIVEA1', 'E2EDRIVEB2', 'E2EDRIVEC3', 'E2EDRIVED4'])] },
  });
  await page.goto(desk.launchUrl);
  const field = page.getByTestId('scan-field');
  await expect(field).toBeFocused();
  // The token leaves the address bar once the page has it.
  expect(page.url()).not.toContain('token=');

  await scan(page, 'TRK-E2E-0001');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'matched');
  await expect(page.getByRole('heading', { name: 'Package TRKE2E0001' })).toBeVisible();

  await scan(page, 'e2e-drive-a1'); // lower case and dashes still match E2EDRIVEA1
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
  await scan(page, 'E2EDRIVEB2');
  await scan(page, 'E2EDRIVEC3');
  await scan(page, 'E2EDRIVEB2');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'duplicate');
  await scan(page, 'NOT-IN-ANY-JOB-77');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'extra');
  await expect(field).toBeFocused();
  await page.screenshot({ path: desk.screenshotPath('scan-station-scanning'), fullPage: true });

  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'closed');

  await expect(page.getByTestId('tally-received')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('tally-duplicate')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('tally-extra')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('tally-neverReceived')).toHaveAttribute('data-count', '1');
  await expect(page.locator('tr[data-serial="E2EDRIVED4"] [data-state]')).toHaveAttribute('data-state', 'NeverReceived');
  await page.screenshot({ path: desk.screenshotPath('scan-station-closed'), fullPage: true });

  const history = await desk.api<{ transitions: { from: string | null; to: string }[] }>('drives.history', { driveId: 'E2EDRIVED4' });
  expect(history.transitions.map((t) => `${t.from} → ${t.to}`)).toEqual(['Specified → NeverReceived']);

  // The same history on screen, reached by keyboard: Tab to the drive's History button.
  const historyButton = page.getByRole('button', { name: 'History of E2EDRIVED4' });
  await historyButton.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('history-panel');
  await expect(panel.locator('li[data-from="Specified"][data-to="NeverReceived"]')).toBeVisible();
  await page.screenshot({ path: desk.screenshotPath('drive-history'), fullPage: true });
});

test('the jobs list shows imported jobs with their drive counts', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [jobDocument('listed-job', 'TRK-LIST-1', ['LISTA1', 'LISTB2'])] } });
  await page.goto(desk.launchUrl);
  await page.getByRole('button', { name: 'Jobs' }).click();
  const row = page.locator('tr[data-job="listed-job"]');
  await expect(row).toBeVisible();
  await expect(row.locator('td').nth(3)).toHaveText('2');
  await page.screenshot({ path: desk.screenshotPath('jobs-list'), fullPage: true });
});

test('the jobs list shows one page of 100 at a time, however many jobs the site has', async ({ page, desk }) => {
  const documents = Array.from({ length: 150 }, (_, index) => jobDocument(`page-job-${String(index).padStart(3, '0')}`, `TRK-PAGE-${index}`, [`PAGE${index}A`]));
  await desk.api('jobs.import', { document: { value: documents } });
  await page.goto(desk.launchUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Jobs', exact: true }).click();
  const rows = page.locator('[data-testid="jobs-table"] tbody tr');
  await expect(rows).toHaveCount(100);
  await expect(page.getByText('1–100 of 150 jobs')).toBeVisible();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(rows).toHaveCount(50);
  await expect(page.getByText('101–150 of 150 jobs')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();
});
