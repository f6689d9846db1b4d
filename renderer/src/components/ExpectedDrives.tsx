import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FINAL_DRIVE_STATE } from '../../../shared/domain/drive-states';
import type { DriveInfo } from '../../../shared/rpc/results';
import { useAppStore } from '../state/app-store';
import { DriveActionDialog } from './DriveActionDialog';
import { StateLabel } from './StateLabel';

/** The job's drive list with each drive's state; those still Specified are what is missing. */
export function ExpectedDrives({
  drives,
  jobCancelled = false,
  onChanged,
}: {
  readonly drives: readonly DriveInfo[];
  readonly jobCancelled?: boolean;
  /** Called after a fault or a resolution was recorded. */
  readonly onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const openHistory = useAppStore((state) => state.openHistory);
  const [acting, setActing] = useState<DriveInfo | null>(null);
  if (drives.length === 0) return <p className="muted">{t('scan.expectedEmpty')}</p>;
  return (
    <>
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
                {drive.serial}
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
                    onClick={() => setActing(drive)}
                    aria-label={drive.state === 'Faulted' ? t('fault.resolveFor', { serial: drive.serial }) : t('fault.faultFor', { serial: drive.serial })}
                    data-testid={`drive-action-${drive.serial}`}
                  >
                    {drive.state === 'Faulted' ? t('fault.resolve') : t('fault.fault')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {acting === null ? null : (
        <DriveActionDialog
          action={{ drive: acting, jobCancelled }}
          onDone={(changed) => {
            setActing(null);
            if (changed) onChanged?.();
          }}
        />
      )}
    </>
  );
}
