import { readFileSync } from 'node:fs';
import { openTestHub } from '../helpers/hub';
import { makeTestCa } from '../helpers/test-ca';
import { importJob } from './job-documents';
import { expect, scan, startWebDesk, test } from './web-desk';

/**
 * Two desks and one hub on PostgreSQL over HTTPS, both desks' scan stations open in two browser
 * pages: a drive received at desk A shows Received on desk B's screen, with no one pressing Sync
 * (desk A pushes at once, the hub tells desk B over its event stream, desk B pulls and its open
 * screen refreshes from the desk's own event stream). The time it took is printed; the one-second
 * target is measured by npm run bench, not asserted on a shared machine.
 */
test('a drive received at one desk shows Received on the other desk\'s open scan station, live', async ({ page, desk: deskA, browser }) => {
  // Two desks, a hub and two pages on a shared two-core machine: minutes when it is busy.
  test.setTimeout(300_000);
  const authority = makeTestCa('e2e-live');
  const hub = await openTestHub('e2e-live', { tls: { cert: authority.cert, key: authority.key }, ca: readFileSync(authority.caFile) });
  const second = await startWebDesk();
  const deskB = second.desk;
  const pageB = await browser.newPage();
  try {
    await hub.admin('PUT', 'jobs/live-job', importJob('live-job', 'TRK-LIVE-1', ['LIVEA1', 'LIVEB2', 'LIVEC3']));
    for (const [desk, name] of [
      [deskA, 'Dock A'],
      [deskB, 'Dock B'],
    ] as const) {
      const { enrollmentCode } = await hub.createDesk(name);
      await desk.api('sync.enroll', { upstreamUrl: hub.url, enrollmentCode, upstreamCaFile: authority.caFile });
      await desk.api('sync.run', {});
    }

    // Both scan stations open on the same box.
    for (const [onPage, desk] of [
      [page, deskA],
      [pageB, deskB],
    ] as const) {
      await onPage.goto(desk.launchUrl);
      await expect(onPage.getByTestId('scan-field')).toBeFocused();
      await scan(onPage, 'TRK-LIVE-1');
      await expect(onPage.getByTestId('verdict')).toHaveAttribute('data-verdict', 'matched');
    }
    const rowAtB = pageB.locator('tr[data-serial="LIVEB2"]');
    await expect(rowAtB).toContainText('Specified');
    await expect(pageB.getByTestId('sync-bar')).not.toContainText('Sync off');

    await page.getByTestId('scan-field').focus();
    await scan(page, 'LIVEB2');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
    const receivedAt = Date.now();
    // Nobody presses Sync on either page.
    await expect(rowAtB).toContainText('Received', { timeout: 20_000 });
    console.log(`desk A's receipt on desk B's screen after ${Date.now() - receivedAt} ms`);
    await pageB.screenshot({ path: deskB.screenshotPath('live-desk-b'), fullPage: true });
    expect(await hub.driveState('live-job', 'LIVEB2')).toBe('Received');
  } finally {
    await pageB.close();
    await second.stop();
    await hub.close();
    authority.remove();
  }
});
