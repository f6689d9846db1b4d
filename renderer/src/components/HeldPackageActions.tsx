import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../shared/rpc/envelope';
import type { CertificateInfo } from '../../../shared/rpc/results';
import { deskClient } from '../state/desk-client';
import { ConfirmAction } from './ConfirmAction';
import { DestructionFields, useDestructionFields } from './DestructionFields';
import { CertificateDialog, InfoDialog } from './CertificateDialog';
import { downloadDocument } from '../printing/print-document';
import { describeError } from '../i18n/describe-error';
import { documentLanguage } from '../i18n/document-language';

/** What can be done with a held package until it ends (docs/receiving-rules.md, "Held packages, to their end"). */
export type HeldAction = 'contact' | 'release' | 'return' | 'destroy';

/** The held package an action is about: enough to say it and to call the method. */
export interface HeldTarget {
  readonly packageId: number;
  readonly trackingNumber: string;
  readonly jobId: string | null;
  /** From day 14 a return needs no customer's request; before it, the request is asked for. Unknown: asked, not required. */
  readonly returnDue?: boolean;
  /** The drives held in it, when the caller knows them: said in the confirmation. */
  readonly serials?: readonly string[];
}

type Refusal = Pick<RpcError, 'code' | 'message' | 'key' | 'params'> | null;

/**
 * A held package to its end: log a contact, release it (its job ships now), return its drives to the
 * sender, or destroy them with a certificate. Each behind the one confirmation that says what will
 * happen; destroy asks the NIST fields and a supervisor's badge, then shows the certificate.
 */
export function HeldPackageDialog({
  target,
  action,
  onDone,
  onClose,
}: {
  readonly target: HeldTarget;
  readonly action: HeldAction;
  /** Said once the action is recorded (in the operator's language). */
  readonly onDone: (text: string) => void;
  readonly onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const destruction = useDestructionFields();
  const [certificates, setCertificates] = useState<readonly CertificateInfo[] | null>(null);
  const [returned, setReturned] = useState(false);
  const [docError, setDocError] = useState<string | null>(null);
  const tn = target.trackingNumber;
  const serials = target.serials ?? [];
  const drives = serials.length === 0 ? null : <p translate="no" className="mono" data-testid="held-serials">{serials.join(', ')}</p>;

  async function confirm(note: string | undefined, badge: string | undefined): Promise<Refusal> {
    const client = deskClient();
    if (action === 'contact') {
      const result = await client.call('packages.recordContact', { packageId: target.packageId, note: note ?? '' });
      if (!result.ok) return result.error;
      onDone(t('held.doneContact', { tracking: tn }));
      return null;
    }
    if (action === 'release') {
      const result = await client.call('packages.release', { packageId: target.packageId });
      if (!result.ok) return result.error;
      onDone(t('held.doneRelease', { tracking: tn, job: result.value.job.id, drives: result.value.received.length }));
      return null;
    }
    if (action === 'return') {
      const result = await client.call('packages.returnHeld', {
        packageId: target.packageId,
        carrierName: carrier.trim(),
        trackingNumber: tracking.trim(),
        ...(note === undefined || note === '' ? {} : { customerRequest: note }),
      });
      if (!result.ok) return result.error;
      onDone(t('held.doneReturn', { tracking: tn, carrier: carrier.trim(), returnTracking: tracking.trim() }));
      setReturned(true);
      return null;
    }
    const result = await client.call('packages.destroy', {
      packageId: target.packageId,
      ...destruction.params(),
      ...(note === undefined || note === '' ? {} : { notes: note }),
      supervisorBadge: badge ?? '',
    });
    if (!result.ok) return result.error;
    onDone(t('held.doneDestroy', { tracking: tn }));
    setCertificates(result.value.certificates);
    return null;
  }

  async function document(kind: 'returnLabel' | 'returnSlip') {
    const result = await deskClient().call('packages.document', { packageId: target.packageId, kind, format: 'pdf', ...documentLanguage(i18n.language) });
    if (!result.ok) {
      setDocError(describeError(result.error));
      return;
    }
    setDocError(null);
    downloadDocument(result.value);
  }

  if (certificates !== null) return <CertificateDialog certificates={certificates} onClose={onClose} />;
  if (returned) {
    return (
      <InfoDialog title={t('held.returnDocsTitle', { tracking: tn })} onClose={onClose} testId="held-return-docs">
        <p>{t('held.returnDocsBody')}</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => void document('returnLabel')} data-testid="held-return-label">
            {t('held.returnLabel')}
          </button>
          <button type="button" className="button" onClick={() => void document('returnSlip')} data-testid="held-return-slip">
            {t('held.returnSlip')}
          </button>
        </div>
        {docError === null ? null : <p className="notice notice--error">{docError}</p>}
      </InfoDialog>
    );
  }

  const common = {
    onConfirm: (fields: { note?: string; supervisorBadge?: string }) => confirm(fields.note, fields.supervisorBadge),
    // After a return or a destruction the documents are shown next: the caller closes on their Close.
    onClose: (done: boolean) => {
      if (!done || action === 'contact' || action === 'release') onClose();
    },
    testId: `held-${action}`,
  };
  if (action === 'contact') {
    return (
      <ConfirmAction {...common} title={t('held.contactTitle', { tracking: tn })} confirmLabel={t('held.contactConfirm')} noteLabel={t('held.contactNote')} noteRequired>
        <p>{t('held.contactWhat')}</p>
      </ConfirmAction>
    );
  }
  if (action === 'release') {
    return (
      <ConfirmAction {...common} title={t('held.releaseTitle', { tracking: tn })} confirmLabel={t('held.releaseConfirm')}>
        <p>{t('held.releaseWhat', { job: target.jobId ?? '' })}</p>
        {drives}
      </ConfirmAction>
    );
  }
  if (action === 'return') {
    return (
      <ConfirmAction
        {...common}
        title={t('held.returnTitle', { tracking: tn })}
        confirmLabel={t('held.returnConfirm')}
        noteLabel={target.returnDue === true ? t('held.returnNote') : t('held.customerRequest')}
        noteRequired={target.returnDue === false}
        extra={
          <>
            <label className="field">
              <span>{t('held.returnCarrier')}</span>
              <input type="text" value={carrier} onChange={(event) => setCarrier(event.target.value)} required data-testid="held-return-carrier" />
            </label>
            <label className="field">
              <span>{t('held.returnTracking')}</span>
              <input type="text" value={tracking} onChange={(event) => setTracking(event.target.value)} required data-testid="held-return-tracking" />
            </label>
          </>
        }
      >
        <p>{t('held.returnWhat')}</p>
        {target.returnDue === false ? <p className="notice notice--warning">{t('held.returnEarly')}</p> : null}
        {drives}
      </ConfirmAction>
    );
  }
  return (
    <ConfirmAction
      {...common}
      title={t('held.destroyTitle', { tracking: tn })}
      confirmLabel={t('held.destroyConfirm')}
      noteLabel={t('destroy.notes')}
      supervisor
      extra={<DestructionFields fields={destruction} />}
    >
      <p>{t('held.destroyWhat')}</p>
      {drives}
    </ConfirmAction>
  );
}
