import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../i18n/describe-error';
import { useAppStore } from '../state/app-store';
import { deskClient } from '../state/desk-client';

/**
 * Joins the desk to a site's hub with the one-use code the hub's admin made for it (sync.enroll).
 * The desk's own token comes back from the hub and is kept where the desk keeps secrets; it is
 * never shown. A site with its own certificate authority names its CA file here.
 */
export function EnrollForm({ onEnrolled }: { readonly onEnrolled: () => void }) {
  const { t } = useTranslation();
  const { settings, loadSettings } = useAppStore();
  const [url, setUrl] = useState(settings?.upstreamUrl ?? '');
  const [code, setCode] = useState('');
  const [caFile, setCaFile] = useState(settings?.upstreamCaFile ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function enroll(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await deskClient().call('sync.enroll', {
        upstreamUrl: url.trim(),
        enrollmentCode: code.trim(),
        ...(caFile.trim() === '' ? {} : { upstreamCaFile: caFile.trim() }),
      });
      if (!result.ok) {
        setMessage({ error: true, text: describeError(result.error) });
        return;
      }
      setCode('');
      setMessage({ error: false, text: t('sync.enrolled', { deskId: result.value.upstreamDeskId ?? '' }) });
      await loadSettings();
      onEnrolled();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="upstream-form" onSubmit={(event) => void enroll(event)} data-testid="enroll-form">
      <h3>{t('sync.enrollTitle')}</h3>
      <p className="muted">{t('sync.enrollHint')}</p>
      <label className="field">
        <span>{t('sync.hubUrl')}</span>
        <input type="url" value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://" required data-testid="enroll-url" />
      </label>
      <label className="field">
        <span>{t('sync.enrollCode')}</span>
        <input
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          required
          data-testid="enroll-code"
        />
      </label>
      <label className="field">
        <span>{t('sync.caFile')}</span>
        <input type="text" value={caFile} onChange={(event) => setCaFile(event.target.value)} data-testid="enroll-ca-file" />
      </label>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('sync.enroll')}
      </button>
      {message === null ? null : (
        <p className={`notice${message.error ? ' notice--error' : ''}`} role="status" data-testid="enroll-message">
          {message.text}
        </p>
      )}
    </form>
  );
}
