import { readFileSync } from 'node:fs';
import os from 'node:os';
import { openTestHub } from '../helpers/hub';
import { makeTestCa } from '../helpers/test-ca';
import { importJob } from './job-documents';
import { expect, scan, startWebDesk, test } from './web-desk';

/** A receipt at one desk shows on another desk's open screen within this (DESIGN's live target). */
const LIVE_SHOWN_WITHIN_MS = 1_000;
/**
 * The second is asserted while the machine has the cores to keep it: up to this one-minute load
 * average per core (measured 0.6-0.8 s at 5 per core here; 1.3-3.5 s at 10 per core, when every
 * step waits for a core). Busier than that, the receipt must still arrive live, well before the
 * desk's scheduled sync (a minute) would have brought it: LIVE_SHOWN_UNDER_LOAD_MS.
 */
const MAX_LOAD_PER_CORE_FOR_THE_SECOND = 6;
const LIVE_SHOWN_UNDER_LOAD_MS = 10_000;
const loadPerCore = () => (os.loadavg()[0] ?? 0) / Math.max(1, os.cpus().length);
const SERIALS = ['LIVEA1', 'LIVEB2', 'LIVEC3'] as const;

/**
 * Two desks and one hub on PostgreSQL over HTTPS, both desks' scan stations open in two browser
 * pages: a drive received at desk A shows Received on desk B's screen within a second, with no one
 * pressing Sync (desk A pushes at once, the hub tells desk B over its event stream, desk B pulls and
 * its open screen refreshes from the desk's own event stream). Each of three drives is timed from
 * the moment desk A's scan starts to the moment desk B's row changes (seen by a MutationObserver in
 * page B, not by polling); the median of the three must be within the second, so one hiccup of a
 * shared machine does not decide it, while a slow path does (on a machine that has the cores).
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
    await hub.admin('PUT', 'jobs/live-job', importJob('live-job', 'TRK-LIVE-1', [...SERIALS]));
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
    for (const serial of SERIALS) await expect(pageB.locator(`tr[data-serial="${serial}"]`)).toContainText('Specified');
    await expect(pageB.getByTestId('sync-bar')).not.toContainText('Sync off');

    const took: number[] = [];
    let busiest = loadPerCore();
    for (const serial of SERIALS) {
      // Page B notes the moment its row for this drive says Received.
      await pageB.evaluate((wanted) => {
        const flag = window as unknown as { liveSeenAt?: number; liveObserver?: MutationObserver };
        // The previous drive's watcher goes first: left on, it would note that drive's row again.
        flag.liveObserver?.disconnect();
        delete flag.liveSeenAt;
        const check = () => {
          const row = document.querySelector(`tr[data-serial="${wanted}"]`);
          if (flag.liveSeenAt === undefined && row !== null && /Received/.test(row.textContent ?? '')) flag.liveSeenAt = Date.now();
        };
        flag.liveObserver = new MutationObserver(check);
        flag.liveObserver.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        check();
      }, serial);
      expect(await pageB.evaluate(() => (window as unknown as { liveSeenAt?: number }).liveSeenAt)).toBeUndefined();

      await page.getByTestId('scan-field').focus();
      const scannedAt = Date.now();
      await scan(page, serial);
      await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
      // Nobody presses Sync on either page.
      await expect(pageB.locator(`tr[data-serial="${serial}"]`)).toContainText('Received', { timeout: 20_000 });
      const seenAt = await pageB.evaluate(() => (window as unknown as { liveSeenAt?: number }).liveSeenAt);
      expect(seenAt).toBeDefined();
      took.push((seenAt ?? Number.NaN) - scannedAt);
      busiest = Math.max(busiest, loadPerCore());
    }
    const median = [...took].sort((a, b) => a - b)[Math.floor(took.length / 2)] ?? Number.NaN;
    const bound = busiest <= MAX_LOAD_PER_CORE_FOR_THE_SECOND ? LIVE_SHOWN_WITHIN_MS : LIVE_SHOWN_UNDER_LOAD_MS;
    const figure = `desk A's receipts on desk B's screen after ${took.join(', ')} ms (median ${median} ms) at load ${busiest.toFixed(1)} per core; asserted <= ${bound} ms`;
    console.log(figure);
    test.info().annotations.push({ type: 'live figure', description: figure });
    await pageB.screenshot({ path: deskB.screenshotPath('live-desk-b'), fullPage: true });
    for (const serial of SERIALS) expect(await hub.driveState('live-job', serial)).toBe('Received');
    expect(median).toBeLessThanOrEqual(bound);
  } finally {
    await pageB.close();
    await second.stop();
    await hub.close();
    authority.remove();
  }
});
