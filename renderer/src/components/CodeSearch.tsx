import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { lookUp } from '../scanning/use-scan-routing';

/**
 * Find a drive or a package by typing its serial or tracking number, on any screen: the same
 * lookup a scan gets (a serial opens the drive's card, a tracking number the scan station).
 */
export function CodeSearch() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    const typed = code.trim();
    if (typed === '') return;
    setCode('');
    void lookUp(typed, true);
  }
  return (
    <form className="code-search" role="search" onSubmit={submit}>
      <label>
        <span className="visually-hidden">{t('card.search')}</span>
        <input type="search" value={code} onChange={(event) => setCode(event.target.value)} placeholder={t('card.search')} autoComplete="off" spellCheck={false} data-testid="code-search" />
      </label>
      <button type="submit" className="button button--small" aria-label={t('card.find')}>
        {t('card.findShort')}
      </button>
    </form>
  );
}
