import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadDocument, toBlob } from '../printing/print-document';
import { usePrintStore, type PreviewDocument, type PrintRecord } from '../state/print-store';
import { printOnSystemPrinter } from '../printing/print-pdf';
import { deskClient } from '../state/desk-client';
import { describeError } from '../i18n/describe-error';

type Action = 'print' | 'download';

interface Notice {
  readonly error: boolean;
  readonly text: string;
}

/**
 * One document: the PDF as the printer will get it, with Print (the browser's or the app's dialog)
 * and Download. Opening it logged nothing; Print and Download log what they did (a job's label or
 * slip, or the test label), and a reprint reason is asked here, only when this kind was really printed before.
 */
function PreviewItem({ item }: { readonly item: PreviewDocument }) {
  const { document, record } = item;
  const { t } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);
  const dismiss = usePrintStore((state) => state.dismiss);
  const url = useMemo(() => URL.createObjectURL(toBlob(document)), [document]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const [reprintFor, setReprintFor] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const recordWords = (what: PrintRecord) =>
    'test' in what ? t('prints.kinds.test') : 'certificateId' in what ? t('labels.kind.destruction') : t(`labels.kind.${what.kind}`);
  const widthIn = (document.pageWidthPt / 72).toFixed(1);
  const heightIn = (document.pageHeightPt / 72).toFixed(1);

  function printNow(): void {
    // The desktop app prints through its own dialog at the label's page size; a browser prints
    // the frame with its dialog.
    if (window.desk !== undefined) {
      void printOnSystemPrinter(document, null).then((outcome) => {
        if ('error' in outcome) setNotice({ error: true, text: outcome.error });
      });
      return;
    }
    frame.current?.contentWindow?.focus();
    frame.current?.contentWindow?.print();
  }

  /** Logs the print or the download first (the desk keeps what left it), then does it. */
  async function act(action: Action, reprintReason?: string): Promise<void> {
    if (record === null) {
      if (action === 'print') printNow();
      else downloadDocument(document);
      return;
    }
    const printer = action === 'print' ? 'dialog' : 'download';
    const reason = reprintReason === undefined ? {} : { reprintReason };
    const result =
      'test' in record
        ? await deskClient().call('printers.testPrint', { printer })
        : 'certificateId' in record
          ? await deskClient().call('certificates.print', { certificateId: record.certificateId, printer, ...(record.language === undefined ? {} : { language: record.language }), ...reason })
          : await deskClient().call('labels.print', {
            jobId: record.jobId,
            kind: record.kind,
            format: 'pdf',
            printer,
            ...(record.language === undefined ? {} : { language: record.language }),
            ...reason,
          });
    if (!result.ok) {
      const details = result.error.details as { reprintReasonRequired?: boolean } | undefined;
      if (details?.reprintReasonRequired === true) {
        setReprintFor(action);
        return;
      }
      setNotice({ error: true, text: describeError(result.error) });
      return;
    }
    const kind = recordWords(record);
    setNotice({ error: false, text: action === 'print' ? t('labels.printed', { kind }) : t('labels.downloaded', { kind }) });
    if (action === 'print') printNow();
    else downloadDocument(result.value.document ?? document);
  }

  async function confirmReprint(event: FormEvent) {
    event.preventDefault();
    if (reprintFor === null || reason.trim() === '') return;
    const action = reprintFor;
    setReprintFor(null);
    await act(action, reason.trim());
    setReason('');
  }

  const headingId = useId();
  const kindWords = record === null ? document.fileName : recordWords(record);
  return (
    <article className="print-preview__item" data-testid="print-preview-item" data-file={document.fileName} aria-labelledby={headingId}>
      <header className="print-preview__header">
        <h3 id={headingId} translate="no">
          {document.fileName}
        </h3>
        <span className="muted">{t('print.pageSize', { width: widthIn, height: heightIn })}</span>
      </header>
      <iframe ref={frame} className="print-preview__frame" src={url} title={document.fileName} translate="no" />
      {reprintFor === null ? null : (
        <form className="reprint-form" onSubmit={(event) => void confirmReprint(event)}>
          <label className="field">
            <span>{t('labels.reprintReason', { kind: kindWords })}</span>
            <input type="text" value={reason} onChange={(event) => setReason(event.target.value)} autoFocus data-testid="reprint-reason" />
          </label>
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={reason.trim() === ''}>
              {t('labels.reprint')}
            </button>
            <button type="button" className="button" onClick={() => setReprintFor(null)}>
              {t('labels.cancel')}
            </button>
          </div>
        </form>
      )}
      {notice === null ? null : (
        <p className={`notice${notice.error ? ' notice--error' : ''}`} role="status" data-testid="print-preview-notice">
          {notice.error ? <span aria-hidden="true">✕ </span> : null}
          {notice.text}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => void act('print')}>
          {t('print.print')}
        </button>
        <button type="button" className="button" onClick={() => void act('download')}>
          {t('print.download')}
        </button>
        <button type="button" className="button" onClick={() => dismiss(document.fileName)}>
          {t('print.done')}
        </button>
      </div>
    </article>
  );
}

/** The print preview: what is about to be printed, checked at a glance before it goes to paper. */
export function PrintPreview() {
  const { t } = useTranslation();
  const { documents, clear } = usePrintStore();
  if (documents.length === 0) return null;
  return (
    <div className="print-preview" role="dialog" aria-modal="true" aria-labelledby="print-preview-title" data-testid="print-preview">
      <div className="print-preview__panel">
        <header className="print-preview__header">
          <h2 id="print-preview-title">{t('print.title')}</h2>
          <button type="button" className="button" onClick={clear}>
            {t('print.close')}
          </button>
        </header>
        {documents.map((item) => (
          <PreviewItem key={item.document.fileName} item={item} />
        ))}
      </div>
    </div>
  );
}
