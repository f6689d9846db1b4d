import { useTranslation } from 'react-i18next';
import { LOCALE_ENDONYMS, LOCALES, isLocale } from '../../../shared/i18n/locales';
import { useAppStore } from '../state/app-store';

/** The language of this desk's screens; kept in the desk's settings, so it survives a restart. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setLocale = useAppStore((state) => state.setLocale);
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={i18n.language} onChange={(event) => isLocale(event.target.value) && void setLocale(event.target.value)} data-testid="language-switch">
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_ENDONYMS[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
