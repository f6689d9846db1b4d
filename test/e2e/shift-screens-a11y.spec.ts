/**
 * axe over the screens and dialogs the shift at the desk added: the packages board (open and held
 * rows), the leave question, a drive action dialog, the print preview, the ship-back plan and the
 * choice of a location. Each is screenshotted (test/artifacts/screenshots/a11y-*.png) to be looked at.
 */
import type { Page } from '@playwright/test';
import { RETURN_ADDRESS } from '../helpers/addresses';
import { AXE_TEST_TIMEOUT_MS, expectNoSeriousViolations } from './axe-check';
import { importJob } from './job-documents';
import { countPrintDialogs, expect, openDesk, scan, test } from './web-desk';

test('axe finds no serious or critical violation on the packages board, the leave question, drive actions, print preview, ship-back plan and location choice', async ({ page, desk }) => {
  test.setTimeout(AXE_TEST_TIMEOUT_MS * 2);
  const labelled = importJob('a11y-shift', 'TRK-A11Y-SHIFT', ['SHIFTA1', 'SHIFTA2']);
  Object.assign(labelled.properties as Record<string, unknown>, {
    returnAddress: RETURN_ADDRESS,
    returnShipping: { carrierName: 'FedEx', carrierAccountNumber: 'ACC-9' },
    shippingInformation: { recipientName: 'Import/Export Service', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA' },
  });
  await desk.api('jobs.import', { document: { value: [labelled, importJob('a11y-held', 'TRK-A11Y-HELD', ['HELDA1'], { state: 'Creating' })] } });
  await countPrintDialogs(page);
  await openDesk(page, desk);

  // A held package, and an open one left with a drive missing.
  await scan(page, 'TRK-A11Y-HELD');
  await scan(page, 'HELDA1');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'held');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'closed');
  await page.keyboard.press('Escape');
  await scan(page, 'TRK-A11Y-SHIFT');
  await scan(page, 'SHIFTA1');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
  await page.getByRole('button', { name: 'Fault drive SHIFTA1' }).click();
  await expect(page.getByTestId('drive-action-dialog')).toBeVisible();
  await expectNoSeriousViolations(page, desk, 'drive-action-dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('drive-action-dialog')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('leave-dialog')).toBeVisible();
  await expectNoSeriousViolations(page, desk, 'leave-question');
  await page.getByTestId('leave-dialog').getByRole('button', { name: 'Keep it open and go on' }).click();

  await page.getByRole('navigation').getByRole('button', { name: 'Packages', exact: true }).click();
  const board = page.getByTestId('package-board');
  await expect(board.locator('tbody tr')).toHaveCount(2);
  await expect(board.getByRole('button', { name: 'Close package TRKA11YSHIFT' })).toBeVisible();
  await expectNoSeriousViolations(page, desk, 'packages-board');
  await board.getByRole('button', { name: 'Close package TRKA11YSHIFT' }).click();
  await expect(page.getByTestId('board-close')).toBeVisible();
  await expectNoSeriousViolations(page, desk, 'packages-board-close');
  await page.getByTestId('board-close').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('navigation').getByRole('button', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: 'a11y-shift' }).click();
  const labels = page.getByTestId('labels-panel');
  await labels.getByRole('button', { name: 'Print return label' }).click();
  await expect(page.getByTestId('print-preview-item')).toHaveCount(1);
  await expectNoSeriousViolations(page, desk, 'print-preview');
  await page.getByTestId('print-preview').getByRole('button', { name: 'Close all' }).click();
  await labels.getByTestId('ship-carrier').fill('FedEx');
  await labels.getByTestId('ship-tracking').fill('7961 0000 0001');
  await labels.getByRole('button', { name: 'Mark drives shipped back' }).click();
  await expect(page.getByTestId('ship-back-plan')).toBeVisible();
  await expectNoSeriousViolations(page, desk, 'ship-back-plan');
  await page.getByTestId('ship-back-plan').getByRole('button', { name: 'Cancel' }).click();

  const location = (name: string) => ({
    id: `/providers/Microsoft.ImportExport/locations/${name.replace(' ', '').toLowerCase()}`,
    name,
    type: 'Microsoft.ImportExport/locations',
    properties: { recipientName: 'Import/Export Service', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA' },
  });
  await page.getByTestId('import-file').setInputFiles({ name: 'locations.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ value: [location('West US'), location('East US')] })) });
  await expect(page.getByTestId('location-choice')).toBeVisible();
  await expectNoSeriousViolations(page, desk, 'location-choice');
});

/** Buttons in table rows and list items, by the name a screen reader says (aria-labelledby, aria-label, text). */
async function rowActionNames(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('main tr button, main li button, aside tr button, aside li button'))
      .filter((button) => (button as HTMLElement).checkVisibility())
      .map((button) => {
        const labelledBy = button.getAttribute('aria-labelledby');
        if (labelledBy !== null) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ');
        return button.getAttribute('aria-label') ?? button.textContent?.trim() ?? '';
      }),
  );
}

test('every Undo and every row action names its scan, drive, package, job or person: no two on a screen sound alike', async ({ page, desk }) => {
  test.setTimeout(AXE_TEST_TIMEOUT_MS);
  await desk.api('jobs.import', {
    document: { value: [importJob('names-a', 'TRK-NAMES-A', ['NAMEA1', 'NAMEA2', 'NAMEA3']), importJob('names-held', 'TRK-NAMES-H', ['NAMEH1'], { state: 'Creating' })] },
  });
  await desk.api('operators.save', { name: 'Alice' });
  await desk.api('operators.save', { name: 'Bob' });
  await desk.api('operators.signIn', { name: 'Alice' });
  await openDesk(page, desk);
  const checked: string[] = [];
  async function expectDistinct(where: string, atLeast: number): Promise<void> {
    const names = await rowActionNames(page);
    expect(names.length, `${where}: row actions`).toBeGreaterThanOrEqual(atLeast);
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    expect(repeated, `${where}: row actions that sound alike`).toEqual([]);
    checked.push(where);
  }
  await scan(page, 'TRK-NAMES-H');
  await scan(page, 'NAMEH1');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'closed');
  await page.keyboard.press('Escape');
  await scan(page, 'TRK-NAMES-A');
  for (const serial of ['NAMEA1', 'NAMEA2', 'NAMEA1', 'EXTRANAME9']) await scan(page, serial);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'extra');
  // Undo on four scans, History and Fault on four drives, Remove on the extra one.
  await expectDistinct('scan station', 12);
  await page.keyboard.press('Escape');
  await page.getByTestId('leave-dialog').getByRole('button', { name: 'Keep it open and go on' }).click();
  for (const [screen, atLeast] of [['jobs', 2], ['packages', 4], ['deadlines', 0], ['reports', 3], ['settings', 2]] as const) {
    await page.getByRole('navigation').locator(`button[data-screen="${screen}"]`).click();
    if (screen === 'jobs') {
      await page.getByRole('button', { name: 'names-a' }).click();
      await expect(page.getByTestId('job-panel')).toBeVisible();
    }
    if (screen === 'reports') {
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await expect(page.getByTestId('report-rows')).toBeVisible();
    }
    // Each screen's rows load after it shows: wait for them before reading their buttons.
    if (screen === 'packages') await expect(page.getByTestId('package-board').locator('tbody tr')).toHaveCount(2);
    if (screen === 'deadlines') await expect(page.getByTestId('held-packages').locator('tbody tr')).toHaveCount(1);
    if (screen === 'settings') await expect(page.getByTestId('operators')).toContainText('Bob');
    await expectDistinct(screen, atLeast);
  }
  expect(checked).toHaveLength(6);
});
