import { useTranslation } from 'react-i18next';
import type { BoardPackage } from '../../../shared/board/site-view';
import { ago, dateOnly } from './format';

/** Packages open at any desk; held ones first, with the day their drives go back and the day they are destroyed. */
export function PackagesSection({ packages, truncated, now }: { readonly packages: readonly BoardPackage[]; readonly truncated: boolean; readonly now: Date }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="packages-heading" className="board-section">
      <h2 id="packages-heading">{t('board.packages.heading')}</h2>
      {truncated ? <p className="notice notice--warning">{t('board.packages.truncated')}</p> : null}
      {packages.length === 0 ? (
        <p className="muted">{t('board.packages.empty')}</p>
      ) : (
        <table data-testid="board-packages">
          <thead>
            <tr>
              <th scope="col">{t('deadlines.tracking')}</th>
              <th scope="col">{t('board.packages.status')}</th>
              <th scope="col">{t('board.desks.name')}</th>
              <th scope="col">{t('deadlines.job')}</th>
              <th scope="col">{t('board.packages.checkedIn')}</th>
              <th scope="col" className="num">{t('board.packages.scanned')}</th>
              <th scope="col">{t('deadlines.returnBy')}</th>
              <th scope="col">{t('deadlines.destroyBy')}</th>
              <th scope="col">{t('deadlines.stage')}</th>
            </tr>
          </thead>
          <tbody>
            {packages.map((pkg) => (
              <tr key={`${pkg.deskId}-${pkg.packageId}`} data-tracking={pkg.trackingNumber} data-held={pkg.held} data-stage={pkg.stage ?? ''}>
                <th scope="row" className="mono">{pkg.trackingNumber}</th>
                <td>{pkg.held ? <span className="badge badge--warning">{t('board.packages.held')}</span> : <span className="badge">{t('board.packages.open')}</span>}</td>
                <td>{pkg.deskName}</td>
                <td>{pkg.jobName ?? t('deadlines.unknownJob')}</td>
                <td>{ago(i18n.language, pkg.checkedInAt, now)}</td>
                <td className="num">{pkg.declaredDriveCount === null ? pkg.scanned : t('board.packages.scannedOf', { scanned: pkg.scanned, declared: pkg.declaredDriveCount })}</td>
                <td>{pkg.returnBy === null ? '–' : dateOnly(i18n.language, pkg.returnBy)}</td>
                <td>{pkg.destroyBy === null ? '–' : dateOnly(i18n.language, pkg.destroyBy)}</td>
                <td className={pkg.stage === null ? '' : `stage stage--${pkg.stage}`}>{pkg.stage === null ? t('board.packages.receiving') : t(`deadlines.stages.${pkg.stage}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
