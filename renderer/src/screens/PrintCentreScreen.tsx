import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../shared/rpc/envelope';
import { LABEL_KINDS, type LabelKind, type PrintLogEntry, type PrintOutcome } from '../../../shared/rpc/results';
import { ConfirmAction } from '../components/ConfirmAction';
import { QueryState } from '../components/QueryState';
import { useDeskQuery } from '../data/use-desk-query';
import { deskClient } from '../state/desk-client';
import { useAppStore } from '../state/app-store';
import { downloadDocument } from '../printing/print-document';
import { previewLabel, printPdfDocument, printsThroughPreview } from '../printing/print-pdf';
import { operatorWords, printerWords } from '../i18n/data-words';
import { DOWNLOAD_PRINTER_NAME, NETWORK_PRINTER_SCHEME } from '../../../shared/domain/printers';

const OUTCOMES = ['printed', 'sentToDialog', 'downloaded', 'failed'] as const satisfies readonly PrintOutcome[];
/** Entries shown per page; older ones by Next. */
const PAGE_SIZE = 50;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

interface Filters {
  readonly code: string;
  readonly kind: string;
  readonly outcome: string;
  readonly operator: string;
  readonly from: string;
  readonly to: string;
}

const NO_FILTERS: Filters = { code: '', kind: '', outcome: '', operator: '', from: '', to: '' };

/** A label kind that can be printed again from the log: a job's return label or packing slip. */
function reprintable(entry: PrintLogEntry): entry is PrintLogEntry & { jobId: string; kind: LabelKind } {
  return entry.jobId !== null && (entry.kind === 'return' || entry.kind === 'packingSlip') && entry.packageId === null;
}

/**
 * The print centre (docs/receiving-rules.md, "Print centre"): every print across jobs, newest first,
 * filtered by job or tracking number (scanned or typed), kind, outcome, operator and time; a label
 * found this way is printed again, the reason asked only when it really prints again. Previews are
 * never in the log.
 */
export function PrintCentreScreen() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [again, setAgain] = useState<(PrintLogEntry & { jobId: string; kind: LabelKind }) | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const params = {
    ...(filters.code.trim() === '' ? {} : { code: filters.code.trim() }),
    ...(filters.kind === '' ? {} : { kind: filters.kind }),
    ...(filters.outcome === '' ? {} : { outcome: filters.outcome as PrintOutcome }),
    ...(filters.operator.trim() === '' ? {} : { operator: filters.operator.trim() }),
    ...(DATE_PATTERN.test(filters.from) ? { from: filters.from } : {}),
    ...(DATE_PATTERN.test(filters.to) ? { to: filters.to } : {}),
    limit: PAGE_SIZE,
    offset,
  };
  const query = useDeskQuery('labels.printLog', params, { refreshOn: ['prints'], keepPreviousData: true });

  function apply(event: FormEvent) {
    event.preventDefault();
    setOffset(0);
    setFilters(draft);
  }

  /** Where a label printed before goes again: the network printer, a file, or the print dialog. */
  const printerOf = (entry: PrintLogEntry) =>
    entry.printer.startsWith(NETWORK_PRINTER_SCHEME) ? 'network' : entry.printer === DOWNLOAD_PRINTER_NAME ? 'download' : 'dialog';

  /**
   * "Print again": a label that went to the print dialog opens in the print preview (rendered,
   * nothing logged); the preview's Print logs it and asks the reprint reason, its Download logs a
   * download. Only the network printer, a ZPL file or the app's printer profile ask the reason here.
   */
  async function startAgain(entry: PrintLogEntry & { jobId: string; kind: LabelKind }): Promise<void> {
    setDone(null);
    setRefusal(null);
    if (printerOf(entry) === 'dialog' && entry.format === 'pdf' && printsThroughPreview(useAppStore.getState().settings?.systemPrinter ?? null)) {
      setRefusal(await previewLabel(entry.jobId, entry.kind));
      return;
    }
    setAgain(entry);
  }

  async function printAgain(entry: PrintLogEntry & { jobId: string; kind: LabelKind }, reason: string): Promise<Pick<RpcError, 'code' | 'message' | 'key' | 'params'> | null> {
    const printer = printerOf(entry);
    const result = await deskClient().call('labels.print', { jobId: entry.jobId, kind: entry.kind, format: entry.format, printer, reprintReason: reason });
    if (!result.ok) return result.error;
    const document = result.value.document;
    if (document !== null) {
      if (document.format === 'pdf' && printer === 'dialog') await printPdfDocument(document, useAppStore.getState().settings?.systemPrinter ?? null);
      else downloadDocument(document);
    }
    setDone(t('prints.printedAgain', { kind: t(`labels.kind.${entry.kind}`), job: entry.jobId }));
    return null;
  }

  const field = (name: keyof Filters) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft((old) => ({ ...old, [name]: event.target.value })),
  });

  return (
    <div className="prints-view">
      <h2>{t('prints.title')}</h2>
      <p className="muted">{t('prints.intro')}</p>
      <form className="filters" onSubmit={apply}>
        <label className="field">
          <span>{t('prints.code')}</span>
          <input type="text" autoComplete="off" spellCheck={false} {...field('code')} data-testid="prints-code" />
        </label>
        <label className="field">
          <span>{t('prints.kind')}</span>
          <select {...field('kind')} data-testid="prints-kind">
            <option value="">{t('prints.any')}</option>
            {[...LABEL_KINDS, 'test' as const].map((kind) => (
              <option key={kind} value={kind}>
                {t(`prints.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('prints.outcome')}</span>
          <select {...field('outcome')} data-testid="prints-outcome">
            <option value="">{t('prints.any')}</option>
            {OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`prints.outcomes.${outcome}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('prints.operator')}</span>
          <input type="text" {...field('operator')} data-testid="prints-operator" />
        </label>
        <label className="field">
          <span>{t('prints.from')}</span>
          <input type="date" {...field('from')} />
        </label>
        <label className="field">
          <span>{t('prints.to')}</span>
          <input type="date" {...field('to')} />
        </label>
        <div className="actions">
          <button type="submit" className="button button--primary" data-testid="prints-apply">
            {t('prints.apply')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setOffset(0);
            }}
          >
            {t('prints.clear')}
          </button>
        </div>
      </form>
      {done === null ? null : (
        <p className="notice" role="status" data-testid="prints-done">
          {done}
        </p>
      )}
      {refusal === null ? null : (
        <p className="notice notice--error" role="alert" data-testid="prints-refused">
          <span aria-hidden="true">✕ </span>
          {refusal}
        </p>
      )}
      <QueryState query={query}>
        {(log) => (
          <>
            {filters.code.trim() !== '' ? (
              <p data-testid="prints-found">{log.jobId === null ? t('prints.noJobForCode') : t('prints.jobForCode', { job: log.jobId })}</p>
            ) : null}
            {log.entries.length === 0 ? (
              <p className="muted">{t('prints.empty')}</p>
            ) : (
              <table data-testid="print-log">
                <thead>
                  <tr>
                    <th scope="col">{t('prints.col.at')}</th>
                    <th scope="col">{t('prints.col.job')}</th>
                    <th scope="col">{t('prints.kind')}</th>
                    <th scope="col">{t('prints.col.printer')}</th>
                    <th scope="col">{t('prints.outcome')}</th>
                    <th scope="col">{t('prints.operator')}</th>
                    <th scope="col">{t('prints.col.reason')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('prints.col.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {log.entries.map((entry) => (
                    <tr key={entry.id} data-entry={entry.id} data-kind={entry.kind} data-outcome={entry.outcome}>
                      <td>{time.format(new Date(entry.at))}</td>
                      <td translate="no">{entry.jobId ?? ''}</td>
                      <td>
                        {t(`prints.kinds.${entry.kind}`)}{' '}
                        <span className="muted" translate="no">
                          {entry.format.toUpperCase()}
                        </span>
                      </td>
                      <td>{printerWords(t, entry.printer)}</td>
                      <td>
                        {t(`prints.outcomes.${entry.outcome}`)}
                        {entry.error === null ? null : <div className="muted">{entry.error}</div>}
                      </td>
                      <td>{operatorWords(t, entry.operator)}</td>
                      <td>{entry.reprintReason === null ? '' : <q translate="no">{entry.reprintReason}</q>}</td>
                      <td>
                        {reprintable(entry) ? (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => void startAgain(entry)}
                            aria-label={t('prints.againFor', { kind: t(`labels.kind.${entry.kind}`), job: entry.jobId })}
                            data-testid={`prints-again-${entry.id}`}
                          >
                            {t('prints.again')}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="actions">
              <span className="muted">{t('prints.shown', { from: log.total === 0 ? 0 : offset + 1, to: offset + log.entries.length, total: log.total })}</span>
              <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                {t('prints.newer')}
              </button>
              <button type="button" className="button" disabled={offset + log.entries.length >= log.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
                {t('prints.older')}
              </button>
            </div>
          </>
        )}
      </QueryState>
      {again === null ? null : (
        <ConfirmAction
          title={t('prints.againTitle', { kind: t(`labels.kind.${again.kind}`), job: again.jobId })}
          confirmLabel={t('prints.again')}
          noteLabel={t('prints.reason')}
          noteRequired
          onConfirm={(fields) => printAgain(again, fields.note ?? '')}
          onClose={() => setAgain(null)}
          testId="print-again"
        >
          <p>{t('prints.againWhat')}</p>
        </ConfirmAction>
      )}
    </div>
  );
}
