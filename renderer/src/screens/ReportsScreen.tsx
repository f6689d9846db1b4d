import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DailyReport } from '../../../shared/rpc/results';
import { deskClient } from '../state/desk-client';
import { downloadDocument } from '../printing/print-document';
import { describeError } from '../i18n/describe-error';

/** The day's counts, in the order the summary shows them. */
const REPORT_COUNTS = ['received', 'recovered', 'registered', 'extra', 'neverReceived', 'faulted', 'held'] as const satisfies readonly (keyof DailyReport['counts'])[];

const localDay = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};

/** A day's receipts and discrepancies: on screen, printable, and as CSV for a spreadsheet. */
export function ReportsScreen() {
  const { t } = useTranslation();
  const [day, setDay] = useState(localDay);
  const [report, setReport] = useState<DailyReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load(): Promise<DailyReport | null> {
    setBusy(true);
    // The operator's day: the offset of that date here, so a late-evening scan counts on its own day.
    const utcOffsetMinutes = -new Date(`${day}T12:00:00`).getTimezoneOffset();
    const result = await deskClient().call('reports.daily', { day, utcOffsetMinutes });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return null;
    }
    setError(null);
    setReport(result.value);
    return result.value;
  }

  async function exportCsv() {
    const loaded = await load();
    if (loaded === null) return;
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
        <button type="button" className="button button--primary" onClick={() => void load()} disabled={busy}>
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
                  <tr key={`${row.jobId}/${row.serial}/${row.discrepancy}`}>
                    <td>{row.jobId}</td>
                    <td className="mono">{row.serial}</td>
                    <td>{row.receipt === '' ? '—' : t(`reports.kind.${row.receipt}`)}</td>
                    <td>
                      {row.discrepancies.length === 0 ? '—' : row.discrepancies.map((kind) => t(`reports.kind.${kind}`)).join(', ')}
                      {row.faultReason === '' ? null : ` (${t(`fault.reasons.${row.faultReason}`)})`}
                    </td>
                    <td>{row.stateNow}</td>
                    <td>{row.operator}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
