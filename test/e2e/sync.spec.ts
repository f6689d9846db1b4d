import { startUpstream, type UpstreamHandle } from '../upstream/upstream-server';
import { makeTempDir } from '../helpers/temp-dir';
import { importJob } from './job-documents';
import { expect, scan, test } from './web-desk';

const UPSTREAM_TOKEN = 'e2e-upstream-token-42';

async function adminCall(upstream: UpstreamHandle, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${upstream.url}/v1/admin/${path}`, {
    method,
    headers: { Authorization: `Bearer ${UPSTREAM_TOKEN}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

test('sync status is always visible, and a rejected move shows in Needs attention with what the upstream said', async ({ page, desk }) => {
  const temp = makeTempDir('e2e-upstream');
  const upstream = await startUpstream({ dataDir: temp.dir, token: UPSTREAM_TOKEN });
  try {
    await adminCall(upstream, 'PUT', 'jobs/sync-job', importJob('sync-job', 'TRK-SYNC-1', ['SYNCA1', 'SYNCB2']));
    await page.goto(desk.launchUrl);
    await expect(page.getByTestId('scan-field')).toBeFocused();
    await expect(page.getByTestId('sync-bar')).toContainText('Sync off');

    // Connect the desk to the upstream from the Sync screen; the job arrives with the first sync.
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    await page.getByTestId('upstream-url').fill(upstream.url);
    await page.getByTestId('upstream-token').fill(UPSTREAM_TOKEN);
    await page.getByRole('button', { name: 'Save connection' }).click();
    await expect(page.getByText('Saved. The desk will sync with this upstream.')).toBeVisible();
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-last-success')).toContainText('Last synced');

    // Receive the box at the scan station, by scanner.
    await page.getByRole('button', { name: 'Scan station' }).click();
    await page.getByTestId('scan-field').focus();
    await scan(page, 'TRK-SYNC-1');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'matched');
    await scan(page, 'SYNCA1');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
    await scan(page, 'SYNCB2');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
    await expect(page.getByTestId('sync-pending')).toContainText(/[1-9]\d* waiting to sync/);
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-pending')).toHaveText('0 waiting to sync');

    // Operations ship SYNCA1 back upstream; the desk then faults it, and resolves the fault.
    await adminCall(upstream, 'POST', 'jobs/sync-job/drives/SYNCA1/state', { state: 'ShippedBack' });
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

    // Accepting the upstream's word clears the list; the desk now says ShippedBack too.
    await rejected.getByRole('button', { name: 'Accept upstream' }).click();
    await expect(page.getByText('Nothing needs attention')).toBeVisible();
    await expect(page.getByTestId('sync-attention')).toHaveCount(0);
    const job = await desk.api<{ drives: { serial: string; state: string }[] }>('jobs.get', { jobId: 'sync-job' });
    expect(job.drives.find((drive) => drive.serial === 'SYNCA1')?.state).toBe('ShippedBack');
    await page.screenshot({ path: desk.screenshotPath('sync-resolved'), fullPage: true });
  } finally {
    await upstream.close();
    temp.remove();
  }
});
