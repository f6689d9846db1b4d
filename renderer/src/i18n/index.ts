import i18next, { type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import cs from './locales/cs.json';
import en from './locales/en.json';
import es from './locales/es.json';
import ptBR from './locales/pt-BR.json';
import ru from './locales/ru.json';
import sv from './locales/sv.json';
import type { Locale } from '../../../shared/i18n/locales';

export const DEFAULT_LOCALE: Locale = 'en';
export const CATALOGUES: Readonly<Record<Locale, ResourceLanguage[string]>> = { en, cs, ru, 'pt-BR': ptBR, sv, es };

/** One i18next instance for the renderer; every user-facing string comes from a catalogue. */
export async function initI18n(locale: string = DEFAULT_LOCALE): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(CATALOGUES).map(([code, catalogue]) => [code, { translation: catalogue }])),
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
