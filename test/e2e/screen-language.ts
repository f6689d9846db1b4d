/**
 * What a person reads on the page, and checks that all of it came from a catalogue: in the
 * pseudo-locale every catalogue text is wrapped in ⟦ ⟧ (renderer/src/i18n/pseudo-locale.ts), and in
 * Czech or Russian no English sentence may show. Data (serials, job names, tracking numbers, names,
 * numbers, dates) is allowed: by the element that holds it (`translate="no"`, HTML's own mark for
 * text that is not to be translated) or by the test's own list of the data it created.
 */
import type { Page } from '@playwright/test';

/** One text a person reads or a screen reader speaks, with where it is. */
export interface ScreenText {
  readonly text: string;
  readonly where: string;
}

/** Attributes a screen reader speaks or a person sees on hover. */
const SPOKEN_ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt'];

/** Every visible text node and spoken attribute of the page, data marked `translate="no"` left out. */
export async function screenTexts(page: Page): Promise<ScreenText[]> {
  return page.evaluate((spoken) => {
    const out: { text: string; where: string }[] = [];
    const describe = (element: Element): string => {
      const id = element.id === '' ? '' : `#${element.id}`;
      const test = element.getAttribute('data-testid');
      return `${element.tagName.toLowerCase()}${id}${test === null ? '' : `[data-testid=${test}]`}`;
    };
    const isData = (element: Element | null): boolean => element?.closest('[translate="no"], script, style, noscript, template') !== null;
    const isShown = (element: Element): boolean => {
      if (element.closest('option') !== null) {
        const select = element.closest('select');
        return select !== null && select.checkVisibility() && (element.closest('option') as HTMLOptionElement).selected;
      }
      return element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const parent = node.parentElement;
      if (text === '' || parent === null || isData(parent) || !isShown(parent)) continue;
      out.push({ text, where: describe(parent) });
    }
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      if (isData(element) || !isShown(element)) continue;
      for (const name of spoken) {
        const value = element.getAttribute(name);
        if (value !== null && value.trim() !== '') out.push({ text: value.trim(), where: `${describe(element)}@${name}` });
      }
    }
    return out;
  }, SPOKEN_ATTRIBUTES);
}

/** Month and day names and the day period as Intl writes them in English: dates are data, not text. */
function englishDateWords(): string[] {
  const words = new Set<string>();
  for (let month = 0; month < 12; month += 1) {
    const date = new Date(Date.UTC(2026, month, 15, 9));
    for (const style of ['long', 'short'] as const) words.add(new Intl.DateTimeFormat('en', { month: style, timeZone: 'UTC' }).format(date));
  }
  for (let day = 0; day < 7; day += 1) {
    const date = new Date(Date.UTC(2026, 10, 2 + day));
    for (const style of ['long', 'short'] as const) words.add(new Intl.DateTimeFormat('en', { weekday: style, timeZone: 'UTC' }).format(date));
  }
  for (const period of ['AM', 'PM']) words.add(period);
  return [...words];
}

function withoutData(text: string, data: readonly string[]): string {
  let left = text;
  for (const item of [...data].sort((a, b) => b.length - a.length)) if (item !== '') left = left.split(item).join(' ');
  return left;
}

const hasWord = (text: string) => /\p{L}{2,}/u.test(text);

/** Takes out every ⟦…⟧, nested ones included. */
function withoutCatalogueTexts(text: string): string {
  let left = text;
  for (let previous = ''; previous !== left; ) {
    previous = left;
    left = left.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  }
  return left;
}

/**
 * Texts not from a catalogue in the pseudo-locale: a value filled into a catalogue text (marked
 * ‹…›) that is neither a catalogue text nor the given data, or anything left outside ⟦…⟧ once the
 * data is taken out that still has a word in it.
 */
export function textsOutsideCatalogue(texts: readonly ScreenText[], data: readonly string[]): ScreenText[] {
  const allowed = [...data, ...englishDateWords()];
  return texts.filter(({ text }) => {
    const values = [...text.matchAll(/‹([^‹›]*)›/g)].map((match) => match[1] ?? '');
    if (values.some((value) => hasWord(withoutData(withoutCatalogueTexts(value), allowed)))) return true;
    return hasWord(withoutData(withoutCatalogueTexts(text.replace(/‹[^‹›]*›/g, ' ')), allowed));
  });
}

/** Short English words a sentence can hardly do without; codes and names do not have them. */
const ENGLISH_GLUE = new Set(['the', 'is', 'a', 'an', 'of', 'to', 'for', 'and', 'not', 'no', 'was', 'has', 'be', 'in', 'on', 'with', 'this', 'that', 'it', 'its', 'are', 'by', 'from', 'or', 'at', 'as', 'nothing', 'cannot', 'missing']);

/**
 * English sentences on a Czech or Russian screen: three or more Latin words in a row, two of them
 * English glue words ("No job named X is at this desk", "sent to the print dialog").
 */
export function englishSentences(texts: readonly ScreenText[], data: readonly string[]): ScreenText[] {
  return texts.filter(({ text }) => {
    const runs = withoutData(text, data).split(/[^A-Za-z'\s]+/);
    return runs.some((run) => {
      const words = run.trim().split(/\s+/).filter((word) => word !== '');
      return words.length >= 3 && words.filter((word) => ENGLISH_GLUE.has(word.toLowerCase())).length >= 2;
    });
  });
}

/** Switches the pseudo-locale on for this page's browser profile, before the desk loads. */
export async function usePseudoLocale(page: Page): Promise<void> {
  await page.addInitScript(() => window.localStorage.setItem('receiving-desk.pseudo-locale', '1'));
}
