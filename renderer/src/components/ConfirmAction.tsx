import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../shared/rpc/envelope';
import { describeError } from '../i18n/describe-error';

/** What the dialog asks for beside the confirmation: a note, a supervisor's badge scanned now. */
export interface ConfirmFields {
  readonly note?: string;
  readonly supervisorBadge?: string;
}

/** The core's code for an action this operator may not take without a supervisor. */
const FORBIDDEN = 'forbidden';

/** The error keys that mean "a supervisor's badge is needed, or this one will not do". */
const BADGE_KEYS: ReadonlySet<string> = new Set([
  'supervisorBadgeRequired',
  'supervisorBadgeUnknown',
  'supervisorBadgeNotSupervisor',
  'supervisorNoneOnFile',
  'supervisorSecondPerson',
]);

/** Whether a refusal asks for a (different) supervisor's badge: the dialog then shows its badge field. */
export function needsSupervisorBadge(error: Pick<RpcError, 'code' | 'key'>): boolean {
  return (error.code as string) === FORBIDDEN || (error.key !== undefined && BADGE_KEYS.has(error.key));
}

/**
 * One confirmation for every action that changes what cannot be taken back (release, return,
 * destroy, close unanswered, remove the demo set …): it says what will happen, asks for a note
 * when one is needed, and for a supervisor's badge scanned at that moment when the action is a
 * supervisor's. The action runs on Confirm; a refusal is said in the dialog, which stays open.
 */
export function ConfirmAction({
  title,
  children,
  confirmLabel,
  noteLabel,
  noteRequired = false,
  supervisor = false,
  extra,
  onConfirm,
  onClose,
  testId = 'confirm-action',
}: {
  readonly title: string;
  /** What will happen, said before anything is done. */
  readonly children: ReactNode;
  readonly confirmLabel: string;
  /** A note field with this label; none when left out. */
  readonly noteLabel?: string;
  readonly noteRequired?: boolean;
  /** The action needs a supervisor's badge: the field is shown from the start. */
  readonly supervisor?: boolean;
  /** More fields (a carrier, a method …), drawn by the caller inside the form. */
  readonly extra?: ReactNode;
  /** Runs the action; answers null when done, or the core's refusal to show. */
  readonly onConfirm: (fields: ConfirmFields) => Promise<Pick<RpcError, 'code' | 'message' | 'key' | 'params'> | null>;
  readonly onClose: (done: boolean) => void;
  readonly testId?: string;
}) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [badge, setBadge] = useState('');
  const [askBadge, setAskBadge] = useState(supervisor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialogRef.current?.showModal();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const refusal = await onConfirm({
      ...(noteLabel === undefined ? {} : { note: note.trim() }),
      ...(askBadge && badge.trim() !== '' ? { supervisorBadge: badge.trim() } : {}),
    });
    setBusy(false);
    if (refusal === null) {
      dialogRef.current?.close();
      onClose(true);
      return;
    }
    if (needsSupervisorBadge(refusal)) setAskBadge(true);
    setBadge('');
    setError(describeError(refusal));
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${testId}-title`}
      onCancel={(event) => {
        event.preventDefault();
        dialogRef.current?.close();
        onClose(false);
      }}
      data-testid={testId}
    >
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={`${testId}-title`}>{title}</h2>
        <div className="confirm__what" data-testid={`${testId}-what`}>
          {children}
        </div>
        {extra}
        {noteLabel === undefined ? null : (
          <label className="field">
            <span>{noteLabel}</span>
            <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={3} required={noteRequired} data-testid={`${testId}-note`} />
          </label>
        )}
        {askBadge ? (
          <label className="field">
            <span>{t('supervisor.badgeLabel')}</span>
            <input type="password" autoComplete="off" value={badge} onChange={(event) => setBadge(event.target.value)} required autoFocus data-testid={`${testId}-badge`} />
            <span className="muted">{t('supervisor.badgeHint')}</span>
          </label>
        ) : null}
        {error === null ? null : (
          <p className="notice notice--error" role="alert" data-testid={`${testId}-error`}>
            <span aria-hidden="true">✕ </span>
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={busy} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              dialogRef.current?.close();
              onClose(false);
            }}
          >
            {t('supervisor.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
