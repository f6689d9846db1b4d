import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { importJob } from './job-documents';
import { expect, openDesk, scan, test, type WebDesk } from './web-desk';

/** Serious and critical violations fail; moderate and minor are printed for the record. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);
/** axe walks the whole DOM of eight screens; on a loaded 2-core machine that takes minutes. */
const AXE_TEST_TIMEOUT_MS = 120_000;

async function expectNoSeriousViolations(page: Page, desk: WebDesk, screen: string): Promise<void> {
  const started = Date.now();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
  const minor = results.violations.filter((violation) => !FAILING_IMPACTS.has(violation.impact ?? ''));
  console.log(`axe ${screen}: ${Date.now() - started} ms, ${results.violations.length} violation kinds`);
  if (minor.length > 0) console.log(`axe ${screen}: ${minor.map((violation) => `${violation.id} (${violation.impact})`).join(', ')}`);
  expect(
    failing.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`),
    screen,
  ).toEqual([]);
  await page.screenshot({ path: desk.screenshotPath(`a11y-${screen}`), fullPage: true });
}

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
