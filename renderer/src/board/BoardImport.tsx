import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../i18n/describe-error';
import { useBoardStore } from './board-store';

/** Job documents taken in at the hub, as at a desk: every desk pulls them at once. */
export function BoardImport() {
  const { t } = useTranslation();
  const importDocument = useBoardStore((state) => state.importDocument);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setBusy(true);
    setNotice(null);
    const result = await importDocument(await file.text());
    setBusy(false);
    setNotice(
      result.ok
        ? { error: false, text: t('board.import.done', { count: result.value.jobs.length, file: file.name, created: result.value.created, replaced: result.value.replaced }) }
        : { error: true, text: describeError(result.error) },
    );
  }

  return (
    <section aria-labelledby="import-heading" className="board-section">
      <h2 id="import-heading">{t('board.import.heading')}</h2>
      <p className="muted">{t('board.import.intro')}</p>
      <div className="import-jobs">
        <label className="button">
          {t('jobs.import')}
          <input type="file" accept=".json,application/json" className="visually-hidden" onChange={(event) => void onFile(event)} data-testid="board-import-file" />
        </label>
        {busy ? <progress aria-label={t('jobs.importing')} /> : null}
        {notice === null ? null : (
          <p className={`notice${notice.error ? ' notice--error' : ''}`} role="status" data-testid="board-import-notice">
            {notice.text}
          </p>
        )}
      </div>
    </section>
  );
}
