import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { openTestHub, type TestHub } from '../helpers/hub';
import { BOARD_PASSWORD, createBoardAccount, sendReport, statusReport } from '../helpers/board';
import { importJob } from './job-documents';
import { expect, test as deskTest, type WebDesk } from './web-desk';

/**
 * The site board (docs/site-board.md) in Chromium: its page served by a real hub on the
 * real PostgreSQL (a fresh database per test), a real desk (web mode, its own process) syncing to
 * it. Sign-in, a wrong password, the site's desks, held packages and Needs attention, a live update
 * when the desk scans, and a cross-site form post refused. axe: no serious or critical violation.
 */
const BUILT_RENDERER = path.resolve(__dirname, '..', '..', 'dist', 'renderer');
const FAILING_IMPACTS = new Set(['serious', 'critical']);
const AXE_TEST_TIMEOUT_MS = 180_000;

const test = deskTest.extend<{ hub: TestHub }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  hub: async ({}, use, testInfo) => {
    const hub = await openTestHub(`board-e2e-${testInfo.workerIndex}`, { boardDir: BUILT_RENDERER });
    await use(hub);
    await hub.close();
  },
});

async function expectNoSeriousViolations(page: Page, screen: string, desk: WebDesk): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
  const minor = results.violations.filter((violation) => !FAILING_IMPACTS.has(violation.impact ?? ''));
  if (minor.length > 0) console.log(`axe ${screen}: ${minor.map((violation) => `${violation.id} (${violation.impact})`).join(', ')}`);
  expect(failing.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`), screen).toEqual([]);
  await page.screenshot({ path: desk.screenshotPath(`board-${screen}`), fullPage: true });
}

/** Enrolls the web-mode desk at the hub with a one-use code, as a site's desk joins it. */
async function connect(hub: TestHub, desk: WebDesk, name: string): Promise<void> {
  await desk.api('settings.set', { deskName: name, operator: 'alice' });
  const { enrollmentCode } = await hub.createDesk(name);
  await desk.api('sync.enroll', { upstreamUrl: hub.url, enrollmentCode });
}

async function signIn(page: Page, hub: TestHub, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a supervisor signs in, sees the site at a glance, and the board follows a desk live', async ({ page, desk, hub }) => {
  test.setTimeout(AXE_TEST_TIMEOUT_MS);
  await createBoardAccount(hub, 'maria', BOARD_PASSWORD, 'Maria López');
  await hub.putJob(importJob('job-north', 'TRK-NORTH', ['NORTH1', 'NORTH2', 'NORTH3']));
  await hub.putJob(importJob('job-fault', 'TRK-FAULT', ['FAULT1']));
  // Shipping since 20 days, with no package anywhere: overdue.
  await hub.putJob(importJob('job-late', 'TRK-LATE', ['LATE1'], { shipDate: new Date(Date.now() - 20 * 86_400_000).toISOString() }));
  await hub.createDesk('Dock 9 (new)');
  await connect(hub, desk, 'Dock 1');
  await desk.api('sync.run', {});

  // Work at the desk: a package being received, a held one, and a move the hub will refuse.
  const north = await desk.api<{ packageId: number }>('packages.checkIn', { trackingNumber: 'TRK-NORTH' });
  await desk.api('scans.record', { packageId: north.packageId, code: 'NORTH1' });
  const held = await desk.api<{ packageId: number; verdict: string }>('packages.checkIn', { trackingNumber: 'TRK-NOBODY-77' });
  expect(held.verdict).toBe('unknown');
  await desk.api('scans.record', { packageId: held.packageId, code: 'HELD-9' });
  const fault = await desk.api<{ packageId: number }>('packages.checkIn', { trackingNumber: 'TRK-FAULT' });
  await desk.api('scans.record', { packageId: fault.packageId, code: 'FAULT1' });
  await desk.api('packages.close', { packageId: fault.packageId });
  await desk.api('sync.run', {});
  await hub.admin('POST', 'jobs/job-fault/drives/FAULT1/state', { state: 'ShippedBack' });
  await desk.api('drives.transition', { jobId: 'job-fault', driveId: 'FAULT1', to: 'Faulted', reason: 'damagedInShipment' });
  await desk.api('sync.run', {});

  // Sign-in: a wrong password is refused in words; the right one opens the board.
  await page.goto(`${hub.url}/board/`);
  await expect(page.getByRole('heading', { name: 'Sign in to the site board' })).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-in', desk);
  await signIn(page, hub, 'maria', 'not her password');
  await expect(page.getByTestId('sign-in-problem')).toHaveText('The user name or the password is wrong.');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await page.screenshot({ path: desk.screenshotPath('board-sign-in-wrong') });
  await signIn(page, hub, 'Maria', BOARD_PASSWORD);
  await expect(page.getByTestId('board-account')).toHaveText('Maria López');
  await expect(page.getByTestId('board-live')).toContainText('Live');

  // Desks: the desk that syncs needs attention (one rejected move); the new one waits for its code.
  const desks = page.getByTestId('board-desks');
  await expect(desks.locator('tr[data-desk="Dock 1"]')).toHaveAttribute('data-health', 'attention');
  await expect(desks.locator('tr[data-desk="Dock 1"]')).toContainText('Needs attention');
  await expect(desks.locator('tr[data-desk="Dock 9 (new)"]')).toContainText('Waiting for enrollment');
  // Held package first, with its deadlines; then the package being received.
  const packages = page.getByTestId('board-packages');
  await expect(packages.locator('tbody tr')).toHaveCount(2);
  await expect(packages.locator('tbody tr').first()).toHaveAttribute('data-tracking', 'TRKNOBODY77');
  await expect(packages.locator('tr[data-tracking="TRKNOBODY77"]')).toContainText('Contact the customer');
  await expect(packages.locator('tr[data-tracking="TRKNORTH"]')).toContainText('1 of 3');
  // Needs attention across desks, with what the hub said.
  const attention = page.getByTestId('board-attention');
  await expect(attention.locator('tr[data-serial="FAULT1"]')).toContainText('Dock 1');
  await expect(attention.locator('tr[data-serial="FAULT1"]')).toContainText('Shipped back');
  await expect(page.getByTestId('board-overdue').locator('tr[data-job="job-late"]')).toContainText('Overdue: notify the customer');
  await expect(page.getByTestId('tile-held')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('tile-attention')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('tile-overdue')).toHaveAttribute('data-count', '1');
  await expect(desks.locator('tr[data-desk="Dock 1"]').getByTestId('desk-received-today')).toHaveText('2');
  // A second desk reports a job document it could not read: listed once, to be fixed at the hub.
  const other = await hub.enrollRaw('Dock 2', 'desk-two-e2e');
  const reason = 'properties.driveList[0].driveId: "" is not a drive serial';
  await sendReport(hub.url, other.token, statusReport('desk-two-e2e', { deskName: 'Dock 2', unreadable: [{ jobName: 'odd-job', reason, at: new Date().toISOString() }] }));
  await expect(page.getByTestId('board-unreadable').locator('tr[data-job="odd-job"]')).toContainText(reason);
  await expect(desks.locator('tr[data-desk="Dock 2"]')).toContainText('Fine');
  await expectNoSeriousViolations(page, 'site', desk);

  // Live: the desk scans, and pushes it at once by itself (no one presses Sync); the open board
  // follows without a reload.
  await page.evaluate(() => {
    (window as unknown as { boardMarker: string }).boardMarker = 'not reloaded';
  });
  await desk.api('scans.record', { packageId: north.packageId, code: 'NORTH2' });
  await expect(desks.locator('tr[data-desk="Dock 1"]').getByTestId('desk-received-today')).toHaveText('3');
  await expect(packages.locator('tr[data-tracking="TRKNORTH"]')).toContainText('2 of 3');
  await expect(page.getByTestId('board-receipts').locator('tr[data-operator="alice"]').getByTestId('receipts-received')).toHaveText('3');
  expect(await page.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker)).toBe('not reloaded');
  await page.screenshot({ path: desk.screenshotPath('board-live-after-scan'), fullPage: true });

  // Signing out ends the session: a reload shows the sign-in again.
  await page.getByTestId('sign-out').click();
  await expect(page.getByRole('heading', { name: 'Sign in to the site board' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to the site board' })).toBeVisible();
});

test('a cross-site form post with the supervisor signed in is refused, and takes nothing in', async ({ page, desk, hub }) => {
  await createBoardAccount(hub, 'maria');
  await page.goto(`${hub.url}/board/`);
  await signIn(page, hub, 'maria', BOARD_PASSWORD);
  await expect(page.getByTestId('site-board')).toBeVisible();

  // Another origin on the same host (another port): same-site, so the SameSite=Strict cookie IS sent.
  const document = JSON.stringify(importJob('evil-job', 'TRK-EVIL', ['EVIL1']));
  // A text/plain form can carry a body that reads as JSON: name + '=' + value.
  const attacker = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    if (request.url === '/script') {
      response.end('<!doctype html><title>prize</title><p>nothing to see</p>');
      return;
    }
    response.end(`<!doctype html><title>prize</title>
      <form id="f" method="POST" action="${hub.url}/board/api/jobs" enctype="text/plain">
        <input name='{"document": ${JSON.stringify(document)}, "x": "' value='"}'>
      </form>
      <script>document.getElementById('f').submit();</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  try {
    const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    const posted = page.waitForResponse((response) => response.url() === `${hub.url}/board/api/jobs`);
    await page.goto(attackerUrl);
    const response = await posted;
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ key: 'boardCrossSite' });
    expect(response.request().headers()['content-type']).toContain('text/plain');
    // The body would have been a valid import: only the cross-site checks stopped it.
    expect(JSON.parse((response.request().postData() ?? '').trim())).toMatchObject({ document });

    // A script there cannot post JSON either: the hub grants no CORS, so the browser stops it.
    await page.goto(`${attackerUrl}script`);
    const scripted = await page.evaluate(async (url) => {
      try {
        const answer = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{"document":"{}"}' });
        return `answered ${answer.status}`;
      } catch (error) {
        return `blocked: ${String(error)}`;
      }
    }, `${hub.url}/board/api/jobs`);
    expect(scripted).toMatch(/^blocked/);
  } finally {
    attacker.close();
  }
  await expect(hub.admin('GET', 'jobs/evil-job')).rejects.toThrow(/404/);

  // The board itself still takes the same document in, from its own page.
  await page.goto(`${hub.url}/board/`);
  await page.getByTestId('board-import-file').setInputFiles({ name: 'evil-job.json', mimeType: 'application/json', buffer: Buffer.from(document) });
  await expect(page.getByTestId('board-import-notice')).toHaveText('1 job taken in from evil-job.json: 1 new, 0 updated.');
  await expect(hub.admin('GET', 'jobs/evil-job')).resolves.toMatchObject({ name: 'evil-job' });
  await page.screenshot({ path: desk.screenshotPath('board-import'), fullPage: true });
});

test('the board speaks the supervisor\u2019s language, kept in this browser', async ({ page, desk, hub }) => {
  await createBoardAccount(hub, 'jana');
  await connect(hub, desk, 'Dok 1');
  await desk.api('sync.run', {});
  await page.goto(`${hub.url}/board/`);
  await page.getByTestId('language-switch').selectOption('cs');
  await expect(page.getByRole('heading', { name: 'Přihlášení do přehledu provozu' })).toBeVisible();
  await page.getByLabel('Uživatelské jméno').fill('jana');
  await page.getByLabel('Heslo').fill('wrong password here');
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await expect(page.getByTestId('sign-in-problem')).toHaveText('Uživatelské jméno nebo heslo není správné.');
  await page.getByLabel('Heslo').fill(BOARD_PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await expect(page.getByRole('heading', { name: 'Pracoviště', exact: true })).toBeVisible();
  await expect(page.getByTestId('board-desks').locator('tr[data-desk="Dok 1"]')).toContainText('V pořádku');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
  await expect(page.getByTestId('board-desks')).toContainText('Naposledy ozváno');
  await page.screenshot({ path: desk.screenshotPath('board-cs'), fullPage: true });
});
