import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';
import { StateLabel } from './StateLabel';
import { QueryState } from './QueryState';
import { useDeskQuery } from '../data/use-desk-query';

/** Chain of custody of one serial: every transition, across jobs, with who, where and when. */
export function DriveHistoryPanel({ serial }: { readonly serial: string }) {
  const { t, i18n } = useTranslation();
  const close = useAppStore((state) => state.openHistory);
  const query = useDeskQuery('drives.history', { driveId: serial }, { refreshOn: ['drives'] });
  const history = query.data;

  // Esc closes the card (before the scan station sees it: the package stays as it is).
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      close(null);
    }
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [close]);

  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <aside className="history-panel" aria-labelledby="history-heading" data-testid="history-panel">
      <header>
        <h2 id="history-heading">{t('drives.historyOf', { serial })}</h2>
        <button type="button" className="button" onClick={() => close(null)} autoFocus>
          {t('drives.close')}
        </button>
      </header>
      <QueryState query={query}>{() => null}</QueryState>
      {history === null ? null : history.transitions.length === 0 ? (
        <p className="muted">{t('drives.historyEmpty')}</p>
      ) : (
        <ol className="history">
          {history.transitions.map((transition) => (
            <li key={transition.id} data-from={transition.from ?? ''} data-to={transition.to}>
              <strong>{transition.jobId}</strong>{' '}
              {transition.from === null ? (
                <StateLabel state={transition.to} kind={transition.entity} />
              ) : (
                <>
                  <StateLabel state={transition.from} kind={transition.entity} /> → <StateLabel state={transition.to} kind={transition.entity} />
                </>
              )}
              {transition.reason === null ? null : <code className="state__code">{transition.reason}</code>}
              <div className="muted">{t('drives.by', { operator: transition.operator, at: format.format(new Date(transition.at)) })}</div>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
