import { useTranslation } from 'react-i18next';
import { LOCALE_ENDONYMS, LOCALES, isLocale, type Locale } from '../../../shared/i18n/locales';

/** A language picker, each language named in itself; where the choice is kept is the caller's. */
export function LanguageSelect({ onSelect }: { readonly onSelect: (locale: Locale) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={i18n.language} onChange={(event) => isLocale(event.target.value) && onSelect(event.target.value)} data-testid="language-switch">
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale} translate="no">
            {LOCALE_ENDONYMS[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
