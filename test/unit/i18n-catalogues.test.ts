import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/i18n/locales';

const LOCALE_DIR = path.resolve(__dirname, '..', '..', 'renderer', 'src', 'i18n', 'locales');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;
/** Keys whose text may be the same in every language: key names printed on a keyboard, units. */
const SAME_IN_EVERY_LANGUAGE = new Set([
  'scanner.endKeys.Enter',
  'scanner.endKeys.Tab',
  'scanner.ms',
  'scan.closeShortcut',
  'scan.leaveShortcut',
  'settings.megabytes',
  // Czech and Swedish say Import and Export as English does.
  'jobType.Import',
  'jobType.Export',
]);

type Catalogue = Record<string, string>;

function flatten(value: unknown, prefix = ''): Catalogue {
  const out: Catalogue = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const full = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof child === 'string') out[full] = child;
    else Object.assign(out, flatten(child, full));
  }
  return out;
}

function load(locale: string): Catalogue {
  return flatten(JSON.parse(readFileSync(path.join(LOCALE_DIR, `${locale}.json`), 'utf8')));
}

const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '');
const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((match) => match[1]).sort();
/** Letters left once placeholders are taken out: a string without any is the same in every language. */
const hasWords = (text: string) => /\p{L}{2,}/u.test(text.replace(PLACEHOLDER, ''));

const english = load('en');
const englishBases = new Set(Object.keys(english).map(baseKey));
const pluralBases = new Set(Object.keys(english).filter((key) => PLURAL_SUFFIX.test(key)).map(baseKey));

describe('message catalogues', () => {
  it('English has every key exactly once, plurals as _one and _other', () => {
    for (const base of pluralBases) {
      expect(english[`${base}_one`], base).toBeDefined();
      expect(english[`${base}_other`], base).toBeDefined();
    }
    expect(englishBases.size).toBeGreaterThan(300);
  });

  for (const locale of LOCALES.filter((code) => code !== 'en')) {
    describe(locale, () => {
      it('exists', () => expect(existsSync(path.join(LOCALE_DIR, `${locale}.json`))).toBe(true));

      it('has every key of English and no other, with the plural forms the language needs', () => {
        const catalogue = load(locale);
        const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        const expected = [...englishBases].flatMap((base) => (pluralBases.has(base) ? categories.map((category) => `${base}_${category}`) : [base])).sort();
        expect(Object.keys(catalogue).sort()).toEqual(expected);
      });

      it('keeps every placeholder of the English text', () => {
        const catalogue = load(locale);
        const problems = Object.entries(catalogue)
          .filter(([key, text]) => {
            const source = english[key] ?? english[`${baseKey(key)}_other`] ?? '';
            // A plural form may leave out the count where the language says "one" in words.
            const wanted = placeholders(source).filter((name) => !(PLURAL_SUFFIX.test(key) && name === 'count'));
            return wanted.some((name) => !placeholders(text).includes(name));
          })
          .map(([key, text]) => `${key}: ${text}`);
        expect(problems).toEqual([]);
      });

      it('adds no placeholder the English text does not have', () => {
        const catalogue = load(locale);
        const problems = Object.entries(catalogue)
          .filter(([key, text]) => {
            const source = english[key] ?? english[`${baseKey(key)}_other`] ?? '';
            // Plural forms may use the count though the English singular spells it out.
            const allowed = new Set([...placeholders(source), ...(PLURAL_SUFFIX.test(key) ? ['count'] : [])]);
            return placeholders(text).some((name) => !allowed.has(name));
          })
          .map(([key, text]) => `${key}: ${text}`);
        expect(problems).toEqual([]);
      });

      it('has no English left: every text with words is translated', () => {
        const catalogue = load(locale);
        const untranslated = Object.entries(catalogue)
          .filter(([key, text]) => !SAME_IN_EVERY_LANGUAGE.has(key) && hasWords(text) && (english[key] ?? english[`${baseKey(key)}_other`]) === text)
          .map(([key, text]) => `${key}: ${text}`);
        expect(untranslated).toEqual([]);
      });
    });
  }
});
