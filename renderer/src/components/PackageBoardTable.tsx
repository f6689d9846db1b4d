import { useTranslation } from 'react-i18next';
import type { PackageBoardRow } from '../../../shared/rpc/results';
import { StateLabel } from './StateLabel';

/** What can be done with a package from the board; which ones a row offers depends on its state. */
export type PackageAction = 'resume' | 'close' | 'contact' | 'release' | 'return' | 'destroy';

/** The actions a row offers: an open package is scanned on or closed; a held one goes to its end. */
export function packageActions(row: PackageBoardRow): PackageAction[] {
  const actions: PackageAction[] = [];
  if (row.package.status === 'open') actions.push('resume');
  if (row.package.status === 'open' && !row.package.held) actions.push('close');
  if (row.package.held) {
    actions.push('contact');
    if (row.nextStep === 'release') actions.push('release');
    actions.push('return');
    if (row.nextStep === 'destroyDrives') actions.push('destroy');
  }
  return actions;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The open and held packages board: every package not closed and every held one, its age, its
 * job's state, its drives, the next step and when it is due. Each row's actions name the package for
 * a screen reader. Data only: the screen around it loads and refreshes it.
 */
export function PackageBoardTable({
  rows,
  asOf,
  onAction,
}: {
  readonly rows: readonly PackageBoardRow[];
  readonly asOf: string;
  readonly onAction: (row: PackageBoardRow, action: PackageAction) => void;
}) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  if (rows.length === 0) return <p className="muted">{t('packageBoard.empty')}</p>;
  const age = (since: string) => {
    const ms = Math.max(0, new Date(asOf).getTime() - new Date(since).getTime());
    return ms < DAY_MS ? t('packageBoard.ageHours', { count: Math.floor(ms / HOUR_MS) }) : t('packageBoard.ageDays', { count: Math.floor(ms / DAY_MS) });
  };
  return (
    <table className="package-board" data-testid="package-board">
      <thead>
        <tr>
          <th scope="col">{t('packageBoard.package')}</th>
          <th scope="col">{t('packageBoard.job')}</th>
          <th scope="col">{t('packageBoard.age')}</th>
          <th scope="col">{t('packageBoard.drives')}</th>
          <th scope="col">{t('packageBoard.nextStep')}</th>
          <th scope="col">{t('packageBoard.due')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('packageBoard.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.package.id} data-tracking={row.package.trackingNumber} data-step={row.nextStep} data-held={row.package.held}>
            <th scope="row">
              <span className="mono" translate="no">
                {row.package.trackingNumber}
              </span>
              <div className="muted">
                {row.package.held ? t('packageBoard.held') : null}
                {row.package.held && row.package.status === 'open' ? ' · ' : null}
                {row.package.status === 'open' ? t('packageBoard.open') : null}
              </div>
            </th>
            <td>
              {row.job === null ? (
                t('deadlines.unknownJob')
              ) : (
                <>
                  <span translate="no">{row.job.id}</span> <StateLabel state={row.job.state} kind="job" />
                </>
              )}
            </td>
            <td>{age(row.package.checkedInAt)}</td>
            <td>
              {row.package.held ? t('packageBoard.heldDrives', { count: row.held }) : t('packageBoard.receivedOf', { received: row.received, listed: row.listed })}
              {row.missing > 0 ? <div className="notice notice--warning">{t('packageBoard.missing', { count: row.missing })}</div> : null}
              {row.extra > 0 ? <div>{t('packageBoard.extra', { count: row.extra })}</div> : null}
            </td>
            <td className={`stage stage--${row.nextStep}`}>{t(`packageBoard.steps.${row.nextStep}`)}</td>
            <td>{row.dueAt === null ? '—' : date.format(new Date(row.dueAt))}</td>
            <td className="drives__actions">
              {packageActions(row).map((action) => (
                <button
                  key={action}
                  type="button"
                  className="link-button"
                  onClick={() => onAction(row, action)}
                  aria-label={t(`packageBoard.actionFor.${action}`, { tracking: row.package.trackingNumber })}
                  data-testid={`board-${action}-${row.package.trackingNumber}`}
                >
                  {t(`packageBoard.action.${action}`)}
                </button>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
