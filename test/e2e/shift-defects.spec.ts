/**
 * The defects found by hand in a shift at the desk (docs/receiving-rules.md), each done the way the
 * operator did it: reload, another screen, Esc, a mistake. Each test asserts what the screen shows
 * and what the database holds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { FIXTURE_DIR } from '../helpers/fixtures';
import { RETURN_ADDRESS } from '../helpers/addresses';
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
  // An Enter pressed out of habit on the question changes nothing: the focus starts on going back.
  await page.keyboard.press('Escape');
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Go back to the package' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(page.getByTestId('package-heading')).toContainText('TRKESCA');
  expect(await stateOf(desk, 'job-esc-a', 'ESCA02')).toBe('Specified');
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

test('the drive card closes with Esc and on another screen, leaves the navigation usable, and tells notes, reasons, desk and package in words', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('job-card', 'TRK-CARD', ['CARD01', 'CARD02'])] } });
  await openDesk(page, desk);
  await scan(page, 'TRK-CARD');
  await scan(page, 'CARD01');
  await page.getByRole('button', { name: 'Fault drive CARD01' }).click();
  await page.getByTestId('drive-action-dialog').locator('select').selectOption('labelUnreadable');
  await page.getByTestId('drive-action-note').fill('label smudged, read the serial off the PCB');
  await page.getByTestId('drive-action-dialog').getByRole('button', { name: 'Mark Faulted' }).click();
  await expect(page.locator('tr[data-serial="CARD01"] [data-state]')).toHaveAttribute('data-state', 'Faulted');

  await page.getByRole('button', { name: 'History of CARD01' }).click();
  const card = page.getByTestId('history-panel');
  await expect(card.getByTestId('drive-card')).toContainText('job-card');
  await expect(card.getByTestId('drive-whereabouts')).toContainText('marked Faulted');
  const fault = card.getByTestId('drive-history').locator('li[data-to="Faulted"]');
  await expect(fault.getByTestId('history-reason')).toHaveText('Label unreadable');
  await expect(fault.getByTestId('history-note')).toContainText('label smudged, read the serial off the PCB');
  await expect(card.getByTestId('drive-history').locator('li[data-to="Received"]')).toContainText('package TRKCARD');
  await expect(card.getByTestId('drive-history').locator('li[data-to="Received"]')).toContainText('desk ');
  await page.screenshot({ path: desk.screenshotPath('defect-10-drive-card'), fullPage: true });

  // The navigation is not covered: another screen can be reached, and it closes the card.
  await page.getByRole('navigation').getByRole('button', { name: 'Jobs', exact: true }).click();
  await expect(card).toBeHidden();
  await expect(page.getByTestId('jobs-table')).toBeVisible();
  // Esc closes it too, and leaves the open package as it was.
  await page.getByRole('navigation').getByRole('button', { name: 'Scan station' }).click();
  await page.getByRole('button', { name: 'History of CARD02' }).click();
  await expect(card).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(page.getByTestId('leave-dialog')).toBeHidden();
  await expect(page.getByTestId('package-heading')).toContainText('TRKCARD');
});

test("the day's report names who received each drive, a drive from another job's box, and a held drive under its own job", async ({ page, desk }) => {
  await desk.api('jobs.import', {
    document: {
      value: [
        importJob('job-rep-a', 'TRK-REP-A', ['REPA01', 'REPA02']),
        importJob('job-rep-b', 'TRK-REP-B', ['REPB01']),
        importJob('job-rep-c', 'TRK-REP-C', ['REPC01'], { state: 'Creating' }),
      ],
    },
  });
  await desk.api('operators.save', { name: 'Alice' });
  await desk.api('operators.save', { name: 'Bob' });
  await desk.api('operators.signIn', { name: 'Alice' });
  await openDesk(page, desk);
  await scan(page, 'TRK-REP-A');
  await scan(page, 'REPA01');
  await scan(page, 'REPB01');
  await scan(page, 'REPC01');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'held');
  // Bob faults the drive Alice received: Alice still received it.
  await desk.api('operators.signIn', { name: 'Bob' });
  await desk.api('drives.transition', { jobId: 'job-rep-a', driveId: 'REPA01', to: 'Faulted', reason: 'other', note: 'rattles' });

  // The Reports screen opens on today's report: nothing to press before it shows.
  await page.getByRole('navigation').getByRole('button', { name: 'Reports', exact: true }).click();
  const rows = page.getByTestId('report-rows');
  await expect(rows.locator('tr[data-serial="REPA01"]')).toContainText('Alice');
  await expect(rows.locator('tr[data-serial="REPA01"]')).not.toContainText('Bob');
  await expect(rows.locator('tr[data-serial="REPB01"]')).toHaveAttribute('data-receipt', 'otherJob');
  await expect(rows.locator('tr[data-serial="REPB01"]')).toContainText("Other job's box");
  await expect(rows.locator('tr[data-serial="REPC01"]')).toContainText('job-rep-c');
  await expect(rows.locator('tr[data-serial="REPC01"]')).toContainText('Held');
  await page.screenshot({ path: desk.screenshotPath('defect-11-report'), fullPage: true });
  const day = await page.getByTestId('report-day').inputValue();
  const report = await desk.api<{ rows: { serial: string; jobId: string; receipt: string; operator: string }[] }>('reports.daily', {
    day,
    utcOffsetMinutes: -new Date(`${day}T12:00:00`).getTimezoneOffset(),
  });
  expect(report.rows.find((row) => row.serial === 'REPA01')).toMatchObject({ operator: 'Alice', receipt: 'received' });
  expect(report.rows.find((row) => row.serial === 'REPB01')).toMatchObject({ jobId: 'job-rep-b', receipt: 'otherJob' });
  expect(report.rows.find((row) => row.serial === 'REPC01')).toMatchObject({ jobId: 'job-rep-c' });
  // A drive looked up from the report opens its card.
  await rows.locator('tr[data-serial="REPB01"]').getByRole('button', { name: 'History of REPB01' }).click();
  await expect(page.getByTestId('history-panel').getByTestId('drive-card')).toContainText('job-rep-b');
});

test('shipping back a job that is not done says what goes, what stays and why, and moves nothing until confirmed', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('job-ship', 'TRK-SHIP-PLAN', ['SHIPP1', 'SHIPP2'])] } });
  const { packageId } = await desk.api<{ packageId: number }>('packages.checkIn', { trackingNumber: 'TRK-SHIP-PLAN' });
  await desk.api('scans.record', { packageId, code: 'SHIPP1' });
  await desk.api('scans.record', { packageId, code: 'EXTRA-SHIP-9' });
  await desk.api('packages.close', { packageId });
  await openDesk(page, desk);
  await page.getByRole('navigation').getByRole('button', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: 'job-ship' }).click();
  const panel = page.getByTestId('labels-panel');
  await panel.getByTestId('ship-carrier').fill('UPS');
  await panel.getByTestId('ship-tracking').fill('1Z-PLAN-0001');
  // The job has no return address: ship back without printing the label here.
  await panel.getByRole('checkbox', { name: 'Print the return label and packing slip too' }).uncheck();
  await panel.getByRole('button', { name: 'Mark drives shipped back' }).click();
  const plan = page.getByTestId('ship-back-plan');
  await expect(plan.getByTestId('ship-back-goes')).toHaveText('EXTRASHIP9');
  await expect(plan.getByTestId('ship-back-stays')).toContainText('SHIPP1 stays: its data has not been copied yet.');
  await expect(plan.getByTestId('ship-back-stays')).toContainText('SHIPP2 stays: it was never received.');
  await page.screenshot({ path: desk.screenshotPath('defect-12-ship-back-plan'), fullPage: true });
  await plan.getByRole('button', { name: 'Cancel' }).click();
  expect(await stateOf(desk, 'job-ship', 'EXTRASHIP9')).toBe('Received');

  await panel.getByRole('button', { name: 'Mark drives shipped back' }).click();
  await plan.getByTestId('ship-back-plan-confirm').click();
  await expect(panel.getByTestId('labels-notice')).toContainText('1 drive marked ShippedBack');
  expect(await stateOf(desk, 'job-ship', 'EXTRASHIP9')).toBe('ShippedBack');
  expect(await stateOf(desk, 'job-ship', 'SHIPP1')).toBe('Received');
});

test('on the Jobs screen, fault and resolve update the drive list at once and say what was recorded', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('job-jobs-fault', 'TRK-JOBS-FAULT', ['JFLT01'])] } });
  const { packageId } = await desk.api<{ packageId: number }>('packages.checkIn', { trackingNumber: 'TRK-JOBS-FAULT' });
  await desk.api('scans.record', { packageId, code: 'JFLT01' });
  await openDesk(page, desk);
  await page.getByRole('navigation').getByRole('button', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: 'job-jobs-fault' }).click();
  const jobPanel = page.getByTestId('job-panel');
  await jobPanel.getByRole('button', { name: 'Fault drive JFLT01' }).click();
  await page.getByTestId('drive-action-dialog').getByRole('button', { name: 'Mark Faulted' }).click();
  await expect(jobPanel.locator('tr[data-serial="JFLT01"] [data-state]')).toHaveAttribute('data-state', 'Faulted');
  await expect(jobPanel.getByTestId('drive-action-done')).toContainText('JFLT01 of job job-jobs-fault is marked Faulted');
  await expect(jobPanel.getByTestId('job-blocking')).toContainText('1 drive is Faulted');
  expect(await stateOf(desk, 'job-jobs-fault', 'JFLT01')).toBe('Faulted');
  await jobPanel.getByRole('button', { name: 'Resolve the fault of JFLT01' }).click();
  await page.getByTestId('drive-action-note').fill('second look: fine');
  await page.getByTestId('drive-action-dialog').getByRole('button', { name: 'Resolve' }).click();
  await expect(jobPanel.locator('tr[data-serial="JFLT01"] [data-state]')).toHaveAttribute('data-state', 'Received');
  await expect(jobPanel.getByTestId('drive-action-done')).toContainText('The fault of JFLT01 (job job-jobs-fault) is resolved');
  await expect(jobPanel.getByTestId('job-blocking')).not.toContainText('Faulted');
  expect(await stateOf(desk, 'job-jobs-fault', 'JFLT01')).toBe('Received');
});

test('the Invalid counter counts the invalid scans listed, and nothing of them is recorded', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('job-invalid', 'TRK-INVALID', ['INV001'])] } });
  await openDesk(page, desk);
  await scan(page, 'TRK-INVALID');
  await scan(page, 'INV001');
  await scan(page, 'BAD$CODE!');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'invalid');
  // Its own package's tracking number, scanned again, is no drive either.
  await scan(page, 'TRK-INVALID');
  const log = page.getByTestId('scan-log');
  await expect(log.locator('li[data-verdict="invalid"]')).toHaveCount(2);
  await expect(page.getByTestId('tally-invalid')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('tally-received')).toHaveAttribute('data-count', '1');
  await page.screenshot({ path: desk.screenshotPath('defect-8-invalid-counter'), fullPage: true });
  // The database holds the one good scan only.
  const packageId = (await desk.api<{ packages: { package: { id: number } }[] }>('packages.list', {})).packages[0]?.package.id;
  const stored = await desk.api<{ scans: { serial: string; verdict: string }[]; tally: { invalid: number } }>('packages.get', { packageId });
  expect(stored.scans.map((row) => [row.serial, row.verdict])).toEqual([['INV001', 'received']]);
  expect(stored.tally.invalid).toBe(0);
});

test('opening the print preview logs nothing; a ZPL download after it asks no reprint reason and is logged as downloaded', async ({ page, desk }) => {
  const document = importJob('job-preview', 'TRK-PREVIEW', ['PRV001']);
  Object.assign(document.properties as Record<string, unknown>, {
    returnAddress: RETURN_ADDRESS,
    returnShipping: { carrierName: 'FedEx', carrierAccountNumber: 'ACC-7788' },
    shippingInformation: { recipientName: 'Import/Export Service', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA' },
  });
  await desk.api('jobs.import', { document: { value: [document] } });
  await openDesk(page, desk);
  await page.getByRole('navigation').getByRole('button', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: 'job-preview' }).click();
  const panel = page.getByTestId('labels-panel');
  await panel.getByRole('button', { name: 'Print return label' }).click();
  const preview = page.getByTestId('print-preview');
  await expect(preview.getByTestId('print-preview-item')).toHaveCount(1);
  await page.screenshot({ path: desk.screenshotPath('defect-7-preview'), fullPage: true });
  await preview.getByRole('button', { name: 'Close all' }).click();
  await expect(preview).toBeHidden();
  // Looked at, not printed: the log is empty, on screen and in the database.
  await expect(panel.getByTestId('print-log')).toHaveCount(0);
  expect((await desk.api<{ entries: unknown[] }>('labels.printLog', { jobId: 'job-preview' })).entries).toEqual([]);

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download return label (ZPL)' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.zpl$/);
  await expect(panel.getByTestId('labels-notice')).toContainText('downloaded');
  await expect(panel.getByTestId('reprint-reason')).toHaveCount(0);
  const row = panel.getByTestId('print-log').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-outcome', 'downloaded');
  await expect(row).not.toContainText('print dialog');
  const log = await desk.api<{ entries: { outcome: string; printer: string; reprintReason: string | null }[] }>('labels.printLog', { jobId: 'job-preview' });
  expect(log.entries).toEqual([expect.objectContaining({ outcome: 'downloaded', reprintReason: null })]);
  await page.screenshot({ path: desk.screenshotPath('defect-7-downloaded'), fullPage: true });
});

test('a held package closed stays on Deadlines with its drives, across a reload, and its close counts the held drives', async ({ page, desk }) => {
  await desk.api('jobs.import', { document: { value: [importJob('job-held-close', 'TRK-HELD-CLOSE', ['HLDC01'], { state: 'Creating' })] } });
  await openDesk(page, desk);
  await scan(page, 'TRK-HELD-CLOSE');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'notShipping');
  await scan(page, 'HLDC01');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'held');
  await page.keyboard.press('Control+Enter');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'closed');
  // One drive declared, one drive in the box (held): no count mismatch.
  await expect(page.getByTestId('close-summary')).not.toContainText('Declared');
  await page.screenshot({ path: desk.screenshotPath('defect-1-held-closed'), fullPage: true });
  await page.keyboard.press('Escape');

  await page.getByRole('navigation').getByRole('button', { name: 'Deadlines', exact: true }).click();
  const row = page.getByTestId('held-packages').locator('tr[data-tracking="TRKHELDCLOSE"]');
  await expect(row).toContainText('HLDC01');
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Deadlines', exact: true }).click();
  await expect(row).toContainText('HLDC01');
  await expect(row).toContainText('job-held-close');
  await page.screenshot({ path: desk.screenshotPath('defect-1-held-on-deadlines'), fullPage: true });

  const deadlines = await desk.api<{ heldPackages: { trackingNumber: string; serials: string[]; returnBy: string; destroyBy: string }[] }>('deadlines.list', {});
  expect(deadlines.heldPackages).toEqual([expect.objectContaining({ trackingNumber: 'TRKHELDCLOSE', serials: ['HLDC01'] })]);
  expect(deadlines.heldPackages[0]?.returnBy).toBeTruthy();
  expect(deadlines.heldPackages[0]?.destroyBy).toBeTruthy();
  const packages = await desk.api<{ packages: { package: { trackingNumber: string; status: string; held: boolean } }[] }>('packages.list', {});
  expect(packages.packages.map((item) => item.package)).toEqual([expect.objectContaining({ trackingNumber: 'TRKHELDCLOSE', status: 'closed', held: true })]);
});

test('a List Locations body asks which location is this site and makes no job; a file that is no job document is refused in words', async ({ page, desk }) => {
  const example = JSON.parse(readFileSync(path.join(FIXTURE_DIR, 'GetLocation.json'), 'utf8')) as { responses: { '200': { body: Record<string, unknown> } } };
  const westUs = example.responses['200'].body;
  const eastUs = { ...westUs, id: '/providers/Microsoft.ImportExport/locations/eastus', name: 'East US' };
  await openDesk(page, desk);
  await page.getByRole('navigation').getByRole('button', { name: 'Jobs', exact: true }).click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'locations.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ value: [westUs, eastUs] })),
  });
  const choice = page.getByTestId('location-choice');
  await expect(choice).toContainText('locations.json lists 2 locations, not jobs');
  await page.screenshot({ path: desk.screenshotPath('defect-2-location-choice'), fullPage: true });
  // Nothing is made before the choice.
  expect((await desk.api<{ jobs: unknown[] }>('jobs.list', {})).jobs).toEqual([]);
  await choice.getByTestId('location-select').selectOption('West US');
  await choice.getByRole('button', { name: 'Use its address for this site' }).click();
  await expect(page.getByTestId('import-notice')).toContainText("the site's address is now that of West US. No job was made.");
  await expect(choice).toBeHidden();
  expect((await desk.api<{ jobs: unknown[] }>('jobs.list', {})).jobs).toEqual([]);

  // An example file as it is (the request and response wrapper), not a job document.
  await page.getByTestId('import-file').setInputFiles(path.join(FIXTURE_DIR, 'UpdateJob.json'));
  const notice = page.getByTestId('import-notice');
  await expect(notice).toContainText('This is not a job document');
  await expect(notice).not.toContainText('properties.');
  await page.screenshot({ path: desk.screenshotPath('defect-2-not-a-job-document'), fullPage: true });
  expect((await desk.api<{ jobs: unknown[] }>('jobs.list', {})).jobs).toEqual([]);
});

test('a job with its return address but no carrier is told the carrier is missing, not the address', async ({ page, desk }) => {
  const document = importJob('job-no-carrier', 'TRK-NO-CARRIER', ['NOC001']);
  Object.assign(document.properties as Record<string, unknown>, {
    returnAddress: RETURN_ADDRESS,
    shippingInformation: { recipientName: 'Import/Export Service', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA' },
  });
  await desk.api('jobs.import', { document: { value: [document] } });
  await openDesk(page, desk);
  await page.getByRole('navigation').getByRole('button', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: 'job-no-carrier' }).click();
  const panel = page.getByTestId('labels-panel');
  await panel.getByRole('button', { name: 'Print return label' }).click();
  const notice = panel.getByTestId('labels-notice');
  await expect(notice).toContainText('missing returnShipping.carrierName, returnShipping.carrierAccountNumber');
  await expect(notice).not.toContainText('address');
  await expect(panel.getByTestId('ops-flag')).toContainText('returnShipping.carrierName');
  await expect(panel.getByTestId('ops-flag')).not.toContainText('address');
  await page.screenshot({ path: desk.screenshotPath('defect-9-missing-carrier'), fullPage: true });
  // Nothing was printed, and the job is flagged for the operations team with what is missing.
  expect((await desk.api<{ entries: unknown[] }>('labels.printLog', { jobId: 'job-no-carrier' })).entries).toEqual([]);
  const job = await desk.api<{ opsFlag: string | null; opsFlagText: { key: string; params?: { fields?: string } } | null }>('jobs.get', { jobId: 'job-no-carrier' });
  expect(job.opsFlag).toEqual(expect.any(String));
  expect(JSON.stringify(job.opsFlagText)).toContain('returnShipping.carrierName');
});
