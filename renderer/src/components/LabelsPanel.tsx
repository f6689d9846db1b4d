import { documentLanguage } from '../i18n/document-language';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobDetail, LabelFormat, LabelKind, ShipBackPlan } from '../../../shared/rpc/results';
import type { RpcError } from '../../../shared/rpc/envelope';
import { ConfirmAction } from './ConfirmAction';
import { sayCoreText } from '../i18n/describe-error';
import { useDeskQuery } from '../data/use-desk-query';
import { deskClient } from '../state/desk-client';
import { downloadDocument } from '../printing/print-document';
import { previewLabel, printOnSystemPrinter, printsThroughPreview } from '../printing/print-pdf';
import { useAppStore } from '../state/app-store';
import { describeError } from '../i18n/describe-error';
import { operatorWords, printerWords } from '../i18n/data-words';

type Target = 'dialog' | 'network' | 'download';

interface Notice {
  readonly error: boolean;
  readonly text: string;
}

/**
 * Return label, packing slip and shipping back for one job, with its print log. What they change
 * (the log, the job's flag and drives) comes back through the desk's events to every screen showing it.
 */
export function LabelsPanel({ job }: { readonly job: JobDetail }) {
  const { t, i18n } = useTranslation();
  const [notice, setNotice] = useState<Notice | null>(null);
  const printLog = useDeskQuery('labels.printLog', { jobId: job.id }, { refreshOn: ['prints'] });
  const log = printLog.data?.entries ?? [];
  const [reprint, setReprint] = useState<{ kind: LabelKind; target: Target } | null>(null);
  const [reason, setReason] = useState('');
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [printWithShipment, setPrintWithShipment] = useState(true);
  const [plan, setPlan] = useState<ShipBackPlan | null>(null);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  /**
   * A label or slip: to the print preview (rendered, nothing logged: the preview's Print or Download
   * logs what really happened), straight to the desktop app's printer profile or the Zebra printer
   * (logged as printed), or downloaded as ZPL (logged as downloaded, never a print).
   */
  async function print(kind: LabelKind, target: Target, reprintReason?: string): Promise<boolean> {
    const format: LabelFormat = target === 'dialog' ? 'pdf' : 'zpl';
    const systemPrinter = useAppStore.getState().settings?.systemPrinter ?? null;
    if (target === 'dialog' && printsThroughPreview(systemPrinter)) {
      const refusal = await previewLabel(job.id, kind, documentLanguage(i18n.language).language);
      if (refusal !== null) setNotice({ error: true, text: refusal });
      return refusal === null;
    }
    const result = await deskClient().call('labels.print', {
      jobId: job.id,
      kind,
      format,
      printer: target,
      // The slip is printed in the screen's language, set to the customer's when printing for them.
      ...documentLanguage(i18n.language),
      ...(reprintReason === undefined ? {} : { reprintReason }),
    });
    if (!result.ok) {
      const details = result.error.details as { reprintReasonRequired?: boolean } | undefined;
      if (details?.reprintReasonRequired === true) {
        setReprint({ kind, target });
        return false;
      }
      setNotice({ error: true, text: describeError(result.error) });
      return false;
    }
    const { document } = result.value;
    if (document !== null) {
      if (document.format === 'pdf') {
        const outcome = await printOnSystemPrinter(document, systemPrinter);
        if ('error' in outcome) {
          setNotice({ error: true, text: outcome.error });
          return false;
        }
      } else downloadDocument(document);
    }
    const words = t(`labels.kind.${kind}`);
    setNotice({ error: false, text: target === 'download' ? t('labels.downloaded', { kind: words }) : t('labels.printed', { kind: words }) });
    return true;
  }

  async function confirmReprint(event: FormEvent) {
    event.preventDefault();
    if (reprint === null || reason.trim() === '') return;
    const { kind, target } = reprint;
    setReprint(null);
    await print(kind, target, reason.trim());
    setReason('');
  }

  /** First what would go back and what stays, and why; the operator confirms before anything moves. */
  async function planShipBack(event: FormEvent) {
    event.preventDefault();
    const result = await deskClient().call('jobs.shipBackPlan', { jobId: job.id });
    if (!result.ok) {
      setNotice({ error: true, text: describeError(result.error) });
      return;
    }
    setPlan(result.value);
  }

  async function shipBack(): Promise<RpcError | null> {
    const result = await deskClient().call('jobs.shipBack', { jobId: job.id, carrierName: carrier.trim(), trackingNumber: tracking.trim() });
    if (!result.ok) return result.error;
    setNotice({ error: false, text: t('labels.shipped', { count: result.value.shipped.length, tracking: result.value.returnTrackingNumber }) });
    if (printWithShipment && (await print('return', 'dialog'))) await print('packingSlip', 'dialog');
    return null;
  }

  return (
    <section className="labels-panel" aria-labelledby="labels-heading" data-testid="labels-panel">
      <h3 id="labels-heading">{t('labels.title')}</h3>
      {job.opsFlagText === null ? null : (
        <p className="notice notice--warning" data-testid="ops-flag">
          <span aria-hidden="true">⚑</span> {sayCoreText(job.opsFlagText, job.opsFlag ?? '')}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={() => void print('return', 'dialog')}>
          {t('labels.printReturn')}
        </button>
        <button type="button" className="button" onClick={() => void print('packingSlip', 'dialog')}>
          {t('labels.printSlip')}
        </button>
        <button type="button" className="button" onClick={() => void print('return', 'network')}>
          {t('labels.printZpl')}
        </button>
        <button type="button" className="button" onClick={() => void print('return', 'download')}>
          {t('labels.downloadZpl')}
        </button>
      </div>
      {notice === null ? null : (
        <p className={`notice${notice.error ? ' notice--error' : ''}`} role="status" data-testid="labels-notice">
          {notice.error ? <span aria-hidden="true">✕ </span> : null}
          {notice.text}
        </p>
      )}
      {reprint === null ? null : (
        <form className="reprint-form" onSubmit={(event) => void confirmReprint(event)}>
          <label className="field">
            <span>{t('labels.reprintReason', { kind: t(`labels.kind.${reprint.kind}`) })}</span>
            <input type="text" value={reason} onChange={(event) => setReason(event.target.value)} autoFocus data-testid="reprint-reason" />
          </label>
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={reason.trim() === ''}>
              {t('labels.reprint')}
            </button>
            <button type="button" className="button" onClick={() => setReprint(null)}>
              {t('labels.cancel')}
            </button>
          </div>
        </form>
      )}
      {plan === null ? null : (
        <ConfirmAction
          title={t('labels.shipBackConfirmTitle', { job: job.id })}
          confirmLabel={plan.goes.length === 0 ? t('labels.shipBackNothingOk') : t('labels.shipBackConfirm', { count: plan.goes.length })}
          onConfirm={() => (plan.goes.length === 0 ? Promise.resolve(null) : shipBack())}
          onClose={() => setPlan(null)}
          testId="ship-back-plan"
        >
          {plan.goes.length === 0 ? (
            <p className="notice notice--warning">{t('labels.shipBackNothing')}</p>
          ) : (
            <>
              <p>{t('labels.shipBackGoes', { count: plan.goes.length, carrier: carrier.trim(), tracking: tracking.trim() })}</p>
              <ul data-testid="ship-back-goes">
                {plan.goes.map((drive) => (
                  <li key={drive.serial} translate="no">
                    {drive.serial}
                  </li>
                ))}
              </ul>
            </>
          )}
          {plan.stays.length === 0 ? null : (
            <>
              <p>{t('labels.shipBackStays', { count: plan.stays.length })}</p>
              <ul data-testid="ship-back-stays">
                {plan.stays.map((stay) => (
                  <li key={stay.drive.serial}>{sayCoreText(stay.why, '')}</li>
                ))}
              </ul>
            </>
          )}
        </ConfirmAction>
      )}
      <form className="ship-back-form" onSubmit={(event) => void planShipBack(event)}>
        <h4>{t('labels.shipBackTitle')}</h4>
        <label className="field">
          <span>{t('labels.carrier')}</span>
          <input type="text" value={carrier} onChange={(event) => setCarrier(event.target.value)} data-testid="ship-carrier" />
        </label>
        <label className="field">
          <span>{t('labels.tracking')}</span>
          <input type="text" value={tracking} onChange={(event) => setTracking(event.target.value)} data-testid="ship-tracking" />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={printWithShipment} onChange={(event) => setPrintWithShipment(event.target.checked)} />
          {t('labels.printWithShipment')}
        </label>
        <button type="submit" className="button button--primary" disabled={carrier.trim() === '' || tracking.trim() === ''}>
          {t('labels.shipBack')}
        </button>
      </form>
      <h4>{t('labels.logTitle')}</h4>
      {log.length === 0 ? (
        <p className="muted">{t('labels.logEmpty')}</p>
      ) : (
        <table data-testid="print-log">
          <thead>
            <tr>
              <th scope="col">{t('labels.col.at')}</th>
              <th scope="col">{t('labels.col.what')}</th>
              <th scope="col">{t('labels.col.printer')}</th>
              <th scope="col">{t('labels.col.who')}</th>
              <th scope="col">{t('labels.col.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((entry) => (
              <tr key={entry.id} data-outcome={entry.outcome}>
                <td>{time.format(new Date(entry.at))}</td>
                <td>
                  {t(`labels.kind.${entry.kind}`)} · <span translate="no">{entry.format.toUpperCase()}</span>
                  {entry.reprintReason === null ? null : <> · {t('labels.reprintedBecause', { reason: entry.reprintReason })}</>}
                </td>
                <td>{printerWords(t, entry.printer)}</td>
                <td>{operatorWords(t, entry.operator)}</td>
                <td>{entry.outcome === 'failed' ? `✕ ${t('labels.outcome.failed')}` : `✓ ${t(`labels.outcome.${entry.outcome}`)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
