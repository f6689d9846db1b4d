import { isLocale, type Locale } from '../../../shared/i18n/locales';

/**
 * The language a printed document (packing slip, certificate) is asked for in: the screen's own,
 * which the operator sets to the customer's when printing for them; the pseudo-locale prints English.
 */
export function documentLanguage(screenLanguage: string): { language?: Locale } {
  return isLocale(screenLanguage) ? { language: screenLanguage } : {};
}
