import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FAULT_REASONS, legalDriveMoves, type FaultReason } from '../../../shared/domain/drive-states';
import type { DriveInfo } from '../../../shared/rpc/results';
import type { CoreText } from '../../../shared/rpc/envelope';
import { deskClient } from '../state/desk-client';
import { describeError } from '../i18n/describe-error';

export type DriveActionKind = 'fault' | 'resolve' | 'remove';

export interface DriveAction {
  readonly drive: DriveInfo;
  readonly jobCancelled: boolean;
  readonly kind: DriveActionKind;
}

/** What the action recorded, for the confirmation the screen shows. */
export type DriveActionDone = { readonly text: CoreText; readonly english: string } | null;

/**
 * Faults a drive (reason code and note), resolves a fault (back to the state it left or a legal
 * successor, with a note saying how), or takes a drive added by mistake off its job (with the
 * reason). A modal dialog: focus stays inside until it closes.
 */
export function DriveActionDialog({ action, onDone }: { readonly action: DriveAction; readonly onDone: (done: DriveActionDone) => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const resolving = action.kind === 'resolve';
  const removing = action.kind === 'remove';
  const targets = resolving
    ? legalDriveMoves('Faulted', { jobCancelled: action.jobCancelled, faultedFrom: action.drive.faultedFrom })
    : [];
  const [reason, setReason] = useState<FaultReason>('damagedInShipment');
  const [target, setTarget] = useState<string>(targets[0] ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialogRef.current?.showModal();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = removing
      ? await deskClient().call('drives.remove', { jobId: action.drive.jobId, driveId: action.drive.serial, reason: note })
      : await deskClient().call('drives.transition', {
          jobId: action.drive.jobId,
          driveId: action.drive.serial,
          to: resolving ? target : 'Faulted',
          ...(resolving ? {} : { reason }),
          note,
        });
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    dialogRef.current?.close();
    onDone({ text: result.value.text, english: result.value.message });
  }

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="drive-action-title" onCancel={() => onDone(null)} data-testid="drive-action-dialog">
      <form onSubmit={(event) => void submit(event)}>
        <h2 id="drive-action-title">
          {removing
            ? t('drives.removeTitle', { serial: action.drive.serial, job: action.drive.jobId })
            : resolving
              ? t('fault.resolveTitle', { serial: action.drive.serial })
              : t('fault.title', { serial: action.drive.serial })}
        </h2>
        {removing ? (
          <p>{t('drives.removeExplained', { job: action.drive.jobId })}</p>
        ) : resolving ? (
          <label className="field">
            <span>{t('fault.resolveTo')}</span>
            <select value={target} onChange={(event) => setTarget(event.target.value)} autoFocus>
              {targets.map((state) => (
                <option key={state} value={state}>
                  {t(`driveState.${state}`)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="field">
            <span>{t('fault.reason')}</span>
            <select value={reason} onChange={(event) => setReason(event.target.value as FaultReason)} autoFocus>
              {FAULT_REASONS.map((code) => (
                <option key={code} value={code}>
                  {t(`fault.reasons.${code}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{removing ? t('drives.removeReason') : resolving ? t('fault.resolutionNote') : t('fault.note')}</span>
          <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={3} required={resolving || removing} data-testid="drive-action-note" />
        </label>
        {error === null ? null : (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="submit" className="button button--primary">
            {removing ? t('drives.removeConfirm') : resolving ? t('fault.resolve') : t('fault.confirm')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              dialogRef.current?.close();
              onDone(null);
            }}
          >
            {t('fault.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
