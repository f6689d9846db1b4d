import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../shared/rpc/envelope';
import type { CertificateInfo } from '../../../shared/rpc/results';
import { deskClient } from '../state/desk-client';
import { ConfirmAction } from './ConfirmAction';
import { CertificateDialog } from './CertificateDialog';
import { DestructionFields, useDestructionFields } from './DestructionFields';

/** What can be done with an overdue, blocked or cancelled job (docs/receiving-rules.md, "Overdue and blocked jobs"). */
export type JobAction = 'contact' | 'extendWait' | 'closeUnanswered' | 'closeCancelled' | 'destroyDrives';

type Refusal = Pick<RpcError, 'code' | 'message' | 'key' | 'params'> | null;

/** A date input's value as the instant the core takes: that day's end is not needed, its start is. */
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An overdue, blocked or cancelled job to its end: log a contact, wait longer (the customer
 * answered), close it unanswered from day 30, close a cancelled job none of whose drives came,
 * destroy a blocked job's drives from day 90. Each says first what will happen; the closing and
 * destroying ones ask a supervisor's badge.
 */
export function JobFollowUpDialog({
  jobId,
  action,
  onDone,
  onClose,
}: {
  readonly jobId: string;
  readonly action: JobAction;
  readonly onDone: (text: string) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [until, setUntil] = useState('');
  const destruction = useDestructionFields();
  const [certificate, setCertificate] = useState<CertificateInfo | null>(null);

  async function confirm(note: string | undefined, badge: string | undefined): Promise<Refusal> {
    const client = deskClient();
    switch (action) {
      case 'contact': {
        const result = await client.call('jobs.recordContact', { jobId, note: note ?? '' });
        if (!result.ok) return result.error;
        onDone(t('jobFollowUp.doneContact', { job: jobId }));
        return null;
      }
      case 'extendWait': {
        const result = await client.call('jobs.extendWait', { jobId, until: DATE_PATTERN.test(until) ? until : until.trim(), note: note ?? '' });
        if (!result.ok) return result.error;
        onDone(t('jobFollowUp.doneExtend', { job: jobId, until }));
        return null;
      }
      case 'closeUnanswered': {
        const result = await client.call('jobs.closeUnanswered', { jobId, supervisorBadge: badge ?? '', ...(note === undefined || note === '' ? {} : { note }) });
        if (!result.ok) return result.error;
        onDone(t('jobFollowUp.doneCloseUnanswered', { job: jobId }));
        return null;
      }
      case 'closeCancelled': {
        const result = await client.call('jobs.closeCancelled', { jobId, reason: note ?? '', supervisorBadge: badge ?? '' });
        if (!result.ok) return result.error;
        onDone(t('jobFollowUp.doneCloseCancelled', { job: jobId }));
        return null;
      }
      case 'destroyDrives': {
        const result = await client.call('jobs.destroyDrives', {
          jobId,
          ...destruction.params(),
          ...(note === undefined || note === '' ? {} : { notes: note }),
          supervisorBadge: badge ?? '',
        });
        if (!result.ok) return result.error;
        onDone(t('jobFollowUp.doneDestroy', { job: jobId }));
        setCertificate(result.value.certificate);
        return null;
      }
    }
  }

  if (certificate !== null) return <CertificateDialog certificates={[certificate]} onClose={onClose} />;
  const common = {
    onConfirm: (fields: { note?: string; supervisorBadge?: string }) => confirm(fields.note, fields.supervisorBadge),
    onClose: (done: boolean) => {
      if (!done || action !== 'destroyDrives') onClose();
    },
    testId: `job-${action}`,
  };
  switch (action) {
    case 'contact':
      return (
        <ConfirmAction {...common} title={t('jobFollowUp.contactTitle', { job: jobId })} confirmLabel={t('held.contactConfirm')} noteLabel={t('held.contactNote')} noteRequired>
          <p>{t('jobFollowUp.contactWhat')}</p>
        </ConfirmAction>
      );
    case 'extendWait':
      return (
        <ConfirmAction
          {...common}
          title={t('jobFollowUp.extendTitle', { job: jobId })}
          confirmLabel={t('jobFollowUp.extendConfirm')}
          noteLabel={t('jobFollowUp.extendNote')}
          noteRequired
          extra={
            <label className="field">
              <span>{t('jobFollowUp.until')}</span>
              <input type="date" value={until} onChange={(event) => setUntil(event.target.value)} required data-testid="job-extend-until" />
            </label>
          }
        >
          <p>{t('jobFollowUp.extendWhat')}</p>
        </ConfirmAction>
      );
    case 'closeUnanswered':
      return (
        <ConfirmAction {...common} title={t('jobFollowUp.closeUnansweredTitle', { job: jobId })} confirmLabel={t('jobFollowUp.closeConfirm')} noteLabel={t('jobFollowUp.closeNote')} supervisor>
          <p>{t('jobFollowUp.closeUnansweredWhat')}</p>
        </ConfirmAction>
      );
    case 'closeCancelled':
      return (
        <ConfirmAction {...common} title={t('jobFollowUp.closeCancelledTitle', { job: jobId })} confirmLabel={t('jobFollowUp.closeConfirm')} noteLabel={t('jobFollowUp.reason')} noteRequired supervisor>
          <p>{t('jobFollowUp.closeCancelledWhat')}</p>
        </ConfirmAction>
      );
    case 'destroyDrives':
      return (
        <ConfirmAction
          {...common}
          title={t('jobFollowUp.destroyTitle', { job: jobId })}
          confirmLabel={t('held.destroyConfirm')}
          noteLabel={t('destroy.notes')}
          supervisor
          extra={<DestructionFields fields={destruction} />}
        >
          <p>{t('jobFollowUp.destroyWhat')}</p>
        </ConfirmAction>
      );
  }
}
