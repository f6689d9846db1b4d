import { createHash } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { importJob } from './job-documents';
import { expect, openDesk, scan, test } from './web-desk';

/**
 * Damage at the dock with Chromium's fake camera (a generated test picture, the permission prompt
 * answered yes): a box marked damaged at check-in and photographed through getUserMedia; the photo
 * is kept (its hash checked), shown in the drive card and listed in the day's report.
 */
test.use({
  launchOptions: {
    // Debian's Chromium, as playwright.config.ts says; this project adds the fake camera to its flags.
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  },
});

/** Check-in, camera, drive card, report and axe on each, on a loaded machine. */
const CAMERA_TEST_TIMEOUT_MS = 120_000;
const FAILING_IMPACTS = new Set(['serious', 'critical']);

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
  expect(failing.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`), what).toEqual([]);
}

/** An image that the browser decoded: a broken or empty one has no natural width. */
async function decodedWidth(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((image) => (image as HTMLImageElement).naturalWidth);
}

test('a damaged box photographed at check-in with the camera: the photo is kept, in the drive card and in the day report', async ({ page, desk }) => {
  test.setTimeout(CAMERA_TEST_TIMEOUT_MS);
  await desk.api('jobs.import', { document: importJob('dock-job', 'TRK-DOCK-1', ['DOCK01', 'DOCK02']) });
  await openDesk(page, desk);
  await scan(page, 'TRK-DOCK-1');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'matched');

  await page.getByTestId('mark-damaged').click();
  const dialog = page.getByTestId('damage-dialog');
  await expect(dialog).toBeVisible();
  // The fake camera's picture is live once the video has a size.
  await expect(page.getByTestId('camera-take')).toBeEnabled();
  await expect.poll(() => page.getByTestId('camera-video').evaluate((video) => (video as HTMLVideoElement).videoWidth)).toBeGreaterThan(0);
  await page.getByTestId('camera-take').click();
  await expect(dialog.getByTestId('package-photo')).toHaveCount(1);
  await expect.poll(() => decodedWidth(page, '[data-testid="damage-dialog"] [data-testid="package-photo"] img')).toBeGreaterThan(0);
  await page.getByTestId('damage-note').fill('Corner crushed, tape torn open');
  await expectNoSeriousViolations(page, 'damage dialog');
  await page.screenshot({ path: desk.screenshotPath('dock-camera-damage-dialog'), fullPage: true });
  await page.getByTestId('damage-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('package-damaged')).toContainText('Corner crushed, tape torn open');

  // The photo as the desk keeps it: a JPEG whose recorded hash is its bytes'.
  const history = await desk.api<{ package: { id: number; damaged: boolean }; photos: { id: number; sha256: string; contentType: string }[] }>('packages.history', {
    packageId: (await desk.api<{ packages: { package: { id: number; trackingNumber: string } }[] }>('packages.list', {})).packages.find((row) => row.package.trackingNumber === 'TRKDOCK1')?.package.id,
  });
  expect(history.package.damaged).toBe(true);
  expect(history.photos).toHaveLength(1);
  const photo = await desk.api<{ data: string; photo: { sha256: string; contentType: string } }>('packages.photo', { photoId: history.photos[0]?.id });
  expect(photo.photo.contentType).toBe('image/jpeg');
  const bytes = Buffer.from(photo.data, 'base64');
  expect(bytes.subarray(0, 3).toString('hex')).toBe('ffd8ff');
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(photo.photo.sha256);

  // A drive of that box: its card shows the damage and the photo.
  await scan(page, 'DOCK01');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
  await page.getByRole('button', { name: 'History of DOCK01' }).click();
  const panel = page.getByTestId('history-panel');
  await expect(panel.getByTestId('drive-damage')).toContainText('Corner crushed, tape torn open');
  await expect(panel.getByTestId('package-photo')).toHaveAttribute('data-sha256', photo.photo.sha256);
  await expect.poll(() => decodedWidth(page, '[data-testid="history-panel"] [data-testid="package-photo"] img')).toBeGreaterThan(0);
  await expectNoSeriousViolations(page, 'drive card with photo');
  await page.screenshot({ path: desk.screenshotPath('dock-camera-drive-card'), fullPage: true });
  await panel.getByRole('button', { name: 'Close' }).click();

  // The day's report lists the damaged box with its photo.
  await page.getByRole('navigation').getByRole('button', { name: 'Reports', exact: true }).click();
  await page.getByRole('button', { name: 'Show' }).click();
  const damaged = page.getByTestId('report-damaged');
  await expect(damaged.locator('li[data-tracking="TRKDOCK1"]')).toContainText('Corner crushed, tape torn open');
  await expect(damaged.getByTestId('package-photo')).toHaveAttribute('data-sha256', photo.photo.sha256);
  await expect.poll(() => decodedWidth(page, '[data-testid="report-damaged"] [data-testid="package-photo"] img')).toBeGreaterThan(0);
  await expectNoSeriousViolations(page, 'report with damaged box');
  await page.screenshot({ path: desk.screenshotPath('dock-camera-report'), fullPage: true });
});
