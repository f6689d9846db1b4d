import { useTranslation } from 'react-i18next';
import type { BoardOverdueJob } from '../../../shared/board/site-view';
import { dateOnly } from './format';

/** Jobs the customer says are shipping, with no package at any desk after 14 days. */
export function OverdueSection({ jobs }: { readonly jobs: readonly BoardOverdueJob[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="overdue-heading" className="board-section">
      <h2 id="overdue-heading">{t('board.overdue.heading')}</h2>
      {jobs.length === 0 ? (
        <p className="muted">{t('deadlines.overdueEmpty')}</p>
      ) : (
        <table data-testid="board-overdue">
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
            {jobs.map((job) => (
              <tr key={job.jobName} data-job={job.jobName} data-stage={job.stage}>
                <th scope="row">{job.jobName}</th>
                <td className="mono">{job.trackingNumber ?? ''}</td>
                <td>{dateOnly(i18n.language, job.shippingSince)}</td>
                <td>{dateOnly(i18n.language, job.overdueAt)}</td>
                <td>{dateOnly(i18n.language, job.closeAt)}</td>
                <td className={`stage stage--${job.stage}`}>{t(`deadlines.stages.${job.stage}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
