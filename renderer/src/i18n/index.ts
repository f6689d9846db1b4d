import i18next, { type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import cs from './locales/cs.json';
import en from './locales/en.json';
import es from './locales/es.json';
import ptBR from './locales/pt-BR.json';
import ru from './locales/ru.json';
import sv from './locales/sv.json';
import type { Locale } from '../../../shared/i18n/locales';
import { PSEUDO_LOCALE, markPseudoValue, pseudoCatalogue, pseudoLocaleOn } from './pseudo-locale';

export const DEFAULT_LOCALE: Locale = 'en';
export const CATALOGUES: Readonly<Record<Locale, ResourceLanguage[string]>> = { en, cs, ru, 'pt-BR': ptBR, sv, es };

/** The language the screens speak: the desk's setting, or the test locale when it is switched on. */
export function screenLanguage(locale: string): string {
  return pseudoLocaleOn() ? PSEUDO_LOCALE : locale;
}

/** One i18next instance for the renderer; every user-facing string comes from a catalogue. */
export async function initI18n(locale: string = DEFAULT_LOCALE): Promise<typeof i18next> {
  const resources = Object.fromEntries(Object.entries(CATALOGUES).map(([code, catalogue]) => [code, { translation: catalogue }]));
  const pseudo = pseudoLocaleOn();
  if (pseudo) resources[PSEUDO_LOCALE] = { translation: pseudoCatalogue(en) };
  await i18next.use(initReactI18next).init({
    resources,
    lng: screenLanguage(locale),
    fallbackLng: DEFAULT_LOCALE,
    // React escapes what it renders; in the pseudo-locale each filled-in value is marked instead.
    interpolation: pseudo ? { escapeValue: true, escape: markPseudoValue } : { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
