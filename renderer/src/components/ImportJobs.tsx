import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deskClient } from '../state/desk-client';
import { describeError } from '../i18n/describe-error';

/** Imports a job document file (a Get Job body or a list `{value:[…]}`), with a progress bar while it runs. */
export function ImportJobs({ onImported }: { readonly onImported: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setBusy(true);
    setNotice(null);
    const result = await deskClient().call('jobs.import', { document: await file.text() });
    setBusy(false);
    if (!result.ok) {
      setNotice({ error: true, text: describeError(result.error) });
      return;
    }
    setNotice({ error: false, text: t('jobs.imported', { count: result.value.jobs.length, file: file.name }) });
    onImported();
  }

  return (
    <div className="import-jobs">
      <label className="button">
        {t('jobs.import')}
        <input type="file" accept=".json,application/json" className="visually-hidden" onChange={(event) => void onFile(event)} data-testid="import-file" />
      </label>
      {busy ? <progress aria-label={t('jobs.importing')} data-testid="import-progress" /> : null}
      {notice === null ? null : (
        <p className={`notice${notice.error ? ' notice--error' : ''}`} role="status" data-testid="import-notice">
          {notice.text}
        </p>
      )}
    </div>
  );
}
