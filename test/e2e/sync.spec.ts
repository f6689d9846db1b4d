import { openTestSite } from '../helpers/site';
import { importJob } from './job-documents';
import { expect, scan, test } from './web-desk';

/**
 * The desk's Sync screens against the hub through the fault proxy (test/proxy), as every sync test
 * runs: enrollment, an answer lost after the hub committed (the push is sent again and applied
 * once), and Needs attention with what the hub said.
 */
test('sync status is always visible, a lost answer is sent again and applied once, and a rejected move shows in Needs attention with what the hub said', async ({ page, desk }) => {
  const site = await openTestSite('e2e-sync');
  const hub = site.hub;
  try {
    await hub.admin('PUT', 'jobs/sync-job', importJob('sync-job', 'TRK-SYNC-1', ['SYNCA1', 'SYNCB2']));
    await page.goto(desk.launchUrl);
    await expect(page.getByTestId('scan-field')).toBeFocused();
    await expect(page.getByTestId('sync-bar')).toContainText('Sync off');

    // Join the desk to the hub from the Sync screen with the code its admin made; the job arrives with the first sync.
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    await page.getByTestId('enroll-url').fill(site.url);
    await page.getByTestId('enroll-code').fill('AAAAA-BBBBB-CCCCC-DDDDD');
    await page.getByRole('button', { name: 'Enroll this desk' }).click();
    await expect(page.getByTestId('enroll-message')).toContainText('The hub refused the enrollment code');
    const { deskId, enrollmentCode } = await hub.createDesk('Dock E2E');
    await page.getByTestId('enroll-code').fill(enrollmentCode);
    await page.getByRole('button', { name: 'Enroll this desk' }).click();
    await expect(page.getByTestId('enroll-message')).toContainText(`Enrolled. This desk now syncs with the hub (desk ${deskId}).`);
    await page.screenshot({ path: desk.screenshotPath('sync-enrolled'), fullPage: true });
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-last-success')).toContainText('Last synced');

    // Receive the box at the scan station, by scanner, while every push's answer is lost on the
    // way back (the hub commits it; the desk never hears).
    site.setFaults({ lostResponseRate: 1 });
    await page.getByRole('button', { name: 'Scan station' }).click();
    await page.getByTestId('scan-field').focus();
    await scan(page, 'TRK-SYNC-1');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'matched');
    await scan(page, 'SYNCA1');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
    await scan(page, 'SYNCB2');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-error')).toBeVisible();
    await expect(page.getByTestId('sync-pending')).toContainText(/[1-9]\d* waiting to sync/);
    expect(site.proxy.fired.lostResponse).toBeGreaterThan(0);
    expect(await hub.driveState('sync-job', 'SYNCA1')).toBe('Received');
    // The answers come through again: the same moves go again, and the hub applies none twice.
    site.proxy.resetFaults();
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-pending')).toHaveText('0 waiting to sync');
    await expect(page.getByTestId('sync-error')).toHaveCount(0);
    const applied = await hub.applied(deskId);
    expect(applied.length).toBeGreaterThanOrEqual(2);
    expect(new Set(applied.map((row) => row.clientId)).size).toBe(applied.length);
    expect(applied.map((row) => row.seq)).toEqual(applied.map((_, index) => index + 1));

    // Operations ship SYNCA1 back upstream; the desk then faults it, and resolves the fault.
    await hub.admin('POST', 'jobs/sync-job/drives/SYNCA1/state', { state: 'ShippedBack' });
    await desk.api('drives.transition', { jobId: 'sync-job', driveId: 'SYNCA1', to: 'Faulted', reason: 'damagedInShipment' });
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-attention')).toHaveText(/1 needs attention/);
    await desk.api('drives.transition', { jobId: 'sync-job', driveId: 'SYNCA1', to: 'Received', note: 'seal intact' });
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-attention')).toHaveText(/2 need attention/);

    await page.getByTestId('sync-attention').click();
    const list = page.getByTestId('needs-attention');
    const rejected = list.locator('tr[data-status="rejected"]');
    await expect(rejected).toContainText('SYNCA1');
    await expect(rejected).toContainText('ShippedBack');
    await expect(rejected).toContainText(/not a legal move|illegal|cannot/i);
    await expect(list.locator('tr[data-status="held"]')).toContainText('Waits until the rejected move of this drive is resolved.');
    await expect(page.getByTestId('sync-view-held')).toHaveText('1');
    await page.screenshot({ path: desk.screenshotPath('sync-needs-attention'), fullPage: true });

    // Accepting the upstream's word overrules the desk's own record: a supervisor's badge, scanned
    // in the confirmation. An operator's badge will not do; nothing changes until the right one.
    await desk.api('operators.save', { name: 'Sam Supervisor', badge: 'SUP-E2E-7', role: 'supervisor' });
    await desk.api('operators.save', { name: 'Olga Operator', badge: 'OP-E2E-3', role: 'operator', supervisorBadge: 'SUP-E2E-7' });
    await rejected.getByRole('button', { name: 'Accept upstream' }).click();
    const confirm = page.getByTestId('accept-upstream');
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText('sync-job · SYNCA1');
    await expect(confirm).toContainText('Shipped back');
    await confirm.getByTestId('accept-upstream-badge').fill('OP-E2E-3');
    await confirm.getByTestId('accept-upstream-confirm').click();
    await expect(confirm.getByTestId('accept-upstream-error')).toBeVisible();
    await expect(page.getByTestId('sync-view-held')).toHaveText('1');
    await page.screenshot({ path: desk.screenshotPath('sync-accept-upstream'), fullPage: true });
    await confirm.getByTestId('accept-upstream-badge').fill('SUP-E2E-7');
    await confirm.getByTestId('accept-upstream-confirm').click();
    await expect(confirm).toHaveCount(0);
    await expect(page.getByText('Nothing needs attention')).toBeVisible();
    await expect(page.getByTestId('sync-attention')).toHaveCount(0);
    const job = await desk.api<{ drives: { serial: string; state: string }[] }>('jobs.get', { jobId: 'sync-job' });
    expect(job.drives.find((drive) => drive.serial === 'SYNCA1')?.state).toBe('ShippedBack');
    await page.screenshot({ path: desk.screenshotPath('sync-resolved'), fullPage: true });
  } finally {
    await site.close();
  }
});
