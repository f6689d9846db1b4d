import AxeBuilder from '@axe-core/playwright';
import { test as base, type Page } from '@playwright/test';
import { RETURN_ADDRESS } from '../helpers/addresses';
import { startClockedDesk, type ClockedDesk } from './clocked-desk';
import { importJob } from './job-documents';
import { countPrintDialogs, expect, printDialogsOpened } from './web-desk';
import { screenTexts, textsOutsideCatalogue, usePseudoLocale } from './screen-language';

/**
 * The supervisor's other screens: operators with roles and badges in Settings (a badge never shown
 * back; once there is a supervisor, a change asks for one's badge), the print centre (found by a
 * scanned tracking number, previews never listed, printed again with a reason), and an overdue job
 * taken to its end from Deadlines (wait longer, then closed unanswered at 30 days with a badge); the
 * purge acts on today only, whatever date is previewed.
 */
const test = base.extend<{ desk: ClockedDesk }>({
  // eslint-disable-next-line no-empty-pattern
  desk: async ({}, use) => {
    const { desk, stop } = await startClockedDesk('2026-01-05T09:00:00.000Z');
    await use(desk);
    await stop();
  },
});

const DAY_MS = 24 * 60 * 60 * 1000;
const SCREENS_TEST_TIMEOUT_MS = 180_000;
const FAILING_IMPACTS = new Set(['serious', 'critical']);
const SUPERVISOR_BADGE = 'SUP-BADGE-31337';
const OPERATOR_BADGE = 'OP-BADGE-2718';

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
  expect(failing.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`), what).toEqual([]);
}

/** Days later the operator's shift has ended: the desk asks for her badge again. */
async function signInAgain(page: Page): Promise<void> {
  await expect(page.getByTestId('sign-in-expired')).toBeVisible();
  await page.getByTestId('badge-field').fill(OPERATOR_BADGE);
  await page.getByTestId('badge-field').press('Enter');
  await expect(page.getByTestId('sign-in')).toBeHidden();
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

test('operators with roles and badges, the print centre, and an overdue job closed unanswered from Deadlines', async ({ page, desk }) => {
  test.setTimeout(SCREENS_TEST_TIMEOUT_MS);
  const printable = importJob('print-job', 'TRK-PRINT-1', ['PRA1']);
  const late = importJob('late-job', 'TRK-LATE-1', ['LATE1'], { shipDate: '1/5/2026 9:00:00 AM' });
  for (const document of [printable, late]) {
    const properties = document.properties as Record<string, unknown>;
    properties.returnAddress = RETURN_ADDRESS;
    properties.returnShipping = { carrierName: 'FedEx', carrierAccountNumber: 'ACC-4455' };
    properties.shippingInformation = { recipientName: 'Import/Export Service', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA' };
  }
  await desk.api('jobs.import', { document: { value: [printable, late] } });

  // Settings: the first supervisor is saved while the desk is set up; the badge is never shown back.
  await countPrintDialogs(page);
  await page.goto(desk.launchUrl);
  await nav(page, 'Settings');
  await page.getByTestId('operator-name-field').fill('Sam Supervisor');
  await page.getByTestId('operator-role-field').selectOption('supervisor');
  await page.getByTestId('operator-badge-field').fill(SUPERVISOR_BADGE);
  await page.getByTestId('operator-title-field').fill('Shift supervisor');
  await page.getByTestId('operator-save').click();
  const sam = page.locator('[data-testid="operators"] tr[data-operator="Sam Supervisor"]');
  await expect(sam).toHaveAttribute('data-role', 'supervisor');
  await expect(sam).toContainText('badge on file');
  await expect(page.getByTestId('operator-badge-field')).toHaveValue('');
  // Now a supervisor is on file: the next operator is saved only with a supervisor's badge.
  await page.getByTestId('operator-name-field').fill('Olga Operator');
  await page.getByTestId('operator-badge-field').fill(OPERATOR_BADGE);
  await page.getByTestId('operator-save').click();
  await expect(page.getByTestId('operator-confirm')).toBeVisible();
  await page.getByTestId('operator-confirm-badge').fill(OPERATOR_BADGE);
  await page.getByTestId('operator-confirm-confirm').click();
  await expect(page.getByTestId('operator-confirm-error')).toBeVisible();
  await page.getByTestId('operator-confirm-badge').fill(SUPERVISOR_BADGE);
  await page.getByTestId('operator-confirm-confirm').click();
  await expect(page.getByTestId('operator-confirm')).toBeHidden();
  await expect(page.locator('[data-testid="operators"] tr[data-operator="Olga Operator"]')).toHaveAttribute('data-role', 'operator');
  const html = await page.content();
  expect(html).not.toContain(SUPERVISOR_BADGE);
  expect(html).not.toContain(OPERATOR_BADGE);
  expect(JSON.stringify(await desk.api('operators.list', {}))).not.toContain(SUPERVISOR_BADGE);
  await expectNoSeriousViolations(page, 'settings with operators');
  await page.screenshot({ path: desk.screenshotPath('supervisor-settings-operators'), fullPage: true });
  await desk.api('operators.signIn', { badge: OPERATOR_BADGE });

  // Print centre: a preview is not listed; a file and a print are; found by the scanned tracking number.
  await desk.api('labels.render', { jobId: 'print-job', kind: 'packingSlip', format: 'pdf' });
  await desk.api('labels.print', { jobId: 'print-job', kind: 'packingSlip', format: 'zpl', printer: 'download' });
  await desk.api('labels.print', { jobId: 'print-job', kind: 'packingSlip', format: 'pdf', printer: 'dialog' });
  await desk.api('labels.print', { jobId: 'late-job', kind: 'packingSlip', format: 'pdf', printer: 'dialog' });
  await page.reload();
  await nav(page, 'Print centre');
  await expect(page.getByTestId('print-log').locator('tbody tr')).toHaveCount(3);
  await page.getByTestId('prints-code').fill('TRK-PRINT-1');
  await page.getByTestId('prints-apply').click();
  await expect(page.getByTestId('prints-found')).toHaveText('Labels of job print-job:');
  const rows = page.getByTestId('print-log').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-outcome', 'sentToDialog');
  await expect(rows.nth(1)).toHaveAttribute('data-outcome', 'downloaded');
  await expectNoSeriousViolations(page, 'print centre');
  // Print again (it went to the print dialog): the preview opens and closes with nothing logged;
  // its Print asks the reason (the slip was printed before) and logs one print sent to the dialog;
  // its Download logs one download and asks nothing.
  type Log = { entries: { reprintReason: string | null; operator: string; outcome: string }[]; total: number };
  const printJobLog = () => desk.api<Log>('labels.printLog', { jobId: 'print-job' });
  const again = rows.nth(0).getByRole('button', { name: 'Print the Packing slip of job print-job again' });
  const preview = page.getByTestId('print-preview');
  await again.click();
  await expect(preview).toBeVisible();
  expect((await printJobLog()).total).toBe(2);
  await preview.getByRole('button', { name: 'Close all' }).click();
  await expect(preview).toBeHidden();
  expect((await printJobLog()).total).toBe(2);
  await expect(rows).toHaveCount(2);
  await again.click();
  await preview.getByRole('button', { name: 'Print…' }).click();
  await preview.getByTestId('reprint-reason').fill('First copy smudged');
  await preview.getByRole('button', { name: 'Print again', exact: true }).click();
  await expect(preview.getByTestId('print-preview-notice')).toContainText('sent to the printer');
  expect(await printDialogsOpened(page)).toBe(1);
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('First copy smudged');
  let log = await printJobLog();
  expect(log.entries.map((entry) => [entry.outcome, entry.reprintReason])).toEqual([
    ['sentToDialog', 'First copy smudged'],
    ['sentToDialog', null],
    ['downloaded', null],
  ]);
  await preview.getByRole('button', { name: 'Download' }).click();
  await expect(rows).toHaveCount(4);
  log = await printJobLog();
  expect(log.entries.map((entry) => [entry.outcome, entry.reprintReason])).toEqual([
    ['downloaded', null],
    ['sentToDialog', 'First copy smudged'],
    ['sentToDialog', null],
    ['downloaded', null],
  ]);
  expect(await printDialogsOpened(page)).toBe(1);
  await preview.getByRole('button', { name: 'Close all' }).click();
  expect(log.entries[0]?.operator).toBe('Olga Operator');
  await page.screenshot({ path: desk.screenshotPath('supervisor-print-centre'), fullPage: true });

  // Day 31 after shipping: the overdue job may be closed; the customer answers, so it waits instead.
  desk.clock.advance(31 * DAY_MS);
  await page.reload();
  await signInAgain(page);
  await nav(page, 'Deadlines');
  const lateRow = page.locator('[data-testid="overdue-jobs"] tr[data-job="late-job"]');
  await expect(lateRow).toHaveAttribute('data-stage', 'dueForClosed');
  await expect(lateRow.getByTestId('overdue-closeUnanswered-late-job')).toBeVisible();
  await expectNoSeriousViolations(page, 'deadlines with actions');
  await lateRow.getByTestId('overdue-extendWait-late-job').click();
  await page.getByTestId('job-extend-until').fill('2026-02-20');
  await page.getByTestId('job-extendWait-note').fill('Customer: the box ships on Monday');
  await page.getByTestId('job-extendWait-confirm').click();
  await expect(page.getByTestId('job-extendWait')).toBeHidden();
  // Waiting for the customer, the job is not overdue until that date: it leaves the list.
  await expect(page.getByTestId('deadlines-done')).toHaveText('Job late-job waits until 2026-02-20.');
  await expect(lateRow).toHaveCount(0);

  // Past the wait, no answer: closed unanswered, confirmed by the supervisor's badge.
  desk.clock.advance(20 * DAY_MS);
  await page.reload();
  await signInAgain(page);
  await nav(page, 'Deadlines');
  await expect(lateRow).toContainText('waiting until');
  await lateRow.getByTestId('overdue-closeUnanswered-late-job').click();
  await expect(page.getByTestId('job-closeUnanswered-what')).toContainText('Shipping to Closed');
  await page.getByTestId('job-closeUnanswered-badge').fill(SUPERVISOR_BADGE);
  await page.getByTestId('job-closeUnanswered-confirm').click();
  await expect(page.getByTestId('deadlines-done')).toHaveText('Job late-job closed unanswered.');
  await expect(lateRow).toHaveCount(0);
  const closed = await desk.api<{ state: string; drives: { state: string }[] }>('jobs.get', { jobId: 'late-job' });
  expect(closed.state).toBe('Closed');
  expect(closed.drives.map((drive) => drive.state)).toEqual(['NeverReceived']);

  // A preview 100 days on says the job is due for purge; the purge still acts on today: nothing goes.
  await page.getByTestId('deadlines-as-of').fill('2026-06-30');
  await expect(page.locator('[data-testid="ended-jobs"] tr[data-job="late-job"]')).toHaveAttribute('data-due', 'true');
  await expect(page.getByTestId('overdue-contact-late-job')).toHaveCount(0);
  await page.getByTestId('deadlines-purge').click();
  await expect(page.getByTestId('purge-what')).toHaveText('No job is due for purge today: nothing will be removed.');
  await page.getByTestId('purge-badge').fill(SUPERVISOR_BADGE);
  await page.getByTestId('purge-confirm').click();
  await expect(page.getByTestId('deadlines-done')).toHaveText('No job was due for purge.');
  expect((await desk.api<{ state: string }>('jobs.get', { jobId: 'late-job' })).state).toBe('Closed');
  await page.screenshot({ path: desk.screenshotPath('supervisor-deadlines-purge-preview'), fullPage: true });
});

test('in the pseudo-locale the supervisor screens and dialogs show only catalogue texts and data', async ({ page, desk }) => {
  test.setTimeout(SCREENS_TEST_TIMEOUT_MS);
  const late = importJob('late-job', 'TRK-LATE-1', ['LATE1'], { shipDate: '1/5/2026 9:00:00 AM' });
  const properties = late.properties as Record<string, unknown>;
  properties.returnAddress = RETURN_ADDRESS;
  properties.returnShipping = { carrierName: 'FedEx', carrierAccountNumber: 'ACC-4455' };
  properties.shippingInformation = { recipientName: 'Import/Export Service', streetAddress1: '2045 Lafayette Street', city: 'Santa Clara', postalCode: '95050', countryOrRegion: 'USA' };
  await desk.api('jobs.import', { document: late });
  await desk.api('operators.save', { name: 'Sam Supervisor', badge: SUPERVISOR_BADGE, role: 'supervisor', title: 'Shift supervisor' });
  await desk.api('operators.save', { name: 'Olga Operator', badge: OPERATOR_BADGE, role: 'operator', supervisorBadge: SUPERVISOR_BADGE });
  await desk.api('operators.signIn', { badge: OPERATOR_BADGE });
  const held = await desk.api<{ packageId: number }>('packages.checkIn', { trackingNumber: 'HELD-PSEUDO-1' });
  await desk.api('scans.record', { packageId: held.packageId, code: 'PSEUDO01' });
  await desk.api('labels.print', { jobId: 'late-job', kind: 'packingSlip', format: 'zpl', printer: 'download' });
  desk.clock.advance(91 * DAY_MS);
  await desk.api('operators.signIn', { badge: OPERATOR_BADGE });

  await usePseudoLocale(page);
  await page.goto(desk.launchUrl);
  await expect(page.getByTestId('scan-field')).toBeFocused();
  // A method's name is a code the core's refusal names as it is.
  const data = ['packages.destroy', 'Sam Supervisor', 'Olga Operator', 'Shift supervisor', 'late-job', 'HELDPSEUDO1', 'PSEUDO01', 'TRKLATE1', 'Import', 'FedEx', '2045 Lafayette Street'];
  const findings: string[] = [];
  const check = async (step: string) => {
    const outside = textsOutsideCatalogue(await screenTexts(page), data);
    if (outside.length > 0) findings.push(`${step}: ${outside.map(({ text, where }) => `"${text}" (${where})`).join('; ')}`);
  };
  const go = (screen: string) => page.locator(`nav button[data-screen="${screen}"]`).click();

  await go('deadlines');
  await expect(page.getByTestId('held-packages')).toBeVisible();
  await check('deadlines');
  await page.getByTestId('held-destroy-HELDPSEUDO1').click();
  await page.getByTestId('held-destroy-badge').fill(OPERATOR_BADGE);
  await page.getByTestId('held-destroy-confirm').click();
  await expect(page.getByTestId('held-destroy-error')).toBeVisible();
  await check('destroy refused');
  await page.getByTestId('held-destroy-badge').fill(SUPERVISOR_BADGE);
  await page.getByTestId('held-destroy-confirm').click();
  await expect(page.getByTestId('certificate')).toBeVisible();
  const hash = (await page.getByTestId('certificate-hash').textContent()) ?? '';
  data.push(hash, (await page.getByTestId('certificate-number').textContent()) ?? '');
  await check('certificate');
  await page.getByTestId('certificate-close').click();
  await page.getByTestId('overdue-extendWait-late-job').click();
  await check('wait longer');
  await page.keyboard.press('Escape');
  await page.getByTestId('overdue-closeUnanswered-late-job').click();
  await check('close unanswered');
  await page.keyboard.press('Escape');
  await go('shifts');
  await expect(page.getByTestId('shift-summary')).toBeVisible();
  await check('shift');
  await page.getByTestId('shift-handover').click();
  await check('handover question');
  await page.getByTestId('handover-confirm').click();
  await expect(page.getByTestId('shift-handed-over')).toBeVisible();
  await check('handed over');
  await go('prints');
  await expect(page.getByTestId('print-log')).toBeVisible();
  await check('print centre');
  await go('settings');
  await expect(page.getByTestId('operators')).toBeVisible();
  await check('settings');
  await page.screenshot({ path: desk.screenshotPath('supervisor-pseudo-locale-settings'), fullPage: true });
  expect(findings, 'texts on screen that came from no catalogue').toEqual([]);
});

test('a cancelled job with nothing to ship back is closed, and a job blocked on its address has its drives destroyed at 90 days, from Deadlines', async ({ page, desk }) => {
  test.setTimeout(SCREENS_TEST_TIMEOUT_MS);
  const cancelled = importJob('gone-job', 'TRK-GONE-1', ['GONE1']);
  (cancelled.properties as Record<string, unknown>).cancelRequested = true;
  // No return address: the first label flags the job for the operations team.
  await desk.api('jobs.import', { document: { value: [cancelled, importJob('blocked-job', 'TRK-BLOCKED-1', ['BLK1', 'BLK2'])] } });
  await desk.api('operators.save', { name: 'Sam Supervisor', badge: SUPERVISOR_BADGE, role: 'supervisor' });
  await desk.api('operators.save', { name: 'Olga Operator', badge: OPERATOR_BADGE, role: 'operator', supervisorBadge: SUPERVISOR_BADGE });
  await desk.api('operators.signIn', { badge: OPERATOR_BADGE });
  const empty = await desk.api<{ packageId: number }>('packages.checkIn', { trackingNumber: 'TRK-GONE-1' });
  await desk.api('packages.close', { packageId: empty.packageId });
  const box = await desk.api<{ packageId: number }>('packages.checkIn', { trackingNumber: 'TRK-BLOCKED-1' });
  for (const serial of ['BLK1', 'BLK2']) await desk.api('scans.record', { packageId: box.packageId, code: serial });
  await desk.api('packages.close', { packageId: box.packageId });
  for (const serial of ['BLK1', 'BLK2']) await desk.api('drives.transition', { jobId: 'blocked-job', driveId: serial, to: 'Transferring' });
  await expect(desk.api('labels.render', { jobId: 'blocked-job', kind: 'packingSlip', format: 'pdf' })).rejects.toThrow(/flagged/);

  await countPrintDialogs(page);
  await page.goto(desk.launchUrl);
  await nav(page, 'Deadlines');
  const gone = page.locator('[data-testid="cancelled-jobs"] tr[data-job="gone-job"]');
  await gone.getByTestId('cancelled-closeCancelled-gone-job').click();
  await expect(page.getByTestId('job-closeCancelled-what')).toContainText('nothing can be shipped back');
  await page.getByTestId('job-closeCancelled-note').fill('Empty box; the customer cancelled');
  await page.getByTestId('job-closeCancelled-badge').fill(SUPERVISOR_BADGE);
  await page.getByTestId('job-closeCancelled-confirm').click();
  await expect(page.getByTestId('deadlines-done')).toHaveText('Cancelled job gone-job closed.');
  await expect(gone).toHaveCount(0);
  expect((await desk.api<{ state: string }>('jobs.get', { jobId: 'gone-job' })).state).toBe('Closed');

  const blocked = page.locator('[data-testid="blocked-jobs"] tr[data-job="blocked-job"]');
  await expect(blocked).toHaveAttribute('data-can-destroy', 'false');
  await expect(blocked.getByTestId('blocked-destroyDrives-blocked-job')).toHaveCount(0);
  desk.clock.advance(90 * DAY_MS);
  await page.reload();
  await signInAgain(page);
  await nav(page, 'Deadlines');
  await expect(blocked).toHaveAttribute('data-can-destroy', 'true');
  await blocked.getByTestId('blocked-destroyDrives-blocked-job').click();
  await page.getByTestId('destroy-method').selectOption('crushing');
  await page.getByTestId('job-destroyDrives-badge').fill(SUPERVISOR_BADGE);
  await page.getByTestId('job-destroyDrives-confirm').click();
  await expect(page.getByTestId('certificate-serials')).toHaveText('BLK1, BLK2');
  await expect(page.getByTestId('certificate-validated-by')).toHaveText('Sam Supervisor');
  await expectNoSeriousViolations(page, 'job destruction certificate');
  await page.screenshot({ path: desk.screenshotPath('supervisor-blocked-job-certificate'), fullPage: true });
  // Its print: opening the preview logs nothing; the preview's Print logs one print sent to the
  // dialog (with the certificate), a second asks why, its Download logs one download.
  type Log = { entries: { kind: string; outcome: string; certificateId: number | null; reprintReason: string | null }[]; total: number };
  const certificateLog = () => desk.api<Log>('labels.printLog', { kind: 'destruction' });
  await page.getByTestId('certificate-print').click();
  const preview = page.getByTestId('print-preview');
  await expect(preview.getByTestId('print-preview-item')).toHaveCount(1);
  expect((await certificateLog()).total).toBe(0);
  await preview.getByRole('button', { name: 'Print…' }).click();
  await expect(preview.getByTestId('print-preview-notice')).toHaveText('Destruction certificate sent to the printer.');
  expect(await printDialogsOpened(page)).toBe(1);
  await preview.getByRole('button', { name: 'Print…' }).click();
  await preview.getByTestId('reprint-reason').fill('Customer asked for a copy');
  await preview.getByRole('button', { name: 'Print again', exact: true }).click();
  await expect.poll(async () => (await certificateLog()).total).toBe(2);
  await preview.getByRole('button', { name: 'Download' }).click();
  await expect(preview.getByTestId('print-preview-notice')).toHaveText('Destruction certificate downloaded.');
  const log = await certificateLog();
  expect(log.entries.map((entry) => [entry.outcome, entry.reprintReason])).toEqual([
    ['downloaded', null],
    ['sentToDialog', 'Customer asked for a copy'],
    ['sentToDialog', null],
  ]);
  expect(new Set(log.entries.map((entry) => entry.certificateId)).size).toBe(1);
  expect(log.entries[0]?.certificateId).not.toBeNull();
  expect(await printDialogsOpened(page)).toBe(2);
  await preview.getByRole('button', { name: 'Close all' }).click();
  await expect(page.getByTestId('deadlines-done')).toHaveText('The drives of job blocked-job are destroyed; the certificate is made.');
  await expect(blocked).toHaveCount(0);
  for (const serial of ['BLK1', 'BLK2']) {
    const history = await desk.api<{ drives: { state: string }[]; transitions: { to: string; reason: string | null }[] }>('drives.history', { driveId: serial });
    expect(history.drives[0]?.state).toBe('Faulted');
    expect(history.transitions.at(-1)).toMatchObject({ to: 'Faulted', reason: 'destroyedUnclaimed' });
  }
});
