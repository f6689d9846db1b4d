/**
 * A new desk starts on demo data and says so, with the tracking numbers to try; Settings names the
 * desk and removes the demo set (demo.remove), keeping a demo job that has work recorded on it.
 */
import { test as base } from '@playwright/test';
import { DEMO_DOCUMENT } from '../../shared/domain/demo-jobs';
import { expectNoSeriousViolations } from './axe-check';
import { expect, scan, startWebDesk, type WebDesk } from './web-desk';

const test = base.extend<{ desk: WebDesk }>({
  // eslint-disable-next-line no-empty-pattern
  desk: async ({}, use) => {
    const { desk, stop } = await startWebDesk({ demo: true });
    await use(desk);
    await stop();
  },
});

/** axe over three states of two screens on a loaded machine. */
const DEMO_TEST_TIMEOUT_MS = 240_000;

test('a new desk says it is on demo data and what to scan; Settings names the desk and removes the demo set', async ({ page, desk }) => {
  test.setTimeout(DEMO_TEST_TIMEOUT_MS);
  const demoTracking = DEMO_DOCUMENT.value.map((job) => (job.properties as { deliveryPackage: { trackingNumber: string } }).deliveryPackage.trackingNumber);
  await page.goto(desk.launchUrl);
  const notice = page.getByTestId('demo-notice');
  await expect(notice).toContainText('This desk is on demo data.');
  for (const tracking of demoTracking) await expect(notice).toContainText(tracking);
  await expectNoSeriousViolations(page, desk, 'demo-notice');

  // One of them, tried: work recorded on that demo job.
  await scan(page, demoTracking[0] ?? '');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'matched');
  await expect(notice).toBeHidden();
  await page.keyboard.press('Escape');
  if (await page.getByTestId('leave-dialog').isVisible()) await page.getByTestId('leave-dialog').getByRole('button', { name: 'Keep it open and go on' }).click();

  await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
  const setup = page.getByTestId('desk-setup');
  await setup.getByTestId('desk-name-field').fill('Dock 3 receiving');
  await setup.getByRole('button', { name: 'Save the desk name' }).click();
  await expect(page.getByTestId('desk-name')).toHaveText('Dock 3 receiving');
  await expect(setup.getByTestId('demo-set')).toContainText(`Demo jobs still at this desk, made on its first start: ${DEMO_DOCUMENT.value.length}`);
  await setup.getByTestId('demo-remove').click();
  const confirm = page.getByTestId('demo-remove-confirm');
  await expect(confirm).toContainText(`The demo jobs (${DEMO_DOCUMENT.value.length}) leave this desk.`);
  await expectNoSeriousViolations(page, desk, 'demo-remove-confirm');
  await confirm.getByTestId('demo-remove-confirm-confirm').click();
  await expect(confirm).toBeHidden();
  const kept = String(DEMO_DOCUMENT.value[0]?.name);
  await expect(setup.getByTestId('desk-setup-notice')).toHaveText(
    `Demo jobs removed: ${DEMO_DOCUMENT.value.length - 1}. Kept, because work was recorded on them: ${kept}.`,
  );
  await expectNoSeriousViolations(page, desk, 'settings-desk-and-demo');

  // The database: the name, and only the demo job with work on it.
  const settings = await desk.api<{ deskName: string; demoJobs: { jobId: string }[] }>('settings.get', {});
  expect(settings.deskName).toBe('Dock 3 receiving');
  expect(settings.demoJobs.map((job) => job.jobId)).toEqual([kept]);
  const jobs = await desk.api<{ jobs: { id: string }[] }>('jobs.list', {});
  expect(jobs.jobs.map((job) => job.id)).toEqual([kept]);
});
