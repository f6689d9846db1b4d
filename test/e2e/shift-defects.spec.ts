/**
 * The defects found by hand in a shift at the desk (docs/receiving-rules.md), each done the way the
 * operator did it: reload, another screen, Esc, a mistake. Each test asserts what the screen shows
 * and what the database holds.
 */
import type { Page } from '@playwright/test';
import { importJob } from './job-documents';
import { expect, openDesk, scan, test, type WebDesk } from './web-desk';

const verdict = (page: Page) => page.getByTestId('verdict');

interface DriveState {
  readonly serial: string;
  readonly state: string;
}
const drivesOf = async (desk: WebDesk, jobId: string) => (await desk.api<{ drives: DriveState[] }>('jobs.get', { jobId })).drives;
const stateOf = async (desk: WebDesk, jobId: string, serial: string) => (await drivesOf(desk, jobId)).find((drive) => drive.serial === serial)?.state;

test('after a reload the package comes back with its whole scan list, each scan undoable; a mistaken extra is taken off its job', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('job-reload', 'TRK-RELOAD', ['RLD001', 'RLD002', 'RLD003'])] } });
  await openDesk(page, desk);
  await scan(page, 'TRK-RELOAD');
  await scan(page, 'RLD001');
  await scan(page, 'RLD002');
  // A look-alike of RLD003 (0 for O would be the other way round): an extra drive by mistake.
  await scan(page, 'RLDOO3');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'extra');

  await page.reload();
  await expect(page.getByTestId('package-heading')).toContainText('TRKRELOAD');
  const log = page.getByTestId('scan-log');
  await expect(log.locator('li')).toHaveCount(3);
  await expect(log).toContainText('RLD001');
  await expect(log).toContainText('RLD002');
  await page.screenshot({ path: desk.screenshotPath('defect-3-after-reload'), fullPage: true });

  // Undo a scan made before the reload: named for a screen reader by its code and verdict.
  await page.getByRole('button', { name: /RLD002/ }).filter({ hasText: 'Undo' }).click();
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'undone');
  await expect(verdict(page)).toHaveAttribute('data-text', 'undoneMoved');
  expect(await stateOf(desk, 'job-reload', 'RLD002')).toBe('Specified');

  // The extra drive, taken off the job with a reason.
  await page.getByRole('button', { name: 'Take drive RLDOO3 off job job-reload' }).click();
  const dialog = page.getByTestId('drive-action-dialog');
  await dialog.getByTestId('drive-action-note').fill('look-alike of RLD003: misread label');
  await dialog.getByRole('button', { name: 'Take it off the job' }).click();
  await expect(page.getByTestId('drive-action-done')).toContainText('RLDOO3 is taken off job job-reload');
  await expect(page.locator('tr[data-serial="RLDOO3"]')).toHaveCount(0);
  expect((await drivesOf(desk, 'job-reload')).map((drive) => drive.serial)).not.toContain('RLDOO3');
  const history = await desk.api<{ transitions: { to: string; note: string | null }[] }>('drives.history', { driveId: 'RLDOO3' });
  expect(history.transitions.at(-1)).toMatchObject({ to: 'Removed', note: 'look-alike of RLD003: misread label' });

  // Closed, left and checked in again: the list is still whole.
  await page.keyboard.press('Control+Enter');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'closed');
  await page.keyboard.press('Escape');
  await scan(page, 'TRK-RELOAD');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'reopened');
  await expect(log.locator('li')).toHaveCount(4);
  await expect(log.locator('li[data-verdict="received"]')).toHaveCount(2);
  await page.screenshot({ path: desk.screenshotPath('defect-3-reopened'), fullPage: true });
});

test('a scan on another screen is never dropped: a tracking number opens its package, a serial its card, anything else is said', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('job-anywhere', 'TRK-ANYWHERE', ['ANY001', 'ANY002'])] } });
  await openDesk(page, desk);
  const nav = page.getByRole('navigation');

  await nav.getByRole('button', { name: 'Jobs', exact: true }).click();
  await expect(page.getByTestId('jobs-table')).toBeVisible();
  await scan(page, 'TRK-ANYWHERE');
  await expect(page.getByTestId('package-heading')).toContainText('TRKANYWHERE');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'matched');
  const board = await desk.api<{ packages: { package: { trackingNumber: string; status: string } }[] }>('packages.list', {});
  expect(board.packages.map((row) => row.package)).toEqual([expect.objectContaining({ trackingNumber: 'TRKANYWHERE', status: 'open' })]);

  await nav.getByRole('button', { name: 'Deadlines', exact: true }).click();
  await scan(page, 'ANY002');
  await expect(page.getByTestId('history-panel')).toBeVisible();
  await expect(page.getByTestId('history-panel')).toContainText('ANY002');
  await page.screenshot({ path: desk.screenshotPath('defect-4-serial-on-deadlines'), fullPage: true });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('history-panel')).toBeHidden();

  await nav.getByRole('button', { name: 'Reports', exact: true }).click();
  await scan(page, 'NOTHING-KNOWN-42');
  await expect(page.getByTestId('app-notice')).toContainText('NOTHINGKNOWN42 is no package and no drive at this desk');
  await page.screenshot({ path: desk.screenshotPath('defect-4-unknown-on-reports'), fullPage: true });
  // Nothing was recorded for it.
  expect((await desk.api<{ packages: unknown[] }>('packages.list', {})).packages).toHaveLength(1);
});

test('Esc on a package with missing drives asks to close it or keep it open; kept open, it stays listed', async ({ page, desk }) => {
  await desk.api('jobs.import', {
    document: { value: [importJob('job-esc-a', 'TRK-ESC-A', ['ESCA01', 'ESCA02']), importJob('job-esc-b', 'TRK-ESC-B', ['ESCB01', 'ESCB02'])] },
  });
  await openDesk(page, desk);
  await scan(page, 'TRK-ESC-A');
  await scan(page, 'ESCA01');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'received');
  await page.keyboard.press('Escape');
  const question = page.getByTestId('leave-dialog');
  await expect(question).toBeVisible();
  await expect(question).toContainText('1 listed drive is still missing');
  await page.screenshot({ path: desk.screenshotPath('defect-6-leave-question'), fullPage: true });
  await question.getByRole('button', { name: 'Keep it open and go on' }).click();
  await expect(question).toBeHidden();
  await expect(page.getByTestId('package-heading')).toBeHidden();
  const board = await desk.api<{ packages: { package: { trackingNumber: string; status: string }; missing: number }[] }>('packages.list', {});
  expect(board.packages).toEqual([expect.objectContaining({ package: expect.objectContaining({ trackingNumber: 'TRKESCA', status: 'open' }), missing: 1 })]);
  expect(await stateOf(desk, 'job-esc-a', 'ESCA02')).toBe('Specified');

  // The second package: Esc, then close it from the question.
  await scan(page, 'TRK-ESC-B');
  await scan(page, 'ESCB01');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'received');
  await page.keyboard.press('Escape');
  await question.getByRole('button', { name: 'Close it: 1 drive never received' }).click();
  await expect(question).toBeHidden();
  expect(await stateOf(desk, 'job-esc-b', 'ESCB02')).toBe('NeverReceived');
  // Esc inside the question goes back to the package and leaves nothing.
  await scan(page, 'TRK-ESC-A');
  await page.keyboard.press('Escape');
  await expect(question).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(page.getByTestId('package-heading')).toContainText('TRKESCA');
});

test('each verdict says what happened: held package, unknown package, undone duplicate, export over-count, recovered drive', async ({ page, desk }) => {
  await desk.api('jobs.import', {
    document: {
      value: [
        importJob('job-said', 'TRK-SAID', ['SAID01', 'SAID02']),
        importJob('job-said-export', 'TRK-SAID-EXP', [], { jobType: 'Export', driveCount: 1 }),
      ],
    },
  });
  await openDesk(page, desk);
  const detail = page.getByTestId('verdict-detail');

  // An unknown package: held, and the drive list says why there is none (not "no drives listed for this job").
  await scan(page, 'TRK-NOBODY-1');
  await expect(verdict(page)).toHaveAttribute('data-text', 'checkInUnknown');
  await expect(page.getByTestId('no-job-drives')).toContainText("No job has this package's tracking number");
  // A drive of a Shipping job scanned into it: held because the package is, not "its job is not Shipping".
  await scan(page, 'SAID01');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'held');
  await expect(detail).toHaveText('SAID01 belongs to job job-said, but it came in held package TRKNOBODY1: it is held with the package and nothing is received.');
  await page.screenshot({ path: desk.screenshotPath('defect-9-held-package'), fullPage: true });
  expect(await stateOf(desk, 'job-said', 'SAID01')).toBe('Specified');
  await page.keyboard.press('Escape');

  // A duplicate undone: it changed nothing, and says so.
  await scan(page, 'TRK-SAID');
  await scan(page, 'SAID01');
  await scan(page, 'SAID01');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'duplicate');
  await page.getByTestId('scan-log').locator('li[data-verdict="duplicate"]').getByRole('button', { name: /Undo/ }).click();
  await expect(detail).toHaveText('The scan of SAID01 is struck off the package; it had changed nothing.');
  expect(await stateOf(desk, 'job-said', 'SAID01')).toBe('Received');

  // Closed without SAID02, which then turns up: received now, not "again".
  await page.keyboard.press('Control+Enter');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'closed');
  expect(await stateOf(desk, 'job-said', 'SAID02')).toBe('NeverReceived');
  await page.keyboard.press('Escape');
  await scan(page, 'TRK-SAID');
  await scan(page, 'SAID02');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'recovered');
  await expect(detail).toHaveText('SAID02 was marked never received; it has arrived now and is received for job job-said.');
  expect(await stateOf(desk, 'job-said', 'SAID02')).toBe('Received');
  await page.keyboard.press('Escape');

  // An export job's drive over the declared count: one more than declared, not "not on the list".
  await scan(page, 'TRK-SAID-EXP');
  await scan(page, 'EXP0001');
  await scan(page, 'EXP0002');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'extra');
  await expect(detail).toHaveText('EXP0002 is one drive more than the 1 declared for export job job-said-export: kept with the job as an extra drive and flagged.');
  await page.screenshot({ path: desk.screenshotPath('defect-9-export-over-count'), fullPage: true });
});

test('fault and resolve update the drive list at once and say what was recorded', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('job-fault-now', 'TRK-FAULT-NOW', ['FNOW01'])] } });
  await openDesk(page, desk);
  await scan(page, 'TRK-FAULT-NOW');
  await scan(page, 'FNOW01');
  await page.getByRole('button', { name: 'Fault drive FNOW01' }).click();
  await page.getByTestId('drive-action-dialog').getByRole('button', { name: 'Mark Faulted' }).click();
  await expect(page.locator('tr[data-serial="FNOW01"] [data-state]')).toHaveAttribute('data-state', 'Faulted');
  await expect(page.getByTestId('drive-action-done')).toHaveText('FNOW01 of job job-fault-now is marked Faulted: Damaged in shipment. The customer is contacted.');
  expect(await stateOf(desk, 'job-fault-now', 'FNOW01')).toBe('Faulted');
  await page.getByRole('button', { name: 'Resolve the fault of FNOW01' }).click();
  await page.getByTestId('drive-action-note').fill('Casing fine on a second look');
  await page.getByTestId('drive-action-dialog').getByRole('button', { name: 'Resolve' }).click();
  await expect(page.locator('tr[data-serial="FNOW01"] [data-state]')).toHaveAttribute('data-state', 'Received');
  await expect(page.getByTestId('drive-action-done')).toHaveText('The fault of FNOW01 (job job-fault-now) is resolved: the drive is Received again.');
  expect(await stateOf(desk, 'job-fault-now', 'FNOW01')).toBe('Received');
});
