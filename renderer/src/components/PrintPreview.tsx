import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabelDocument } from '../../../shared/rpc/results';
import { downloadDocument, toBlob } from '../printing/print-document';
import { usePrintStore } from '../state/print-store';
import { printOnSystemPrinter } from '../printing/print-pdf';

/** One document: the PDF as the printer will get it, with Print (the browser's dialog) and Download. */
function PreviewItem({ document }: { readonly document: LabelDocument }) {
  const { t } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);
  const dismiss = usePrintStore((state) => state.dismiss);
  const url = useMemo(() => URL.createObjectURL(toBlob(document)), [document]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const widthIn = (document.pageWidthPt / 72).toFixed(1);
  const heightIn = (document.pageHeightPt / 72).toFixed(1);
  return (
    <article className="print-preview__item" data-testid="print-preview-item" data-file={document.fileName}>
      <header className="print-preview__header">
        <h3>{document.fileName}</h3>
        <span className="muted">{t('print.pageSize', { width: widthIn, height: heightIn })}</span>
      </header>
      <iframe ref={frame} className="print-preview__frame" src={url} title={document.fileName} />
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            // The desktop app prints through its own dialog at the label's page size; a browser
            // prints the frame with its dialog.
            if (window.desk !== undefined) {
              void printOnSystemPrinter(document, null);
              return;
            }
            frame.current?.contentWindow?.focus();
            frame.current?.contentWindow?.print();
          }}
        >
          {t('print.print')}
        </button>
        <button type="button" className="button" onClick={() => downloadDocument(document)}>
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
        {documents.map((document) => (
          <PreviewItem key={document.fileName} document={document} />
        ))}
      </div>
    </div>
  );
}
