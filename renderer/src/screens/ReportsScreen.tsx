import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DailyReport } from '../../../shared/rpc/results';
import { useDeskQuery } from '../data/use-desk-query';
import { QueryState } from '../components/QueryState';
import { deskClient } from '../state/desk-client';
import { downloadDocument } from '../printing/print-document';
import { describeError } from '../i18n/describe-error';
import { StateLabel } from '../components/StateLabel';
import { operatorWords } from '../i18n/data-words';
import { useAppStore } from '../state/app-store';
import { PackagePhotos } from '../components/PackagePhotos';

/** The day's counts, in the order the summary shows them. */
const REPORT_COUNTS = ['received', 'recovered', 'otherJob', 'registered', 'extra', 'neverReceived', 'faulted', 'held'] as const satisfies readonly (keyof DailyReport['counts'])[];

const localDay = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};

/** The operator's day: the offset of that date here, so a late-evening scan counts on its own day. */
const paramsFor = (chosen: string) => ({ day: chosen, utcOffsetMinutes: -new Date(`${chosen}T12:00:00`).getTimezoneOffset() });

/** A day's receipts and discrepancies: on screen, printable, and as CSV for a spreadsheet. */
export function ReportsScreen() {
  const { t } = useTranslation();
  const openCard = useAppStore((state) => state.openHistory);
  const [day, setDay] = useState(localDay);
  // Opens on today's report: the screen is for the day at the desk unless another day is chosen.
  const [shown, setShown] = useState<{ day: string; utcOffsetMinutes: number }>(() => paramsFor(localDay()));
  // The report on screen follows the day's receipts and discrepancies as they happen.
  const query = useDeskQuery('reports.daily', shown, { refreshOn: ['drives', 'packages'] });
  const report = query.data;
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = exporting || query.loading;

  function show() {
    const params = paramsFor(day);
    if (shown.day === params.day && shown.utcOffsetMinutes === params.utcOffsetMinutes) void query.refresh();
    else setShown(params);
  }

  async function exportCsv() {
    setExporting(true);
    const result = await deskClient().call('reports.daily', paramsFor(day));
    setExporting(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setError(null);
    const loaded = result.value;
    downloadDocument({
      fileName: loaded.fileName,
      contentType: 'text/csv; charset=utf-8',
      encoding: 'utf8',
      // A byte-order mark so spreadsheet programs read the UTF-8 names right.
      data: `\uFEFF${loaded.csv}`,
    });
  }

  return (
    <div className="reports-view">
      <h2>{t('reports.title')}</h2>
      <div className="actions no-print">
        <label className="field field--inline">
          <span>{t('reports.day')}</span>
          <input type="date" value={day} onChange={(event) => setDay(event.target.value)} data-testid="report-day" />
        </label>
        <button type="button" className="button button--primary" onClick={show} disabled={busy}>
          {t('reports.show')}
        </button>
        <button type="button" className="button" onClick={() => void exportCsv()} disabled={busy} data-testid="report-export">
          {t('reports.exportCsv')}
        </button>
        <button type="button" className="button" onClick={() => window.print()} disabled={report === null}>
          {t('reports.print')}
        </button>
        {busy ? <progress aria-label={t('reports.working')} data-testid="report-progress" /> : null}
      </div>
      {error === null ? null : <p className="notice notice--error">{error}</p>}
      <QueryState query={query}>{() => null}</QueryState>
      {report === null ? null : (
        <section aria-labelledby="report-heading" data-testid="report">
          <h3 id="report-heading">{t('reports.summaryOf', { day: report.day })}</h3>
          <dl className="facts">
            {REPORT_COUNTS.map((kind) => (
              <div key={kind} className="facts__pair">
                <dt>{t(`reports.kind.${kind}`)}</dt>
                <dd data-testid={`report-count-${kind}`}>{report.counts[kind]}</dd>
              </div>
            ))}
          </dl>
          {report.rows.length === 0 ? (
            <p className="muted">{t('reports.empty')}</p>
          ) : (
            <table data-testid="report-rows">
              <thead>
                <tr>
                  <th scope="col">{t('reports.col.job')}</th>
                  <th scope="col">{t('reports.col.serial')}</th>
                  <th scope="col">{t('reports.col.receipt')}</th>
                  <th scope="col">{t('reports.col.discrepancy')}</th>
                  <th scope="col">{t('reports.col.stateNow')}</th>
                  <th scope="col">{t('reports.col.operator')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={`${row.jobId}/${row.serial}/${row.discrepancy}`} data-serial={row.serial} data-receipt={row.receipt} data-discrepancy={row.discrepancy}>
                    <td translate="no">{row.jobId === '' ? t('deadlines.unknownJob') : row.jobId}</td>
                    <td className="mono">
                      <button type="button" className="link-button" onClick={() => openCard(row.serial)} aria-label={t('drives.historyFor', { serial: row.serial })}>
                        <span translate="no">{row.serial}</span>
                      </button>
                    </td>
                    <td>{row.receipt === '' ? '—' : t(`reports.kind.${row.receipt}`)}</td>
                    <td>
                      {row.discrepancies.length === 0 ? '—' : row.discrepancies.map((kind) => t(`reports.kind.${kind}`)).join(', ')}
                      {row.faultReason === '' ? null : ` (${t(`fault.reasons.${row.faultReason}`)})`}
                    </td>
                    <td>{row.stateNow === HELD_STATE ? t('reports.kind.held') : <StateLabel state={row.stateNow} kind="drive" />}</td>
                    <td>{operatorWords(t, row.operator)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <section aria-labelledby="report-damage-heading" data-testid="report-damaged">
            <h3 id="report-damage-heading">{t('damage.reportTitle')}</h3>
            {report.damagedPackages.length === 0 ? (
              <p className="muted">{t('damage.reportNone')}</p>
            ) : (
              <ul className="damaged-packages">
                {report.damagedPackages.map((entry) => (
                  <li key={entry.package.id} data-tracking={entry.package.trackingNumber}>
                    <p>
                      <span className="mono" translate="no">
                        {entry.package.trackingNumber}
                      </span>
                      {entry.package.jobId === null ? null : (
                        <>
                          {' · '}
                          <span translate="no">{entry.package.jobId}</span>
                        </>
                      )}
                      {' · '}
                      <q translate="no">{entry.package.damageNote ?? ''}</q>
                    </p>
                    <PackagePhotos photos={entry.photos} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </section>
      )}
    </div>
  );
}

/** The report's "state now" for a drive held in a package: it has no drive state of its own yet. */
const HELD_STATE = 'held';
