/**
 * The core's own words, in English, from the same catalogue the screens use (docs/i18n.md): a
 * method's `message` for scripts and logs is the English text of the key a screen says in the
 * operator's language, so the two never drift apart.
 */
import type { CoreText, MessageParams } from '../../../shared/rpc/envelope';
import en from '../../../renderer/src/i18n/locales/en.json';

const ENGLISH: Readonly<Record<string, string>> = en.core;

/** The English text of a core key with its params filled in; the key itself when the catalogue has none. */
export function englishText(text: CoreText): string {
  const count = text.params?.count;
  // English plurals: key_one for exactly one, key_other for the rest (i18next's own rule for English).
  const template = ENGLISH[text.key] ?? ENGLISH[`${text.key}_${count === 1 ? 'one' : 'other'}`];
  if (template === undefined) return text.key;
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
    const value = text.params?.[name];
    return value === undefined ? whole : String(value);
  });
}

/** A core message: the key and params for a screen, and the English sentence for a script. */
export function said(key: string, params?: MessageParams): { readonly text: CoreText; readonly message: string } {
  const text: CoreText = params === undefined ? { key } : { key, params };
  return { text, message: englishText(text) };
}
