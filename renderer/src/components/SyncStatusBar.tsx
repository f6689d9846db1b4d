import { useTranslation } from 'react-i18next';
import { useSyncStore } from '../state/sync-store';
import { useAppStore } from '../state/app-store';
import { SyncProgressBar } from './SyncProgressBar';

/** Always in the header: what waits to go upstream, when it last went, and what went wrong. */
export function SyncStatusBar() {
  const { t, i18n } = useTranslation();
  const { status, busy, runNow } = useSyncStore();
  const show = useAppStore((state) => state.show);
  if (status === null) return null;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const attention = status.rejected + status.held + status.unreadable.length;
  const problem = status.pausedReason ?? status.lastError;
  return (
    <div className="sync-bar" data-testid="sync-bar" role="status" aria-live="polite">
      {!status.configured ? (
        <span className="sync-bar__item muted">{t('sync.off')}</span>
      ) : (
        <>
          <span className="sync-bar__item" data-testid="sync-pending">
            {t('sync.pending', { count: status.pending })}
          </span>
          <span className="sync-bar__item" data-testid="sync-last-success">
            {status.lastSuccessAt === null ? t('sync.neverSynced') : t('sync.lastSuccess', { time: time.format(new Date(status.lastSuccessAt)) })}
          </span>
        </>
      )}
      {attention > 0 ? (
        <button type="button" className="sync-bar__attention" data-testid="sync-attention" onClick={() => show('sync')}>
          <span aria-hidden="true">⚠ </span>
          {t('sync.attentionCount', { count: attention })}
        </button>
      ) : null}
      {problem === null ? null : (
        <span className="sync-bar__error" data-testid="sync-error" title={problem}>
          <span aria-hidden="true">✕ </span>
          {status.pausedReason === null ? t('sync.failed') : t('sync.paused')}
        </span>
      )}
      {status.running ? <SyncProgressBar progress={status.progress} compact /> : null}
      <button type="button" className="button sync-bar__now" onClick={() => void runNow()} disabled={busy || !status.configured} data-testid="sync-now">
        {busy ? t('sync.running') : t('sync.now')}
      </button>
    </div>
  );
}
