import { useTranslation } from 'react-i18next';
import type { DriveView } from '../../../shared/rpc/views';
import { useAppStore } from '../state/app-store';
import { StateLabel } from './StateLabel';

/** The job's drive list with each drive's state; those still Specified are what is missing. */
export function ExpectedDrives({ drives }: { readonly drives: readonly DriveView[] }) {
  const { t } = useTranslation();
  const openHistory = useAppStore((state) => state.openHistory);
  if (drives.length === 0) return <p className="muted">{t('scan.expectedEmpty')}</p>;
  return (
    <table className="drives">
      <thead>
        <tr>
          <th scope="col">{t('drives.serial')}</th>
          <th scope="col">{t('drives.state')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('drives.history')}</span>
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
            <td>
              <button type="button" className="link-button" onClick={() => openHistory(drive.serial)}>
                {t('drives.history')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
