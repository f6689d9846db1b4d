/**
 * The board's language: the supervisor's choice, kept in this browser (the board has no desk
 * settings); at first the browser's own language when it is one of the six, else English.
 */
import i18next from 'i18next';
import { isLocale, LOCALES, type Locale } from '../../../shared/i18n/locales';
import { DEFAULT_LOCALE, screenLanguage } from '../i18n';

const STORAGE_KEY = 'receiving-board.locale';

export function preferredBoardLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored !== null && isLocale(stored)) return stored;
  for (const wanted of navigator.languages) {
    const exact = LOCALES.find((locale) => locale.toLowerCase() === wanted.toLowerCase());
    if (exact !== undefined) return exact;
    const base = LOCALES.find((locale) => locale.split('-')[0] === wanted.split('-')[0]?.toLowerCase());
    if (base !== undefined) return base;
  }
  return DEFAULT_LOCALE;
}

export async function applyBoardLanguage(locale: Locale): Promise<void> {
  const language = screenLanguage(locale);
  if (i18next.language !== language) await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  document.title = i18next.t('board.title');
}

export async function chooseBoardLanguage(locale: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale);
  await applyBoardLanguage(locale);
}
