import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FINAL_DRIVE_STATE } from '../../../shared/domain/drive-states';
import type { CoreText } from '../../../shared/rpc/envelope';
import type { DriveInfo } from '../../../shared/rpc/results';
import { sayCoreText } from '../i18n/describe-error';
import { useAppStore } from '../state/app-store';
import { DriveActionDialog, type DriveActionKind } from './DriveActionDialog';
import { StateLabel } from './StateLabel';

/** States a drive added by mistake can still be taken off its job from: it has not left the site. */
const REMOVABLE_STATES: readonly string[] = ['Received', 'Faulted', 'Transferring', 'Completed', 'CompletedMoreInfo'];

/**
 * The job's drive list with each drive's state; those still Specified are what is missing. Each row
 * opens the drive's card, faults or resolves it, and takes a drive added by mistake off the job;
 * every action says what it recorded.
 */
export function ExpectedDrives({
  drives,
  jobCancelled = false,
  exportJob = false,
  onChanged,
}: {
  readonly drives: readonly DriveInfo[];
  readonly jobCancelled?: boolean;
  /** An export job's drives were all registered at the desk: any of them may be taken off by mistake. */
  readonly exportJob?: boolean;
  /** Called after a fault, a resolution or a removal was recorded. */
  readonly onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const openHistory = useAppStore((state) => state.openHistory);
  const [acting, setActing] = useState<{ drive: DriveInfo; kind: DriveActionKind } | null>(null);
  const [recorded, setRecorded] = useState<{ text: CoreText; english: string } | null>(null);
  if (drives.length === 0) return <p className="muted">{t('scan.expectedEmpty')}</p>;
  const removable = (drive: DriveInfo) => (drive.isExtra || exportJob) && REMOVABLE_STATES.includes(drive.state);
  return (
    <>
      {recorded === null ? null : (
        <p className="notice" role="status" data-testid="drive-action-done">
          {sayCoreText(recorded.text, recorded.english)}
        </p>
      )}
      <table className="drives">
        <thead>
          <tr>
            <th scope="col">{t('drives.serial')}</th>
            <th scope="col">{t('drives.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('drives.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {drives.map((drive) => (
            <tr key={`${drive.jobId}/${drive.serial}`} className={drive.state === 'Specified' ? 'drives__row--missing' : ''} data-serial={drive.serial}>
              <td className="mono">
                <span translate="no">{drive.serial}</span>
                {drive.isExtra ? <span className="badge">{t('drives.extra')}</span> : null}
              </td>
              <td>
                <StateLabel state={drive.state} kind="drive" />
              </td>
              <td className="drives__actions">
                <button type="button" className="link-button" onClick={() => openHistory(drive.serial)} aria-label={t('drives.historyFor', { serial: drive.serial })}>
                  {t('drives.history')}
                </button>
                {drive.isExtra || drive.state === FINAL_DRIVE_STATE ? null : (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setActing({ drive, kind: drive.state === 'Faulted' ? 'resolve' : 'fault' })}
                    aria-label={drive.state === 'Faulted' ? t('fault.resolveFor', { serial: drive.serial }) : t('fault.faultFor', { serial: drive.serial })}
                    data-testid={`drive-action-${drive.serial}`}
                  >
                    {drive.state === 'Faulted' ? t('fault.resolve') : t('fault.fault')}
                  </button>
                )}
                {removable(drive) ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setActing({ drive, kind: 'remove' })}
                    aria-label={t('drives.removeFor', { serial: drive.serial, job: drive.jobId })}
                    data-testid={`drive-remove-${drive.serial}`}
                  >
                    {t('drives.remove')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {acting === null ? null : (
        <DriveActionDialog
          action={{ drive: acting.drive, jobCancelled, kind: acting.kind }}
          onDone={(done) => {
            setActing(null);
            if (done !== null) {
              setRecorded(done);
              onChanged?.();
            }
          }}
        />
      )}
    </>
  );
}
