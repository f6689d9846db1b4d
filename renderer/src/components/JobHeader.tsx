import { useTranslation } from 'react-i18next';
import type { JobDetail } from '../../../shared/rpc/results';
import { sayCoreText } from '../i18n/describe-error';
import { jobTypeWords } from '../i18n/data-words';
import { StateLabel } from './StateLabel';

/**
 * The job panel's header: state, return address, return carrier and account, the delivery and its
 * packages, and what blocks the job, each in words.
 */
export function JobHeader({ job }: { readonly job: JobDetail }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const { header } = job;
  return (
    <section className="job-header" aria-labelledby="job-header-title" data-testid="job-header">
      <h3 id="job-header-title">
        <span translate="no">{job.id}</span> · {jobTypeWords(t, job.type)} · <StateLabel state={job.state} kind="job" />
        {job.isDemo ? <span className="badge">{t('jobs.demo')}</span> : null}
      </h3>
      {header.blocking.length === 0 ? null : (
        <ul className="job-header__blocking" aria-label={t('jobHeader.blocking')} data-testid="job-blocking">
          {header.blocking.map((reason) => (
            <li key={`${reason.key}/${JSON.stringify(reason.params ?? {})}`} className="notice notice--warning" data-key={reason.key}>
              <span aria-hidden="true">⚑ </span>
              {sayCoreText(reason, '')}
            </li>
          ))}
        </ul>
      )}
      <dl className="facts job-header__facts">
        <div className="facts__pair">
          <dt>{t('jobHeader.returnAddress')}</dt>
          <dd translate="no" className="job-header__address" data-testid="job-return-address">
            {header.returnAddress.length === 0 ? <span className="muted">{t('jobHeader.none')}</span> : header.returnAddress.map((line) => <div key={line}>{line}</div>)}
          </dd>
        </div>
        <div className="facts__pair">
          <dt>{t('jobHeader.returnCarrier')}</dt>
          <dd>
            {header.returnCarrier === null ? t('jobHeader.none') : <span translate="no">{header.returnCarrier}</span>}
            {' · '}
            {header.returnAccount === null ? t('jobHeader.noAccount') : t('jobHeader.account', { account: header.returnAccount })}
          </dd>
        </div>
        <div className="facts__pair">
          <dt>{t('jobHeader.delivery')}</dt>
          <dd>
            {header.deliveryTracking === null
              ? t('jobHeader.none')
              : t('jobHeader.deliveryLine', { carrier: header.deliveryCarrier ?? '—', tracking: header.deliveryTracking, drives: job.declaredDriveCount ?? '—' })}
          </dd>
        </div>
        <div className="facts__pair">
          <dt>{t('jobHeader.packages')}</dt>
          <dd data-testid="job-packages">
            {job.packages.length === 0
              ? t('jobHeader.noPackages')
              : job.packages.map((pkg) => (
                  <div key={pkg.id}>
                    <span translate="no">{pkg.trackingNumber}</span> · {pkg.status === 'open' ? t('jobHeader.packageOpen') : t('jobHeader.packageClosed')}
                    {pkg.held ? ` · ${t('jobHeader.packageHeld')}` : ''} · {format.format(new Date(pkg.checkedInAt))}
                  </div>
                ))}
          </dd>
        </div>
      </dl>
    </section>
  );
}
