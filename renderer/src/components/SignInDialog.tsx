import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskQuery } from '../data/use-desk-query';
import { useAppStore } from '../state/app-store';
import { deskClient } from '../state/desk-client';
import { describeError } from '../i18n/describe-error';

/** Sign in by scanning a badge (the field has the focus) or by picking a name. */
export function SignInDialog({ onClose, expired = false }: { readonly onClose: () => void; readonly expired?: boolean }) {
  const { t } = useTranslation();
  const loadSettings = useAppStore((state) => state.loadSettings);
  const operators = useDeskQuery('operators.list', {}, { refreshOn: ['operators'] }).data?.operators ?? [];
  const [error, setError] = useState<string | null>(null);
  const badge = useRef<HTMLInputElement>(null);

  useEffect(() => {
    badge.current?.focus();
  }, []);

  async function signIn(params: { badge: string } | { name: string }) {
    const result = await deskClient().call('operators.signIn', params);
    if (!result.ok) {
      setError(describeError(result.error));
      if (badge.current !== null) badge.current.value = '';
      return;
    }
    // The header follows the `settings` event too; loading here makes the change visible before the dialog closes.
    await loadSettings();
    onClose();
  }

  function onBadge(event: FormEvent) {
    event.preventDefault();
    const code = badge.current?.value.trim() ?? '';
    if (code !== '') void signIn({ badge: code });
  }

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="sign-in-title" data-testid="sign-in">
        <h2 id="sign-in-title">{t('signIn.title')}</h2>
        {expired ? (
          <p className="notice notice--warning" role="status" data-testid="sign-in-expired">
            {t('signIn.expired')}
          </p>
        ) : null}
        <form onSubmit={onBadge}>
          <label className="field">
            <span>{t('signIn.scanBadge')}</span>
            <input ref={badge} type="password" autoComplete="off" data-testid="badge-field" />
          </label>
        </form>
        {error === null ? null : (
          <p className="notice notice--error" role="alert">
            <span aria-hidden="true">✕ </span>
            {error}
          </p>
        )}
        <p>{t('signIn.orPick')}</p>
        {operators.length === 0 ? <p className="muted">{t('signIn.noOperators')}</p> : null}
        <div className="operator-list">
          {operators.map((operator) => (
            <button key={operator.name} type="button" className="button operator-button" onClick={() => void signIn({ name: operator.name })}>
              {operator.name}
            </button>
          ))}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('signIn.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
