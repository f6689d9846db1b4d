import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';
import { QueryState } from './QueryState';
import { useDeskQuery } from '../data/use-desk-query';
import { DriveCard } from './DriveCard';

/**
 * The drive's card beside the screen (never over the navigation): job, state, package, where it is
 * now, and its chain of custody. Esc closes it, and so does going to another screen.
 */
export function DriveHistoryPanel({ serial }: { readonly serial: string }) {
  const { t } = useTranslation();
  const close = useAppStore((state) => state.openHistory);
  const query = useDeskQuery('drives.history', { driveId: serial }, { refreshOn: ['drives', 'packages', 'jobs'] });

  // Esc closes the card (before the scan station sees it: the package stays as it is).
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]') !== null) return;
      event.preventDefault();
      close(null);
    }
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [close]);

  return (
    <aside className="history-panel" aria-labelledby="history-heading" data-testid="history-panel">
      <header>
        <h2 id="history-heading">
          {t('card.title', { serial: query.data?.serial ?? serial })}
        </h2>
        <button type="button" className="button" onClick={() => close(null)} autoFocus>
          {t('drives.close')}
        </button>
      </header>
      <QueryState query={query}>{(history) => <DriveCard history={history} />}</QueryState>
    </aside>
  );
}
