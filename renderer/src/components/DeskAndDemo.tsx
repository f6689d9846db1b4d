import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from './ConfirmAction';
import { useAppStore } from '../state/app-store';
import { deskClient } from '../state/desk-client';
import { describeError } from '../i18n/describe-error';
import { jobTypeWords } from '../i18n/data-words';
import { translateDataKey } from '../i18n/dynamic-key';

/**
 * The desk's name (what the header, the reports and the site's board call it) and the demo set a new
 * desk starts with: listed while it is here, removed on request (demo.remove; a supervisor's badge
 * once the desk has a supervisor). Work recorded on a demo job keeps that job, and says so.
 */
export function DeskAndDemo() {
  const { t } = useTranslation();
  const settings = useAppStore((state) => state.settings);
  const [name, setName] = useState(settings?.deskNamed === true ? settings.deskName : '');
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const demoJobs = settings?.demoJobs ?? [];

  async function saveName(event: FormEvent) {
    event.preventDefault();
    const result = await deskClient().call('settings.set', { deskName: name.trim() });
    setNotice(result.ok ? { error: false, text: t('deskSetup.named', { name: name.trim() }) } : { error: true, text: describeError(result.error) });
    if (result.ok) await useAppStore.getState().loadSettings();
  }

  async function removeDemo(supervisorBadge?: string) {
    const result = await deskClient().call('demo.remove', supervisorBadge === undefined ? {} : { supervisorBadge });
    if (!result.ok) return result.error;
    const { removed, kept } = result.value;
    setNotice({
      error: false,
      text:
        kept.length === 0
          ? t('deskSetup.demoRemoved', { number: removed.length })
          : `${t('deskSetup.demoRemoved', { number: removed.length })} ${t('deskSetup.demoKept', { jobs: kept.join(', ') })}`,
    });
    await useAppStore.getState().loadSettings();
    return null;
  }

  return (
    <section aria-labelledby="desk-setup-heading" data-testid="desk-setup">
      <h3 id="desk-setup-heading">{t('deskSetup.title')}</h3>
      <form className="desk-name-form" onSubmit={(event) => void saveName(event)}>
        <label className="field">
          <span>{t('deskSetup.name')}</span>
          <input type="text" value={name} onChange={(event) => setName(event.target.value)} required data-testid="desk-name-field" />
        </label>
        <button type="submit" className="button" disabled={name.trim() === ''}>
          {t('deskSetup.saveName')}
        </button>
      </form>
      {demoJobs.length === 0 ? (
        <p className="muted" data-testid="demo-none">
          {t('deskSetup.noDemo')}
        </p>
      ) : (
        <div data-testid="demo-set">
          <p>{t('deskSetup.demoHere', { number: demoJobs.length })}</p>
          <ul>
            {demoJobs.map((job) => (
              <li key={job.jobId}>
                <span translate="no">{job.jobId}</span> · {jobTypeWords(t, job.jobType)}
                {job.trackingNumber === null ? null : (
                  <>
                    {' · '}
                    {t('deskSetup.demoTracking')} <span className="mono" translate="no">{job.trackingNumber}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="demo-remove">
            {t('deskSetup.removeDemo')}
          </button>
        </div>
      )}
      {notice === null ? null : (
        <p className={`notice${notice.error ? ' notice--error' : ''}`} role="status" data-testid="desk-setup-notice">
          {notice.error ? <span aria-hidden="true">✕ </span> : null}
          {notice.text}
        </p>
      )}
      {confirming ? (
        <ConfirmAction
          title={t('deskSetup.removeDemoTitle')}
          confirmLabel={t('deskSetup.removeDemo')}
          supervisor={settings?.hasSupervisor === true}
          onConfirm={(fields) => removeDemo(fields.supervisorBadge)}
          onClose={() => setConfirming(false)}
          testId="demo-remove-confirm"
        >
          <p>{t('deskSetup.removeDemoWhat', { number: demoJobs.length })}</p>
        </ConfirmAction>
      ) : null}
    </section>
  );
}

/**
 * The first start's word: this desk is on demo data, and which tracking numbers to scan to try it.
 * Shown on the scan station while demo jobs are here; Settings removes them.
 */
export function DemoNotice() {
  const { t } = useTranslation();
  const demoJobs = useAppStore((state) => state.settings?.demoJobs ?? []);
  const tracking = demoJobs.filter((job) => job.trackingNumber !== null);
  if (demoJobs.length === 0) return null;
  return (
    <aside className="notice notice--info demo-notice" aria-labelledby="demo-notice-title" data-testid="demo-notice">
      <strong id="demo-notice-title">{t('deskSetup.demoNoticeTitle')}</strong> {t('deskSetup.demoNoticeTry')}
      <ul>
        {tracking.map((job) => (
          <li key={job.jobId}>
            <span className="mono" translate="no">
              {job.trackingNumber}
            </span>{' '}
            — {t('deskSetup.demoNoticeJob', { type: jobTypeWords(t, job.jobType), state: translateDataKey(`jobState.${job.state}`) ?? job.state })}
          </li>
        ))}
      </ul>
      {t('deskSetup.demoNoticeLeave')}
    </aside>
  );
}
