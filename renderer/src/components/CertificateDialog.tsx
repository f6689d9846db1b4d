import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../shared/rpc/results';
import { deskClient } from '../state/desk-client';
import { downloadDocument } from '../printing/print-document';
import { printOnSystemPrinter, printsThroughPreview } from '../printing/print-pdf';
import { usePrintStore } from '../state/print-store';
import { useAppStore } from '../state/app-store';
import { describeError } from '../i18n/describe-error';
import { documentLanguage } from '../i18n/document-language';

/** A modal that only shows something (a result, documents) and closes. */
export function InfoDialog({ title, children, onClose, testId }: { readonly title: string; readonly children: ReactNode; readonly onClose: () => void; readonly testId: string }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialogRef.current?.showModal();
  }, []);
  const close = () => {
    dialogRef.current?.close();
    onClose();
  };
  return (
    <dialog
      ref={dialogRef}
      className="dialog dialog--wide"
      aria-labelledby={`${testId}-title`}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      data-testid={testId}
    >
      <h2 id={`${testId}-title`}>{title}</h2>
      {children}
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={close} data-testid={`${testId}-close`} autoFocus>
          {t('held.closeDialog')}
        </button>
      </div>
    </dialog>
  );
}

/**
 * The destruction certificates just made (one per package, and the batch summary): number, hash,
 * who performed and who validated, every serial; each downloadable or printable as PDF. Opening its
 * print preview logs nothing; the preview's Print or Download, or the download here, is logged.
 */
export function CertificateDialog({ certificates, onClose }: { readonly certificates: readonly CertificateInfo[]; readonly onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  async function render(certificate: CertificateInfo, then: 'download' | 'print') {
    const language = documentLanguage(i18n.language);
    const result = await deskClient().call('certificates.render', { certificateId: certificate.id, format: 'pdf', ...language });
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setError(null);
    const systemPrinter = useAppStore.getState().settings?.systemPrinter ?? null;
    if (then === 'download' || !printsThroughPreview(systemPrinter)) {
      // Saved, or printed at once on the app's printer profile: logged as what happened.
      const printed = await deskClient().call('certificates.print', { certificateId: certificate.id, printer: then === 'download' ? 'download' : 'dialog', ...language });
      if (!printed.ok) {
        setError(describeError(printed.error));
        return;
      }
      if (then === 'download') downloadDocument(printed.value.document ?? result.value);
      else {
        const outcome = await printOnSystemPrinter(result.value, systemPrinter);
        if ('error' in outcome) setError(outcome.error);
      }
      return;
    }
    // Into the print preview, nothing logged: its Print or Download logs what happened and asks a
    // reprint reason there. The preview is drawn under a modal dialog: this one closes first.
    onClose();
    usePrintStore.getState().show(result.value, { certificateId: certificate.id, ...language });
  }

  return (
    <InfoDialog title={t('certificate.title')} onClose={onClose} testId="certificate">
      {certificates.map((certificate) => (
        <section key={certificate.id} className="certificate" data-testid="certificate-entry" data-certificate={certificate.id}>
          <dl className="facts">
            <div className="facts__pair">
              <dt>{t('certificate.number')}</dt>
              <dd translate="no" data-testid="certificate-number">
                {certificate.content.certificateNumber}
              </dd>
            </div>
            <div className="facts__pair">
              <dt>{t('certificate.job')}</dt>
              <dd>{certificate.jobId === null ? t('deadlines.unknownJob') : <span translate="no">{certificate.jobId}</span>}</dd>
            </div>
            <div className="facts__pair">
              <dt>{t('certificate.performedBy')}</dt>
              <dd translate="no">{certificate.performedBy}</dd>
            </div>
            <div className="facts__pair">
              <dt>{t('certificate.validatedBy')}</dt>
              <dd translate="no" data-testid="certificate-validated-by">
                {certificate.validatedBy}
              </dd>
            </div>
            <div className="facts__pair">
              <dt>{t('certificate.date')}</dt>
              <dd>{time.format(new Date(certificate.createdAt))}</dd>
            </div>
            <div className="facts__pair">
              <dt>{t('certificate.serials')}</dt>
              <dd translate="no" className="mono" data-testid="certificate-serials">
                {certificate.serials.join(', ')}
              </dd>
            </div>
            <div className="facts__pair">
              <dt>{t('certificate.hash')}</dt>
              <dd translate="no" className="mono hash" data-testid="certificate-hash">
                {certificate.contentSha256}
              </dd>
            </div>
          </dl>
          <div className="actions">
            <button type="button" className="button" onClick={() => void render(certificate, 'download')} data-testid="certificate-download">
              {t('certificate.downloadPdf')}
            </button>
            <button type="button" className="button" onClick={() => void render(certificate, 'print')} data-testid="certificate-print">
              {t('certificate.print')}
            </button>
          </div>
        </section>
      ))}
      {error === null ? null : (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </InfoDialog>
  );
}
