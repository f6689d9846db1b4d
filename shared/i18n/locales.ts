/** The desk's languages (the source document came in these), each named in its own language. */
export const LOCALES = ['en', 'cs', 'ru', 'pt-BR', 'sv', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_ENDONYMS: Readonly<Record<Locale, string>> = {
  en: 'English',
  cs: 'Čeština',
  ru: 'Русский',
  'pt-BR': 'Português (Brasil)',
  sv: 'Svenska',
  es: 'Español',
};

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
