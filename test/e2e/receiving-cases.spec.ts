import type { Page } from '@playwright/test';
import { importJob } from './job-documents';
import { expect, openDesk, scan, test } from './web-desk';

const verdict = (page: Page) => page.getByTestId('verdict');

test('a NeverReceived drive is recovered from a later package of another job, and a drive of another job is received for its own job', async ({ page, desk }) => {
  await desk.api('jobs.import', {
    document: {
      value: [
        importJob('job-alpha', 'TRK-ALPHA', ['ALPHA1', 'ALPHA2']),
        importJob('job-beta', 'TRK-BETA', ['BETA1']),
        importJob('job-gamma', 'TRK-GAMMA', ['GAMMA1']),
      ],
    },
  });
  await openDesk(page, desk);
  await scan(page, 'TRK-ALPHA');
  await scan(page, 'ALPHA1');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'received');
  await page.keyboard.press('Control+Enter');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'closed');
  await expect(page.locator('tr[data-serial="ALPHA2"] [data-state]')).toHaveAttribute('data-state', 'NeverReceived');
  await page.keyboard.press('Escape');

  await scan(page, 'TRK-BETA');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'matched');
  await scan(page, 'alpha2');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'recovered');
  await expect(verdict(page)).toContainText('job-alpha');
  await page.screenshot({ path: desk.screenshotPath('case-recovered'), fullPage: true });

  await scan(page, 'GAMMA1');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'otherJob');
  await expect(verdict(page)).toContainText('job-gamma');
  await page.screenshot({ path: desk.screenshotPath('case-other-job'), fullPage: true });

  const alpha = await desk.api<{ drives: { serial: string; state: string }[] }>('jobs.get', { jobId: 'job-alpha' });
  expect(alpha.drives.find((drive) => drive.serial === 'ALPHA2')?.state).toBe('Received');
  const gamma = await desk.api<{ drives: { serial: string; state: string }[] }>('jobs.get', { jobId: 'job-gamma' });
  expect(gamma.drives[0]?.state).toBe('Received');
});

test("an export job's drives are registered up to the declared count; a Creating job's package is held", async ({ page, desk }) => {
  await desk.api('jobs.import', {
    document: {
      value: [
        importJob('job-export', 'TRK-EXPORT', [], { jobType: 'Export', driveCount: 2 }),
        importJob('job-creating', 'TRK-CREATING', ['CREATE1'], { state: 'Creating' }),
      ],
    },
  });
  await openDesk(page, desk);
  await scan(page, 'TRK-EXPORT');
  await scan(page, 'EXP-ONE');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'registered');
  await scan(page, 'EXP-TWO');
  await expect(page.getByTestId('tally-registered')).toHaveAttribute('data-count', '2');
  await scan(page, 'EXP-THREE');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'extra');
  await page.screenshot({ path: desk.screenshotPath('case-export-registered'), fullPage: true });
  await page.keyboard.press('Escape');

  await scan(page, 'TRK-CREATING');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'notShipping');
  await scan(page, 'CREATE1');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'held');
  await expect(page.getByTestId('tally-held')).toHaveAttribute('data-count', '1');
  await page.screenshot({ path: desk.screenshotPath('case-held'), fullPage: true });
  const creating = await desk.api<{ drives: { state: string }[] }>('jobs.get', { jobId: 'job-creating' });
  expect(creating.drives[0]?.state).toBe('Specified');
});

test('a drive is faulted with a reason and then resolved, by keyboard', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: importJob('job-fault', 'TRK-FAULT', ['FAULTY1', 'FINE2']) });
  await openDesk(page, desk);
  await scan(page, 'TRK-FAULT');
  await scan(page, 'FAULTY1');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'received');

  await page.getByTestId('drive-action-FAULTY1').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('drive-action-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('select')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Casing cracked in transit');
  await page.screenshot({ path: desk.screenshotPath('fault-dialog'), fullPage: true });
  await page.keyboard.press('Control+Enter'); // not a submit key: nothing happens
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('tr[data-serial="FAULTY1"] [data-state]')).toHaveAttribute('data-state', 'Faulted');

  await page.getByTestId('drive-action-FAULTY1').focus();
  await page.keyboard.press('Enter');
  await expect(dialog.locator('select')).toBeFocused();
  await expect(dialog.locator('select')).toHaveValue('Received');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Customer confirmed the data is intact');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('tr[data-serial="FAULTY1"] [data-state]')).toHaveAttribute('data-state', 'Received');

  const history = await desk.api<{ transitions: { from: string; to: string; reason: string | null; note: string | null }[] }>('drives.history', {
    driveId: 'FAULTY1',
  });
  expect(history.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['Specified>Received', 'Received>Faulted', 'Faulted>Received']);
  expect(history.transitions[1]).toMatchObject({ reason: 'damagedInShipment', note: 'Casing cracked in transit' });
  expect(history.transitions[2]?.note).toBe('Customer confirmed the data is intact');
});

test('the deadlines view at a fixed date shows what to return, destroy and chase', async ({ page, desk }) => {
  await desk.api('jobs.import', {
    document: { value: [importJob('job-late', 'TRK-LATE', ['LATE1'], { shipDate: '1/5/2026 9:00:00 AM' })] },
  });
  const held = await desk.api<{ packageId: number; package: { checkedInAt: string } }>('packages.checkIn', { trackingNumber: 'NO-SUCH-JOB-1' });
  await desk.api('scans.record', { packageId: held.packageId, code: 'ORPHAN1' });
  await openDesk(page, desk);
  await page.getByRole('button', { name: 'Deadlines' }).click();

  // 100 days after the held package arrived: past return (14) and destroy (90).
  const heldSince = new Date(held.package.checkedInAt);
  const later = new Date(heldSince.getTime() + 100 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const asOf = page.getByTestId('deadlines-as-of');
  await asOf.fill(later);
  await expect(page.locator('tr[data-tracking="NOSUCHJOB1"]')).toHaveAttribute('data-stage', 'destroy');
  await expect(page.locator('tr[data-tracking="NOSUCHJOB1"]')).toContainText('ORPHAN1');

  await asOf.fill('2026-01-25');
  await expect(page.locator('tr[data-job="job-late"]')).toHaveAttribute('data-stage', 'overdue');
  await asOf.fill('2026-02-10');
  await expect(page.locator('tr[data-job="job-late"]')).toHaveAttribute('data-stage', 'dueForClosed');
  await page.screenshot({ path: desk.screenshotPath('deadlines'), fullPage: true });
});

/**
 * Each scan's keys go to the browser in one round trip, but on a 2-core machine shared with other
 * test runs the page may take minutes to work through 200 queued scans: wait for the outcome, not
 * for a time.
 */
const BURST_TEST_TIMEOUT_MS = 300_000;
const BURST_SETTLE_TIMEOUT_MS = 150_000;

test('200 scans at 2 ms a key while a button has the focus: all recorded, in order, none merged or split', async ({ page, desk }) => {
  test.setTimeout(BURST_TEST_TIMEOUT_MS);
  const listed = Array.from({ length: 50 }, (_, index) => `BURST${String(index).padStart(3, '0')}`);
  await desk.api('jobs.import', { document: importJob('job-burst', 'TRK-BURST', listed) });
  await openDesk(page, desk);
  await scan(page, 'TRK-BURST');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'matched');

  // The focus leaves the scan field for another control: the scanner must still be read.
  await page.getByRole('button', { name: /Next package/ }).focus();
  const codes = Array.from({ length: 200 }, (_, index) => `BURST${String(index).padStart(3, '0')}`);
  for (const code of codes) await scan(page, code);
  await expect(page.getByTestId('tally-extra')).toHaveAttribute('data-count', '150', { timeout: BURST_SETTLE_TIMEOUT_MS });
  await expect(page.getByTestId('tally-received')).toHaveAttribute('data-count', '50');
  await expect(page.getByRole('button', { name: /Next package/ })).toBeFocused();

  const pkg = await desk.api<{ package: { id: number } }>('packages.checkIn', { trackingNumber: 'TRK-BURST' });
  const detail = await desk.api<{ scans: { serial: string }[] }>('packages.get', { packageId: pkg.package.id });
  expect(detail.scans.map((item) => item.serial)).toEqual(codes);
  await page.screenshot({ path: desk.screenshotPath('burst-200'), fullPage: true });
});
