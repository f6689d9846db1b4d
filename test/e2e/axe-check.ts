/** axe as every e2e runs it here: WCAG 2.1 A and AA rules, serious and critical violations fail. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, type WebDesk } from './web-desk';

/** Serious and critical violations fail; moderate and minor are printed for the record. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);
/** axe walks the whole DOM of eight screens; on a loaded 2-core machine that takes minutes. */
export const AXE_TEST_TIMEOUT_MS = 240_000;

export async function expectNoSeriousViolations(page: Page, desk: WebDesk, screen: string): Promise<void> {
  const started = Date.now();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
  const minor = results.violations.filter((violation) => !FAILING_IMPACTS.has(violation.impact ?? ''));
  console.log(`axe ${screen}: ${Date.now() - started} ms, ${results.violations.length} violation kinds`);
  if (minor.length > 0) console.log(`axe ${screen}: ${minor.map((violation) => `${violation.id} (${violation.impact})`).join(', ')}`);
  expect(
    failing.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`),
    screen,
  ).toEqual([]);
  await page.screenshot({ path: desk.screenshotPath(`a11y-${screen}`), fullPage: true });
}

