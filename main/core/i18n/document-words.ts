/**
 * Words for printed documents (packing slip, certificate) in the language chosen for the job's
 * customer, from the same catalogues the screens use (docs/i18n.md): the `documents` section, and
 * drive states in words.
 */
import { isLocale, type Locale } from '../../../shared/i18n/locales';
import cs from '../../../renderer/src/i18n/locales/cs.json';
import en from '../../../renderer/src/i18n/locales/en.json';
import es from '../../../renderer/src/i18n/locales/es.json';
import ptBR from '../../../renderer/src/i18n/locales/pt-BR.json';
import ru from '../../../renderer/src/i18n/locales/ru.json';
import sv from '../../../renderer/src/i18n/locales/sv.json';
import type { MessageParams } from '../../../shared/rpc/envelope';

type Tree = { readonly [key: string]: string | Tree };
const CATALOGUES: Readonly<Record<Locale, Tree>> = { en, cs, ru, 'pt-BR': ptBR, sv, es };

/** Documents print in English unless the job's customer was given another language. */
export const DEFAULT_DOCUMENT_LOCALE: Locale = 'en';

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export interface DocumentWords {
  readonly locale: Locale;
  /** A catalogue text with its params filled in; a count picks the language's plural form. */
  (key: string, params?: MessageParams): string;
  /** A date and time as the language writes it, in UTC (a document is read far from the desk). */
  dateTime(iso: string): string;
  date(iso: string): string;
}

export function documentWords(requested: string | null | undefined): DocumentWords {
  const locale: Locale = requested !== null && requested !== undefined && isLocale(requested) ? requested : DEFAULT_DOCUMENT_LOCALE;
  const catalogue = CATALOGUES[locale];
  const plurals = new Intl.PluralRules(locale);
  const say = ((key: string, params?: MessageParams) => {
    const count = params?.count;
    const pluralKey = typeof count === 'number' ? `${key}_${plurals.select(count)}` : undefined;
    const template =
      (pluralKey === undefined ? undefined : lookup(catalogue, pluralKey)) ??
      lookup(catalogue, key) ??
      (pluralKey === undefined ? undefined : lookup(en, `${key}_${count === 1 ? 'one' : 'other'}`)) ??
      lookup(en, key) ??
      key;
    return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
      const value = params?.[name];
      return value === undefined ? whole : String(value);
    });
  }) as DocumentWords;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return Object.assign(say, {
    locale,
    dateTime: (iso: string) => `${dateTime.format(new Date(iso))} UTC`,
    date: (iso: string) => date.format(new Date(iso)),
  });
}
