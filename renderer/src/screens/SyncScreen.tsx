import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from '../components/ConfirmAction';
import { EnrollForm } from '../components/EnrollForm';
import { UnreadableDocuments } from '../components/UnreadableDocuments';
import { StateLabel } from '../components/StateLabel';
import { SyncProgressBar } from '../components/SyncProgressBar';
import { useAppStore } from '../state/app-store';
import { deskClient } from '../state/desk-client';
import { useSyncStore } from '../state/sync-store';
import type { AttentionItem } from '../../../shared/rpc/results';
import { describeError } from '../i18n/describe-error';

/** Sync in full: the schedule, Needs attention with what the upstream said, and where the upstream is. */
export function SyncScreen() {
  const { t, i18n } = useTranslation();
  const { status, error, busy, runNow, resolve, refresh } = useSyncStore();
  // The rejected move whose upstream state a supervisor is asked to accept.
  const [accepting, setAccepting] = useState<AttentionItem | null>(null);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  const when = (iso: string | null) => (iso === null ? '—' : time.format(new Date(iso)));
  if (status === null) return <p>{t('app.loading')}</p>;
  return (
    <div className="sync-view">
      <h2>{t('sync.title')}</h2>
      {error === null ? null : <p className="notice notice--error">{describeError(error)}</p>}
      {status.pausedReason === null ? null : (
        <p className="notice notice--error" data-testid="sync-paused-reason">
          <span aria-hidden="true">✕</span> {status.pausedReason}
        </p>
      )}
      {status.lastError === null || status.pausedReason !== null ? null : (
        <p className="notice notice--warning" data-testid="sync-last-error">
          <span aria-hidden="true">⚠</span> {status.lastError}
        </p>
      )}
      <dl className="facts">
        <dt>{t('sync.upstream')}</dt>
        <dd>{status.upstreamUrl ?? t('sync.off')}</dd>
        <dt>{t('sync.liveLabel')}</dt>
        <dd data-testid="sync-live">{t(`sync.live.${status.live}`)}</dd>
        <dt>{t('sync.pendingLabel')}</dt>
        <dd data-testid="sync-view-pending">{status.pending}</dd>
        <dt>{t('sync.heldLabel')}</dt>
        <dd data-testid="sync-view-held">{status.held}</dd>
        <dt>{t('sync.sentLabel')}</dt>
        <dd>{status.sent}</dd>
        <dt>{t('sync.lastSuccessLabel')}</dt>
        <dd>{when(status.lastSuccessAt)}</dd>
        <dt>{t('sync.nextAttemptLabel')}</dt>
        <dd>{when(status.nextAttemptAt)}</dd>
      </dl>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => void runNow()} disabled={busy || !status.configured}>
          {busy ? t('sync.running') : t('sync.now')}
        </button>
        {status.running ? <SyncProgressBar progress={status.progress} /> : null}
      </div>

      <section aria-labelledby="attention-heading">
        <h3 id="attention-heading">{t('sync.attentionTitle')}</h3>
        {status.needsAttention.length === 0 && status.unreadable.length === 0 ? (
          <p className="muted">{t('sync.attentionEmpty')}</p>
        ) : status.needsAttention.length === 0 ? null : (
          <table data-testid="needs-attention">
            <thead>
              <tr>
                <th scope="col">{t('sync.col.status')}</th>
                <th scope="col">{t('sync.col.subject')}</th>
                <th scope="col">{t('sync.col.move')}</th>
                <th scope="col">{t('sync.col.upstreamSays')}</th>
                <th scope="col">{t('sync.col.at')}</th>
                <th scope="col">{t('sync.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {status.needsAttention.map((item) => (
                <tr key={item.seq} data-testid={`attention-${item.seq}`} data-status={item.status}>
                  <td>{item.status === 'rejected' ? `✕ ${t('sync.rejected')}` : `‖ ${t('sync.held')}`}</td>
                  <td>
                    {item.jobId}
                    {item.serial === null ? null : <> · <code>{item.serial}</code></>}
                  </td>
                  <td>
                    {item.from === null ? '—' : <StateLabel state={item.from} kind={item.entity} />} →{' '}
                    <StateLabel state={item.to} kind={item.entity} />
                  </td>
                  <td>
                    {item.status === 'held' ? (
                      t('sync.waitsBehind')
                    ) : (
                      <>
                        {item.upstreamReason}
                        {item.upstreamState === null ? null : (
                          <>
                            {' '}
                            ({t('sync.upstreamState')} <StateLabel state={item.upstreamState} kind={item.entity} />)
                          </>
                        )}
                      </>
                    )}
                  </td>
                  <td>{when(item.at)}</td>
                  <td>
                    {item.status === 'rejected' ? (
                      <span className="actions">
                        <button type="button" className="button" onClick={() => void resolve(item.seq, 'retry')}>
                          {t('sync.retry')}
                        </button>
                        <button type="button" className="button" onClick={() => setAccepting(item)} data-testid={`accept-upstream-${item.seq}`}>
                          {t('sync.acceptUpstream')}
                        </button>
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <UnreadableDocuments documents={status.unreadable} when={(iso) => when(iso)} />
      </section>
      {accepting === null ? null : (
        <ConfirmAction
          title={t('sync.acceptUpstreamTitle')}
          confirmLabel={t('sync.acceptUpstream')}
          supervisor
          testId="accept-upstream"
          onConfirm={({ supervisorBadge }) => resolve(accepting.seq, 'acceptUpstream', supervisorBadge)}
          onClose={() => setAccepting(null)}
        >
          <p>
            {t('sync.acceptUpstreamWhat', { subject: accepting.serial === null ? accepting.jobId : `${accepting.jobId} · ${accepting.serial}` })}{' '}
            {accepting.upstreamState === null ? null : <StateLabel state={accepting.upstreamState} kind={accepting.entity} />}
          </p>
          <p className="muted">{t('sync.acceptUpstreamKept')}</p>
        </ConfirmAction>
      )}
      <EnrollForm onEnrolled={() => void refresh()} />
      <UpstreamSettingsForm onSaved={() => void refresh()} />
    </div>
  );
}

/** Where the upstream is and the token to reach it; the token is write-only. */
function UpstreamSettingsForm({ onSaved }: { readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const { settings, loadSettings } = useAppStore();
  const [url, setUrl] = useState(settings?.upstreamUrl ?? '');
  const [token, setToken] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await deskClient().call('settings.set', { upstreamUrl: url.trim(), ...(token === '' ? {} : { upstreamToken: token }) });
    if (!result.ok) {
      setMessage({ error: true, text: describeError(result.error) });
      return;
    }
    setToken('');
    setMessage({ error: false, text: t('sync.settingsSaved') });
    await loadSettings();
    onSaved();
  }

  return (
    <form className="upstream-form" onSubmit={(event) => void save(event)}>
      <h3>{t('sync.settingsTitle')}</h3>
      <label className="field">
        <span>{t('sync.upstreamUrl')}</span>
        <input type="url" value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://" data-testid="upstream-url" />
      </label>
      <label className="field">
        <span>{settings?.upstreamTokenSet === true ? t('sync.tokenReplace') : t('sync.token')}</span>
        <input type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} data-testid="upstream-token" />
      </label>
      <button type="submit" className="button button--primary">
        {t('sync.saveSettings')}
      </button>
      {message === null ? null : (
        <p className={`notice${message.error ? ' notice--error' : ''}`} role="status">
          {message.text}
        </p>
      )}
    </form>
  );
}
