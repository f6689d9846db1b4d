/**
 * axe over the screens and dialogs the shift at the desk added: the packages board (open and held
 * rows), the leave question, a drive action dialog, the print preview, the ship-back plan and the
 * choice of a location. Each is screenshotted (test/artifacts/screenshots/a11y-*.png) to be looked at.
 */
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
