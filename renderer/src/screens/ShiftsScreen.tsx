import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverResult, ShiftSummary } from '../../../shared/rpc/results';
import { ConfirmAction } from '../components/ConfirmAction';
import { QueryState } from '../components/QueryState';
import { useDeskQuery } from '../data/use-desk-query';
import { deskClient } from '../state/desk-client';
import { useAppStore } from '../state/app-store';
import { downloadDocument } from '../printing/print-document';
import { operatorWords } from '../i18n/data-words';

/** What a shift's summary follows: receipts, packages, prints, sign-ins. */
const SHIFT_TOPICS = ['packages', 'drives', 'prints', 'settings', 'sync'] as const;

/**
 * The shift (docs/receiving-rules.md, "Shifts"): per operator what was received, the discrepancies,
 * the packages left open, Needs attention and the labels printed; and the handover, which signs the
 * operator out and gives the summary to print or export.
 */
export function ShiftsScreen() {
  const { t } = useTranslation();
  const query = useDeskQuery('shifts.summary', {}, { refreshOn: SHIFT_TOPICS });
  const [handingOver, setHandingOver] = useState(false);
  const [handedOver, setHandedOver] = useState<HandoverResult | null>(null);
  const settings = useAppStore((state) => state.settings);

  async function handover(note: string | undefined) {
    const result = await deskClient().call('shifts.handover', { note: note ?? '' });
    if (!result.ok) return result.error;
    setHandedOver(result.value);
    await useAppStore.getState().loadSettings();
    return null;
  }

  return (
    <div className="shifts-view">
      <h2>{t('shifts.title')}</h2>
      {handedOver === null ? (
        <>
          <QueryState query={query}>{(summary) => <SummaryTables summary={summary} />}</QueryState>
          <div className="actions no-print">
            <button type="button" className="button button--primary" onClick={() => setHandingOver(true)} data-testid="shift-handover">
              {t('shifts.handover')}
            </button>
          </div>
        </>
      ) : (
        <section aria-labelledby="handed-heading" data-testid="shift-handed-over">
          <p className="notice" role="status" id="handed-heading">
            {t('shifts.handedOver', { operator: operatorWords(t, handedOver.signedOut) })}
          </p>
          {handedOver.note === '' ? null : (
            <p>
              {t('shifts.noteWas')} <q translate="no">{handedOver.note}</q>
            </p>
          )}
          <SummaryTables summary={handedOver.summary} />
          <div className="actions no-print">
            <button type="button" className="button" onClick={() => window.print()} data-testid="shift-print">
              {t('shifts.print')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => downloadDocument({ fileName: handedOver.summary.fileName, contentType: 'text/csv; charset=utf-8', encoding: 'utf8', data: `\uFEFF${handedOver.summary.csv}` })}
              data-testid="shift-export"
            >
              {t('shifts.exportCsv')}
            </button>
            <button type="button" className="button" onClick={() => setHandedOver(null)}>
              {t('shifts.backToShift')}
            </button>
          </div>
        </section>
      )}
      {handingOver ? (
        <ConfirmAction
          title={t('shifts.handoverTitle')}
          confirmLabel={t('shifts.handoverConfirm')}
          noteLabel={t('shifts.handoverNote')}
          onConfirm={(fields) => handover(fields.note)}
          onClose={() => setHandingOver(false)}
          testId="handover"
        >
          <p>{t('shifts.handoverWhat', { operator: settings === null ? '' : operatorWords(t, settings.operator) })}</p>
        </ConfirmAction>
      ) : null}
    </div>
  );
}

const DISCREPANCIES = ['neverReceived', 'extra', 'otherJob', 'held', 'faulted'] as const;

function SummaryTables({ summary }: { readonly summary: ShiftSummary }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <p className="muted" data-testid="shift-period">
        {t('shifts.period', { from: time.format(new Date(summary.from)), to: time.format(new Date(summary.to)) })}
      </p>
      <table data-testid="shift-summary" className="shift-summary">
        <thead>
          <tr>
            <th scope="col">{t('shifts.col.operator')}</th>
            <th scope="col">{t('shifts.col.packages')}</th>
            <th scope="col">{t('shifts.col.received')}</th>
            {DISCREPANCIES.map((kind) => (
              <th key={kind} scope="col">
                {t(`reports.kind.${kind}`)}
              </th>
            ))}
            <th scope="col">{t('shifts.col.open')}</th>
            <th scope="col">{t('shifts.col.attention')}</th>
            <th scope="col">{t('shifts.col.labels')}</th>
            <th scope="col">{t('shifts.col.damaged')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.operators.length === 0 ? (
            <tr>
              <td colSpan={12} className="muted">
                {t('shifts.nothing')}
              </td>
            </tr>
          ) : (
            summary.operators.map((row) => (
              <tr key={row.operator} data-operator={row.operator}>
                <th scope="row">{operatorWords(t, row.operator)}</th>
                <td data-testid="shift-packages">{row.packagesCheckedIn}</td>
                <td data-testid="shift-received">{row.drivesReceived}</td>
                {DISCREPANCIES.map((kind) => (
                  <td key={kind} data-testid={`shift-${kind}`}>
                    {row.discrepancies[kind]}
                  </td>
                ))}
                <td>{row.openPackages.length}</td>
                <td>{row.unresolvedAttention}</td>
                <td>{row.labelsPrinted}</td>
                <td>{row.damagedPackages}</td>
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr data-testid="shift-totals">
            <th scope="row">{t('shifts.total')}</th>
            <td>{summary.totals.packagesCheckedIn}</td>
            <td>{summary.totals.drivesReceived}</td>
            {DISCREPANCIES.map((kind) => (
              <td key={kind}>{summary.totals.discrepancies[kind]}</td>
            ))}
            <td>{summary.totals.openPackages}</td>
            <td>{summary.totals.unresolvedAttention}</td>
            <td>{summary.totals.labelsPrinted}</td>
            <td>{summary.totals.damagedPackages}</td>
          </tr>
        </tfoot>
      </table>
      <h3>{t('shifts.openTitle')}</h3>
      {summary.openPackages.length === 0 ? (
        <p className="muted">{t('shifts.openNone')}</p>
      ) : (
        <ul data-testid="shift-open-packages">
          {summary.openPackages.map((pkg) => (
            <li key={pkg.id}>
              <span className="mono" translate="no">
                {pkg.trackingNumber}
              </span>{' '}
              {pkg.jobId === null ? null : <span translate="no">({pkg.jobId})</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
