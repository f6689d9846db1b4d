import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deskClient } from '../state/desk-client';
import { describeError } from '../i18n/describe-error';

/** A List Locations body waiting for the operator to say which location is this site. */
interface LocationChoice {
  readonly document: string;
  readonly fileName: string;
  readonly locations: readonly string[];
}

/**
 * Imports a job document file (a Get Job body or a list `{value:[…]}`), with a progress bar while it
 * runs. A Location document updates the site's address and makes no job; a list of locations asks
 * first which one is this site (docs/receiving-rules.md).
 */
export function ImportJobs({ onImported }: { readonly onImported: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const [choice, setChoice] = useState<LocationChoice | null>(null);
  const [chosen, setChosen] = useState('');

  async function importText(document: string, fileName: string, siteLocation?: string): Promise<void> {
    setBusy(true);
    setNotice(null);
    const result = await deskClient().call('jobs.import', { document, ...(siteLocation === undefined ? {} : { siteLocation }) });
    setBusy(false);
    if (!result.ok) {
      if (result.error.key === 'documentLocationChoose') {
        const named = String(result.error.params?.locations ?? '');
        const locations = named.split(', ').filter((name) => name !== '');
        setChoice({ document, fileName, locations });
        setChosen(locations[0] ?? '');
        return;
      }
      setNotice({ error: true, text: describeError(result.error) });
      return;
    }
    setChoice(null);
    setNotice({
      error: false,
      text: result.value.siteAddressUpdated
        ? t('jobs.importedSite', { location: result.value.siteLocation ?? '', file: fileName })
        : t('jobs.imported', { count: result.value.jobs.length, file: fileName }),
    });
    onImported();
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setChoice(null);
    await importText(await file.text(), file.name);
  }

  function onChoose(event: FormEvent) {
    event.preventDefault();
    if (choice === null || chosen === '') return;
    void importText(choice.document, choice.fileName, chosen);
  }

  return (
    <div className="import-jobs">
      <label className="button">
        {t('jobs.import')}
        <input type="file" accept=".json,application/json" className="visually-hidden" onChange={(event) => void onFile(event)} data-testid="import-file" />
      </label>
      {busy ? <progress aria-label={t('jobs.importing')} data-testid="import-progress" /> : null}
      {choice === null ? null : (
        <form className="location-choice" onSubmit={onChoose} data-testid="location-choice">
          <p>{t('jobs.locationList', { number: choice.locations.length, file: choice.fileName })}</p>
          <label className="field">
            <span>{t('jobs.locationWhich')}</span>
            <select value={chosen} onChange={(event) => setChosen(event.target.value)} data-testid="location-select">
              {choice.locations.map((name) => (
                <option key={name} value={name} translate="no">
                  {name}
                </option>
              ))}
            </select>
          </label>
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={busy || chosen === ''}>
              {t('jobs.locationUse')}
            </button>
            <button type="button" className="button" onClick={() => setChoice(null)}>
              {t('labels.cancel')}
            </button>
          </div>
        </form>
      )}
      {notice === null ? null : (
        <p className={`notice${notice.error ? ' notice--error' : ''}`} role="status" data-testid="import-notice">
          {notice.error ? <span aria-hidden="true">✕ </span> : null}
          {notice.text}
        </p>
      )}
    </div>
  );
}
