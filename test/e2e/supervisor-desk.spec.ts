import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { openDatabase } from '../../main/db/open-database';
import { test as base, type Page } from '@playwright/test';
import { startClockedDesk, type ClockedDesk } from './clocked-desk';
import { importJob } from './job-documents';
import { englishSentences, screenTexts } from './screen-language';
import { expect, scan } from './web-desk';

/**
 * The supervisor's desk from the screens, in Czech and in Russian: a held package from check-in to
 * destruction with a supervisor's badge (the certificate shown, the package destroyed in the
 * database), the sign-in that ends with the shift, and a shift handed over. The desk runs on a clock
 * the test moves, so 91 days pass in a second.
 */
const test = base.extend<{ desk: ClockedDesk }>({
  // eslint-disable-next-line no-empty-pattern
  desk: async ({}, use) => {
    const { desk, stop } = await startClockedDesk('2026-03-02T08:00:00.000Z');
    await use(desk);
    await stop();
  },
});

const DAY_MS = 24 * 60 * 60 * 1000;
/** Walking a package to its end and a shift to its handover, with screenshots and axe, on a loaded machine. */
const FLOW_TIMEOUT_MS = 180_000;
const OPERATOR_BADGE = 'OP-BADGE-4711';
const SUPERVISOR_BADGE = 'SUP-BADGE-0815';
/** Serious and critical axe violations fail the test; moderate and minor are printed. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

type Catalogue = Record<string, Record<string, unknown>>;
const catalogue = (locale: string): Catalogue =>
  JSON.parse(readFileSync(new URL(`../../renderer/src/i18n/locales/${locale}.json`, `file://${__filename}`), 'utf8')) as Catalogue;
const text = (c: Catalogue, key: string): string => {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], c);
  if (typeof value !== 'string') throw new Error(`no text ${key}`);
  return value;
};

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
  const minor = results.violations.filter((violation) => !FAILING_IMPACTS.has(violation.impact ?? ''));
  if (minor.length > 0) console.log(`axe ${what}: ${minor.map((violation) => `${violation.id} (${violation.impact})`).join(', ')}`);
  expect(failing.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`), what).toEqual([]);
}

async function expectNoEnglish(page: Page, data: readonly string[], where: string): Promise<void> {
  expect(englishSentences(await screenTexts(page), data), where).toEqual([]);
}

async function nav(page: Page, c: Catalogue, screen: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: text(c, `nav.${screen}`), exact: true }).click();
}

for (const { locale, operator, supervisor, held, serials, job, jobTracking, jobSerials } of [
  {
    locale: 'cs',
    operator: 'Jana Nováková',
    supervisor: 'Petr Svoboda',
    held: 'HELD-CS-1',
    serials: ['HCS0001', 'HCS0002'],
    job: 'zakazka-cs',
    jobTracking: 'TRK-CS-2',
    jobSerials: ['CSD001', 'CSD002', 'CSD003'],
  },
  {
    locale: 'ru',
    operator: 'Анна Иванова',
    supervisor: 'Олег Петров',
    held: 'HELD-RU-1',
    serials: ['HRU0001', 'HRU0002'],
    job: 'zadanie-ru',
    jobTracking: 'TRK-RU-2',
    jobSerials: ['RUD001', 'RUD002', 'RUD003'],
  },
] as const) {
  test(`${locale}: a held package from check-in to destruction with a supervisor's badge, then the shift handed over`, async ({ page, desk }) => {
    test.setTimeout(FLOW_TIMEOUT_MS);
    const c = catalogue(locale);
    const heldKey = held.replaceAll('-', '');
    // The desk is set up by its first supervisor: an operator and a supervisor, each with a badge.
    await desk.api('settings.set', { locale, siteOrganisation: 'Datacenter Praha-Sever', deskName: `Pult ${locale}` });
    await desk.api('operators.save', { name: operator, badge: OPERATOR_BADGE, role: 'operator', title: 'Receiving' });
    await desk.api('operators.save', { name: supervisor, badge: SUPERVISOR_BADGE, role: 'supervisor', title: 'Shift lead' });
    await desk.api('jobs.import', { document: importJob(job, jobTracking, jobSerials) });
    await desk.api('operators.signIn', { badge: OPERATOR_BADGE });

    // Day 0: a box for no known job is scanned in and held with its drives.
    await page.goto(desk.launchUrl);
    await expect(page.getByTestId('scan-field')).toBeFocused();
    await expect(page.getByTestId('operator-name')).toHaveText(operator);
    await scan(page, held);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'unknown');
    for (const serial of serials) {
      await scan(page, serial);
      await expect(page.getByTestId('scan-log').locator('li').first()).toHaveAttribute('data-verdict', 'held');
    }
    await expect(page.getByTestId('scan-log').locator('li')).toHaveCount(serials.length + 1);
    // The box is closed; the package stays held with its drives.
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('close-summary')).toBeVisible();

    // Day 1: destroying is refused before 90 days; Deadlines offers contact and an early return only.
    desk.clock.advance(DAY_MS);
    await nav(page, c, 'deadlines');
    const row = page.locator(`[data-testid="held-packages"] tr[data-tracking="${heldKey}"]`);
    await expect(row).toHaveAttribute('data-next', 'contact');
    await expect(row.getByTestId(`held-destroy-${heldKey}`)).toHaveCount(0);
    await row.getByTestId(`held-contact-${heldKey}`).click();
    await page.getByTestId('held-contact-note').fill('+420 601 123 456: nikdo to nezvedá / никто не отвечает');
    await page.getByTestId('held-contact-confirm').click();
    await expect(page.getByTestId('held-contact')).toBeHidden();
    await expect(page.getByTestId('deadlines-done')).toHaveText(text(c, 'held.doneContact').replace('{{tracking}}', heldKey));

    // Day 92: the operator's shift ended long ago: the desk asks her to sign in again.
    desk.clock.advance(91 * DAY_MS);
    await page.reload();
    await expect(page.getByTestId('sign-in-expired')).toHaveText(text(c, 'signIn.expired'));
    await page.getByTestId('badge-field').fill(OPERATOR_BADGE);
    await page.getByTestId('badge-field').press('Enter');
    await expect(page.getByTestId('sign-in')).toBeHidden();

    await nav(page, c, 'deadlines');
    await expect(row).toHaveAttribute('data-next', 'destroy');
    await expectNoEnglish(page, [operator, supervisor, held, heldKey, ...serials, job, jobTracking], `${locale} deadlines`);
    await page.screenshot({ path: desk.screenshotPath(`supervisor-${locale}-deadlines`), fullPage: true });
    await row.getByTestId(`held-destroy-${heldKey}`).click();
    const dialog = page.getByTestId('held-destroy');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('held-destroy-what')).toContainText(serials[0]);
    await page.getByTestId('destroy-method').selectOption('degaussingAndShredding');
    await page.getByTestId('destroy-verification').selectOption('sampling');
    await page.getByTestId('destroy-tool').fill('HD-3WXL');
    await expectNoSeriousViolations(page, `${locale} destroy dialog`);

    // An operator's badge will not do: the dialog says why and stays open.
    await page.getByTestId('held-destroy-badge').fill(OPERATOR_BADGE);
    await page.getByTestId('held-destroy-confirm').click();
    await expect(page.getByTestId('held-destroy-error')).toBeVisible();
    await expect(page.getByTestId('held-destroy-error')).not.toContainText('supervisor');
    await expectNoEnglish(page, [operator, supervisor, held, heldKey, ...serials, 'HD-3WXL'], `${locale} refusal`);
    await page.screenshot({ path: desk.screenshotPath(`supervisor-${locale}-destroy-refused`), fullPage: true });

    // The supervisor scans hers: the certificate is made and shown.
    await page.getByTestId('held-destroy-badge').fill(SUPERVISOR_BADGE);
    await page.getByTestId('held-destroy-confirm').click();
    const certificate = page.getByTestId('certificate');
    await expect(certificate).toBeVisible();
    await expect(page.getByTestId('certificate-serials')).toHaveText(serials.join(', '));
    await expect(page.getByTestId('certificate-validated-by')).toHaveText(supervisor);
    await expect(page.getByTestId('certificate-hash')).toHaveText(/^[0-9a-f]{64}$/);
    const hash = (await page.getByTestId('certificate-hash').textContent()) ?? '';
    await expectNoEnglish(page, [operator, supervisor, held, heldKey, ...serials, hash], `${locale} certificate`);
    await expectNoSeriousViolations(page, `${locale} certificate`);
    await page.screenshot({ path: desk.screenshotPath(`supervisor-${locale}-certificate`), fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByTestId('certificate-download').click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByTestId('certificate-close').click();
    await expect(certificate).toBeHidden();
    await expect(row).toHaveCount(0);

    // In the database: the package ended destroyed, one certificate with that hash, both people named.
    const db = openDatabase(desk.databaseFile, { readonly: true });
    let packageId: number;
    try {
      const pkg = db.prepare('SELECT id, outcome FROM packages WHERE tracking_number = ?').get(heldKey) as { id: number; outcome: string };
      expect(pkg.outcome).toBe('destroyed');
      packageId = pkg.id;
      const certificates = db.prepare('SELECT content_sha256 AS hash, performed_by AS performedBy, validated_by AS validatedBy FROM certificates WHERE package_id = ?').all(pkg.id);
      expect(certificates).toEqual([{ hash, performedBy: operator, validatedBy: supervisor }]);
      const events = db.prepare('SELECT kind, confirmed_by AS confirmedBy FROM package_events WHERE package_id = ? ORDER BY id').all(pkg.id);
      expect(events).toEqual([
        { kind: 'contact', confirmedBy: null },
        { kind: 'destroy', confirmedBy: supervisor },
      ]);
    } finally {
      db.close();
    }
    const history = await desk.api<{ heldDrives: { serial: string; state: string }[] }>('packages.history', { packageId });
    expect(history.heldDrives.map((drive) => `${drive.serial}:${drive.state}`)).toEqual(serials.map((serial) => `${serial}:destroyed`));

    // The rest of the shift: a box for a Shipping job, two of its three drives, closed.
    await nav(page, c, 'scan');
    await scan(page, jobTracking);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'matched');
    for (const serial of jobSerials.slice(0, 2)) {
      await scan(page, serial);
      await expect(page.getByTestId('scan-log').locator('li').first()).toHaveAttribute('data-verdict', 'received');
    }
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('close-summary')).toBeVisible();

    await nav(page, c, 'shifts');
    const mine = page.locator(`[data-testid="shift-summary"] tr[data-operator="${operator}"]`);
    await expect(mine.getByTestId('shift-packages')).toHaveText('1');
    await expect(mine.getByTestId('shift-received')).toHaveText('2');
    await expect(mine.getByTestId('shift-neverReceived')).toHaveText('1');
    await expectNoEnglish(page, [operator, supervisor, job, jobTracking], `${locale} shift`);
    await expectNoSeriousViolations(page, `${locale} shift`);
    await page.getByTestId('shift-handover').click();
    await page.getByTestId('handover-note').fill(locale === 'cs' ? 'Krabice TRK-CS-2: chybí jeden disk.' : 'Коробка TRK-RU-2: не хватает одного диска.');
    await page.getByTestId('handover-confirm').click();
    await expect(page.getByTestId('shift-handed-over')).toBeVisible();
    await expect(page.getByTestId('operator-name')).not.toHaveText(operator);
    await expect(page.locator(`[data-testid="shift-summary"] tr[data-operator="${operator}"] [data-testid="shift-received"]`)).toHaveText('2');
    await expectNoEnglish(page, [operator, supervisor, job, jobTracking], `${locale} handover`);
    await page.screenshot({ path: desk.screenshotPath(`supervisor-${locale}-handover`), fullPage: true });
    const csv = page.waitForEvent('download');
    await page.getByTestId('shift-export').click();
    const exported = readFileSync(await (await csv).path(), 'utf8');
    expect(exported).toContain(operator);
    const settings = await desk.api<{ signedInAt: string | null }>('settings.get', {});
    expect(settings.signedInAt).toBeNull();
  });
}
