import { AXE_TEST_TIMEOUT_MS, expectNoSeriousViolations } from './axe-check';
import { importJob } from './job-documents';
import { expect, openDesk, scan, test } from './web-desk';

test('axe finds no serious or critical violation on the main screens', async ({ page, desk }) => {
  test.setTimeout(AXE_TEST_TIMEOUT_MS);
  await desk.api('jobs.import', { document: { value: [importJob('a11y-job', 'TRK-A11Y', ['A11YA1', 'A11YB2'])] } });
  await openDesk(page, desk);
  await scan(page, 'TRK-A11Y');
  await scan(page, 'A11YA1');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
  await expectNoSeriousViolations(page, desk, 'scan-station');

  await page.getByRole('button', { name: 'History of A11YA1' }).click();
  await expect(page.getByTestId('history-panel')).toBeVisible();
  await expectNoSeriousViolations(page, desk, 'drive-view');
  await page.getByTestId('history-panel').getByRole('button', { name: 'Close' }).click();

  for (const [nav, screen] of [
    ['Jobs', 'jobs-list'],
    ['Deadlines', 'deadlines'],
    ['Reports', 'reports'],
    ['Sync', 'sync'],
    ['Scanner', 'scanner'],
    ['Settings', 'settings'],
  ] as const) {
    await page.getByRole('navigation').getByRole('button', { name: nav, exact: true }).click();
    if (screen === 'jobs-list') {
      await page.getByRole('button', { name: 'a11y-job' }).click();
      await expect(page.getByTestId('labels-panel')).toBeVisible();
    }
    if (screen === 'settings') {
      await page.getByTestId('backup-now').click();
      await expect(page.getByTestId('backups').locator('tbody tr')).toHaveCount(1);
      await expect(page.getByTestId('restore-command')).toContainText('npm run restore -- --data');
    }
    if (screen === 'reports') {
      await page.getByRole('button', { name: 'Show' }).click();
      await expect(page.getByTestId('report')).toBeVisible();
    }
    await expectNoSeriousViolations(page, desk, screen);
  }
});
