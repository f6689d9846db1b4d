import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExpectedDrives } from '../components/ExpectedDrives';
import { StateLabel } from '../components/StateLabel';
import { LabelsPanel } from '../components/LabelsPanel';
import { ImportJobs } from '../components/ImportJobs';
import { QueryState } from '../components/QueryState';
import { useDeskQuery } from '../data/use-desk-query';
import { JobHeader } from '../components/JobHeader';
import { jobTypeWords } from '../i18n/data-words';
import { sayCoreText } from '../i18n/describe-error';
import { EXPORT_JOB } from '../../../shared/domain/job-states';

const PAGE_SIZE = 100;
/** What the jobs list and a job's details show: jobs, their drives and packages. */
const JOB_TOPICS = ['jobs', 'drives', 'packages'] as const;

export function JobsScreen() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // One page at a time: the table never holds more than PAGE_SIZE rows, whatever the site's size.
  const page = useDeskQuery('jobs.list', { search, limit: PAGE_SIZE, offset }, { refreshOn: JOB_TOPICS, keepPreviousData: true });
  const selected = useDeskQuery('jobs.get', selectedId === null ? null : { jobId: selectedId }, { refreshOn: [...JOB_TOPICS, 'prints'] });
  const jobs = page.data?.jobs ?? [];
  const total = page.data?.total ?? 0;
  const shownOffset = page.data?.offset ?? offset;

  return (
    <div className="jobs-view">
      <h2>{t('jobs.title')}</h2>
      <ImportJobs onImported={() => setOffset(0)} />
      <label className="search">
        <span>{t('jobs.search')}</span>
        <input
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setOffset(0);
          }}
        />
      </label>
      <QueryState query={page}>{() => null}</QueryState>
      <p className="muted">{t('jobs.showing', { shown: jobs.length === 0 ? 0 : `${shownOffset + 1}–${shownOffset + jobs.length}`, total })}</p>
      {page.data === null ? null : jobs.length === 0 ? (
        <p>{t('jobs.empty')}</p>
      ) : (
        <table className="jobs" data-testid="jobs-table">
          <thead>
            <tr>
              <th scope="col">{t('jobs.name')}</th>
              <th scope="col">{t('jobs.type')}</th>
              <th scope="col">{t('jobs.state')}</th>
              <th scope="col">{t('jobs.tracking')}</th>
              <th scope="col">{t('jobs.drives')}</th>
              <th scope="col">{t('jobs.received')}</th>
              <th scope="col">{t('jobs.neverReceived')}</th>
              <th scope="col">{t('jobs.extra')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} data-job={job.id}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => setSelectedId(job.id)} aria-label={t('jobs.openJob', { job: job.id })}>
                    <span translate="no">{job.id}</span>
                  </button>
                  {job.isDemo ? <span className="badge">{t('jobs.demo')}</span> : null}
                  {job.opsFlagText === null ? null : (
                    <span className="badge badge--warning" title={sayCoreText(job.opsFlagText, job.opsFlag ?? '')}>
                      <span aria-hidden="true">⚑ </span>
                      {t('jobs.opsFlag')}
                    </span>
                  )}
                </th>
                <td>{jobTypeWords(t, job.type)}</td>
                <td>
                  <StateLabel state={job.state} kind="job" />
                </td>
                <td className="mono" translate="no">
                  {job.trackingNumber ?? ''}
                </td>
                <td>{job.driveCounts.listed}</td>
                <td>{job.driveCounts.byState.Received ?? 0}</td>
                <td>{job.driveCounts.byState.NeverReceived ?? 0}</td>
                <td>{job.driveCounts.extra}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE_SIZE ? (
        <div className="actions">
          <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            {t('jobs.previous')}
          </button>
          <button type="button" className="button" disabled={offset + jobs.length >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
            {t('jobs.next')}
          </button>
        </div>
      ) : null}
      <QueryState query={selected}>
        {(job) => (
          <section aria-labelledby="job-drives-heading" data-testid="job-panel" data-job={job.id}>
            <JobHeader job={job} />
            <h3 id="job-drives-heading">{t('jobs.drivesOf', { job: job.id })}</h3>
            <ExpectedDrives drives={job.drives} jobCancelled={job.cancelRequested} exportJob={job.type === EXPORT_JOB} onChanged={() => void selected.refresh()} />
            {/* A print or a shipment is announced by the desk: the job and its log refresh from the event. */}
            <LabelsPanel job={job} />
          </section>
        )}
      </QueryState>
    </div>
  );
}
