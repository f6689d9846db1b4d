import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobDetail, JobSummary } from '../../../shared/rpc/results';
import { ExpectedDrives } from '../components/ExpectedDrives';
import { StateLabel } from '../components/StateLabel';
import { LabelsPanel } from '../components/LabelsPanel';
import { ImportJobs } from '../components/ImportJobs';
import { deskClient } from '../state/desk-client';
import { describeError } from '../i18n/describe-error';

const PAGE_SIZE = 100;

export function JobsScreen() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [jobs, setJobs] = useState<readonly JobSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<JobDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (offset: number) => {
      const result = await deskClient().call('jobs.list', { search, limit: PAGE_SIZE, offset });
      if (!result.ok) {
        setError(describeError(result.error));
        return;
      }
      setError(null);
      setTotal(result.value.total);
      // One page at a time: the table never holds more than PAGE_SIZE rows, whatever the site's size.
      setJobs(result.value.jobs);
      setOffset(offset);
    },
    [search],
  );

  useEffect(() => {
    void load(0);
  }, [load]);

  async function select(jobId: string) {
    const result = await deskClient().call('jobs.get', { jobId });
    if (result.ok) setSelected(result.value);
    else setError(describeError(result.error));
  }

  return (
    <div className="jobs-view">
      <h2>{t('jobs.title')}</h2>
      <ImportJobs onImported={() => void load(0)} />
      <label className="search">
        <span>{t('jobs.search')}</span>
        <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      {error === null ? null : <p className="notice notice--error">{error}</p>}
      <p className="muted">{t('jobs.showing', { shown: jobs.length === 0 ? 0 : `${offset + 1}–${offset + jobs.length}`, total })}</p>
      {jobs.length === 0 ? (
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
                  <button type="button" className="link-button" onClick={() => void select(job.id)}>
                    {job.id}
                  </button>
                  {job.isDemo ? <span className="badge">{t('jobs.demo')}</span> : null}
                  {job.opsFlag === null ? null : (
                    <span className="badge badge--warning" title={job.opsFlag}>
                      <span aria-hidden="true">⚑ </span>
                      {t('jobs.opsFlag')}
                    </span>
                  )}
                </th>
                <td>{job.type}</td>
                <td>
                  <StateLabel state={job.state} kind="job" />
                </td>
                <td className="mono">{job.trackingNumber ?? ''}</td>
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
          <button type="button" className="button" disabled={offset === 0} onClick={() => void load(Math.max(0, offset - PAGE_SIZE))}>
            {t('jobs.previous')}
          </button>
          <button type="button" className="button" disabled={offset + jobs.length >= total} onClick={() => void load(offset + PAGE_SIZE)}>
            {t('jobs.next')}
          </button>
        </div>
      ) : null}
      {selected === null ? null : (
        <section aria-labelledby="job-drives-heading">
          <h3 id="job-drives-heading">{t('jobs.drivesOf', { job: selected.id })}</h3>
          <ExpectedDrives drives={selected.drives} />
          <LabelsPanel
            job={selected}
            onChanged={() => {
              void select(selected.id);
              void load(0);
            }}
          />
        </section>
      )}
    </div>
  );
}
