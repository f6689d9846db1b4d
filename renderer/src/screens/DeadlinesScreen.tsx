import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StateLabel } from '../components/StateLabel';
import { QueryState } from '../components/QueryState';
import { useDeskQuery } from '../data/use-desk-query';
import { deskClient } from '../state/desk-client';
import { describeError } from '../i18n/describe-error';

const today = () => new Date().toISOString().slice(0, 10);

/** What the operations team must act on, and by when, as of a chosen day. */
export function DeadlinesScreen() {
  const { t, i18n } = useTranslation();
  const [asOf, setAsOf] = useState(today);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Held packages, overdue jobs and ended ones: all follow jobs and packages.
  const query = useDeskQuery('deadlines.list', /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? { asOf } : null, { refreshOn: ['jobs', 'packages'] });
  const deadlines = query.data;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const show = (iso: string) => date.format(new Date(iso));

  async function purge() {
    const result = await deskClient().call('jobs.purge', { asOf });
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setError(null);
    setMessage(result.value.purged.length === 0 ? t('deadlines.purgedNone') : t('deadlines.purged', { jobs: result.value.purged.join(', ') }));
  }

  return (
    <div className="deadlines-view">
      <h2>{t('deadlines.title')}</h2>
      <label className="field field--inline">
        <span>{t('deadlines.asOf')}</span>
        <input type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} data-testid="deadlines-as-of" />
      </label>
      {error === null ? null : <p className="notice notice--error">{error}</p>}
      <QueryState query={query}>{() => null}</QueryState>
      {message === null ? null : <p className="notice" role="status">{message}</p>}
      {deadlines === null ? null : (
        <>
          <section aria-labelledby="held-heading">
            <h3 id="held-heading">{t('deadlines.held')}</h3>
            {deadlines.heldPackages.length === 0 ? (
              <p className="muted">{t('deadlines.heldEmpty')}</p>
            ) : (
              <table data-testid="held-packages">
                <thead>
                  <tr>
                    <th scope="col">{t('deadlines.tracking')}</th>
                    <th scope="col">{t('deadlines.job')}</th>
                    <th scope="col">{t('deadlines.heldSince')}</th>
                    <th scope="col">{t('deadlines.returnBy')}</th>
                    <th scope="col">{t('deadlines.destroyBy')}</th>
                    <th scope="col">{t('deadlines.stage')}</th>
                    <th scope="col">{t('deadlines.drives')}</th>
                  </tr>
                </thead>
                <tbody>
                  {deadlines.heldPackages.map((pkg) => (
                    <tr key={pkg.packageId} data-stage={pkg.stage} data-tracking={pkg.trackingNumber}>
                      <td className="mono">{pkg.trackingNumber}</td>
                      <td>{pkg.jobId ?? t('deadlines.unknownJob')}</td>
                      <td>{show(pkg.heldSince)}</td>
                      <td>{show(pkg.returnBy)}</td>
                      <td>{show(pkg.destroyBy)}</td>
                      <td className={`stage stage--${pkg.stage}`}>{t(`deadlines.stages.${pkg.stage}`)}</td>
                      <td className="mono">{pkg.serials.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="overdue-heading">
            <h3 id="overdue-heading">{t('deadlines.overdue')}</h3>
            {deadlines.overdueJobs.length === 0 ? (
              <p className="muted">{t('deadlines.overdueEmpty')}</p>
            ) : (
              <table data-testid="overdue-jobs">
                <thead>
                  <tr>
                    <th scope="col">{t('deadlines.job')}</th>
                    <th scope="col">{t('deadlines.tracking')}</th>
                    <th scope="col">{t('deadlines.shippingSince')}</th>
                    <th scope="col">{t('deadlines.overdueAt')}</th>
                    <th scope="col">{t('deadlines.closeAt')}</th>
                    <th scope="col">{t('deadlines.stage')}</th>
                  </tr>
                </thead>
                <tbody>
                  {deadlines.overdueJobs.map((job) => (
                    <tr key={job.jobId} data-stage={job.stage} data-job={job.jobId}>
                      <td>{job.jobId}</td>
                      <td className="mono">{job.trackingNumber ?? ''}</td>
                      <td>{show(job.shippingSince)}</td>
                      <td>{show(job.overdueAt)}</td>
                      <td>{show(job.closeAt)}</td>
                      <td className={`stage stage--${job.stage}`}>{t(`deadlines.stages.${job.stage}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="ended-heading">
            <h3 id="ended-heading">{t('deadlines.ended')}</h3>
            {deadlines.endedJobs.length === 0 ? (
              <p className="muted">{t('deadlines.endedEmpty')}</p>
            ) : (
              <>
                <table data-testid="ended-jobs">
                  <thead>
                    <tr>
                      <th scope="col">{t('deadlines.job')}</th>
                      <th scope="col">{t('deadlines.state')}</th>
                      <th scope="col">{t('deadlines.endedAt')}</th>
                      <th scope="col">{t('deadlines.purgeAt')}</th>
                      <th scope="col">{t('deadlines.stage')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {deadlines.endedJobs.map((job) => (
                      <tr key={job.jobId} data-job={job.jobId} data-due={job.due}>
                        <td>{job.jobId}</td>
                        <td>
                          <StateLabel state={job.state} kind="job" />
                        </td>
                        <td>{show(job.endedAt)}</td>
                        <td>{show(job.purgeAt)}</td>
                        <td>{job.due ? t('deadlines.purgeDue') : t('deadlines.purgeNotDue')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <button type="button" className="button" onClick={() => void purge()} disabled={!deadlines.endedJobs.some((job) => job.due)}>
                  {t('deadlines.purge')}
                </button>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
