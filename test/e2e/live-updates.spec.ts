import type { Page, Request } from '@playwright/test';
import { importJob } from './job-documents';
import { expect, scan, test } from './web-desk';

/** Longer than any polling interval the desk ever had (the sync bar asked every 5 s). */
const IDLE_WINDOW_MS = 7_000;

/** Every request the page makes from now on, with the moment it was made. */
function recordRequests(page: Page): { readonly requests: { url: string; at: number }[] } {
  const requests: { url: string; at: number }[] = [];
  page.on('request', (request: Request) => requests.push({ url: new URL(request.url()).pathname, at: Date.now() }));
  return { requests };
}

/** How many times the page loaded (a reload would show a second one). */
async function navigations(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByType('navigation').length + Number(sessionStorage.getItem('e2e-loads') ?? '0'));
}

test('a scan made through the API appears on the open screens without a reload and without polling', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('LIVE-JOB', 'TRK-LIVE-1', ['LIVEA1', 'LIVEB2', 'LIVEC3'])] } });
  const { requests } = recordRequests(page);
  await page.goto(desk.launchUrl);
  await expect(page.getByTestId('scan-field')).toBeFocused();
  // Count loads of the document: a reload would run this again and add one.
  await page.evaluate(() => sessionStorage.setItem('e2e-loads', String(Number(sessionStorage.getItem('e2e-loads') ?? '0') + 1)));
  const loadsBefore = await navigations(page);

  // The operator has the package open on the scan station.
  await scan(page, 'TRK-LIVE-1');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'matched');
  await expect(page.getByTestId('tally-received')).toHaveAttribute('data-count', '0');
  const { packageId } = await desk.api<{ packageId: number }>('packages.checkIn', { trackingNumber: 'TRK-LIVE-1' });

  // Idle: the page asks the desk for nothing on its own (the event stream stays open, one request).
  await page.waitForTimeout(1_000);
  const idleFrom = Date.now();
  await page.waitForTimeout(IDLE_WINDOW_MS);
  const idle = requests.filter((request) => request.at >= idleFrom);
  expect(idle, `requests while idle: ${idle.map((request) => request.url).join(', ')}`).toEqual([]);

  // Another client (a script over the API) scans a drive into the package open on this screen.
  await desk.api('scans.record', { packageId, code: 'LIVEB2' });
  await expect(page.getByTestId('tally-received')).toHaveAttribute('data-count', '1');
  await expect(page.locator('tr[data-serial="LIVEB2"] [data-state]')).toHaveAttribute('data-state', 'Received');
  // The sync bar's count of moves waiting for upstream moved with it.
  await expect(page.getByTestId('sync-bar')).toBeVisible();

  // The jobs list, open on the same page, follows the next scan the same way.
  await page.getByRole('button', { name: 'Jobs' }).click();
  const row = page.locator('tr[data-job="LIVE-JOB"]');
  await expect(row.locator('td').nth(4)).toHaveText('1');
  const before = requests.length;
  const scannedAt = Date.now();
  await desk.api('scans.record', { packageId, code: 'LIVEC3' });
  await expect(row.locator('td').nth(4)).toHaveText('2');
  // For the record (timing targets belong to npm run bench): from the script's call to the change on screen.
  const shownAt = await page.evaluate(() => {
    const marks = performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('desk:event-shown:'));
    const last = marks[marks.length - 1];
    return last === undefined ? null : performance.timeOrigin + last.startTime;
  });
  console.log(`a script's scan on the open jobs list after ${shownAt === null ? '?' : Math.round(shownAt - scannedAt)} ms`);
  // What the page fetched to show it: the screens' own queries, each once, after the event.
  const fetched = requests.slice(before).map((request) => request.url);
  expect(fetched.length).toBeGreaterThan(0);
  expect(fetched.every((url) => url.startsWith('/api/'))).toBe(true);

  expect(await navigations(page)).toBe(loadsBefore);
  // The mark the page sets once an announced change is on screen (docs/performance.md).
  const shownMarks = await page.evaluate(() => performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('desk:event-shown:')).length);
  expect(shownMarks).toBeGreaterThan(0);
  await page.screenshot({ path: desk.screenshotPath('live-update-jobs'), fullPage: true });
});

test('a scan made in another tab reaches the jobs list open in this one', async ({ browser, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('TAB-JOB', 'TRK-TAB-1', ['TABA1', 'TABB2'])] } });
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(desk.launchUrl);
  await first.getByRole('button', { name: 'Jobs' }).click();
  const row = first.locator('tr[data-job="TAB-JOB"]');
  await expect(row.locator('td').nth(4)).toHaveText('0');

  // The second tab is the operator scanning; the first only watches.
  const second = await context.newPage();
  await second.goto(desk.launchUrl);
  await expect(second.getByTestId('scan-field')).toBeFocused();
  await scan(second, 'TRK-TAB-1');
  await scan(second, 'TABA1');
  await expect(second.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
  await expect(row.locator('td').nth(4)).toHaveText('1');
  await context.close();
});
