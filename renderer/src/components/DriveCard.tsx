import { useTranslation } from 'react-i18next';
import type { DriveHistory, TransitionInfo } from '../../../shared/rpc/results';
import { sayCoreText } from '../i18n/describe-error';
import { jobTypeWords, operatorWords, reasonWords } from '../i18n/data-words';
import { StateLabel } from './StateLabel';
import { PackagePhotos } from './PackagePhotos';

/**
 * A drive's card (docs/receiving-rules.md, "A scan anywhere"): for each job the serial is in, the
 * job, the state, the package it came in and where it is now; the packages it was held in; and its
 * whole history with reasons in words, notes, operator, desk, package and time. Data only: the
 * panel around it loads it and refreshes it.
 */
export function DriveCard({ history }: { readonly history: DriveHistory }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const tracking = new Map(history.packages.map((pkg) => [pkg.id, pkg.trackingNumber]));
  const nothing = history.cards.length === 0 && history.held.length === 0 && history.transitions.length === 0;
  if (nothing) return <p className="muted">{t('drives.historyEmpty')}</p>;
  return (
    <>
      {history.cards.map((card) => (
        <section key={card.job.id} className="drive-card" aria-label={t('card.inJob', { job: card.job.id })} data-testid="drive-card" data-job={card.job.id}>
          <dl className="facts">
            <div className="facts__pair">
              <dt>{t('card.job')}</dt>
              <dd>
                <span translate="no">{card.job.id}</span> · {jobTypeWords(t, card.job.type)} · <StateLabel state={card.job.state} kind="job" />
              </dd>
            </div>
            <div className="facts__pair">
              <dt>{t('card.state')}</dt>
              <dd>
                <StateLabel state={card.drive.state} kind="drive" />
                {card.drive.isExtra ? <span className="badge">{t('drives.extra')}</span> : null}
              </dd>
            </div>
            <div className="facts__pair">
              <dt>{t('card.package')}</dt>
              <dd>{card.package === null ? t('card.noPackage') : <span translate="no">{card.package.trackingNumber}</span>}</dd>
            </div>
            <div className="facts__pair">
              <dt>{t('card.where')}</dt>
              <dd data-testid="drive-whereabouts">{sayCoreText(card.whereabouts, '')}</dd>
            </div>
          </dl>
        </section>
      ))}
      {history.held.length === 0 ? null : (
        <section aria-labelledby="card-held-heading">
          <h3 id="card-held-heading">{t('card.heldTitle')}</h3>
          <ul>
            {history.held.map((scan) => (
              <li key={scan.scanId} data-testid="drive-held">
                {t('card.heldIn', { tracking: scan.trackingNumber, at: format.format(new Date(scan.scannedAt)), operator: operatorWords(t, scan.operator) })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <DockDamage history={history} />
      <h3>{t('card.historyTitle')}</h3>
      {history.transitions.length === 0 ? (
        <p className="muted">{t('drives.historyEmpty')}</p>
      ) : (
        <ol className="history" data-testid="drive-history">
          {history.transitions.map((transition) => (
            <HistoryLine key={transition.id} transition={transition} tracking={transition.packageId === null ? null : (tracking.get(transition.packageId) ?? null)} when={format.format(new Date(transition.at))} />
          ))}
        </ol>
      )}
    </>
  );
}

function HistoryLine({ transition, tracking, when }: { readonly transition: TransitionInfo; readonly tracking: string | null; readonly when: string }) {
  const { t } = useTranslation();
  return (
    <li data-from={transition.from ?? ''} data-to={transition.to} data-reason={transition.reason ?? ''}>
      <strong translate="no">{transition.jobId}</strong>{' '}
      {transition.from === null ? (
        <StateLabel state={transition.to} kind={transition.entity} />
      ) : (
        <>
          <StateLabel state={transition.from} kind={transition.entity} /> → <StateLabel state={transition.to} kind={transition.entity} />
        </>
      )}
      {transition.reason === null ? null : <div data-testid="history-reason">{reasonWords(t, transition.reason)}</div>}
      {transition.note === null || transition.note === '' ? null : (
        <div className="history__note" data-testid="history-note">
          {t('card.note')} <q translate="no">{transition.note}</q>
        </div>
      )}
      <div className="muted">
        {t('card.byAt', { operator: operatorWords(t, transition.operator), at: when })}
        {tracking === null ? null : ` · ${t('card.inPackage', { tracking })}`}
        {` · ${t('card.onDesk', { desk: transition.deskId.slice(0, DESK_ID_SHOWN) })}`}
      </div>
    </li>
  );
}

/** A desk is named in the history by the start of its id: enough to tell the site's desks apart. */
const DESK_ID_SHOWN = 8;

/** The packages the drive came in that were damaged at the dock, or photographed there: what was seen, and the photos. */
export function DockDamage({ history }: { readonly history: DriveHistory }) {
  const { t } = useTranslation();
  const shown = history.packages.filter((pkg) => pkg.damaged || history.photos.some((photo) => photo.packageId === pkg.id));
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="card-damage-heading" data-testid="drive-damage">
      <h3 id="card-damage-heading">{t('damage.cardTitle')}</h3>
      {shown.map((pkg) => (
        <div key={pkg.id} className="dock-damage" data-tracking={pkg.trackingNumber}>
          <p>
            {t('damage.inPackage')} <span className="mono" translate="no">{pkg.trackingNumber}</span>
            {pkg.damaged ? (
              <>
                {' · '}
                {t('damage.damagedWith')} <q translate="no">{pkg.damageNote ?? ''}</q>
              </>
            ) : null}
          </p>
          <PackagePhotos photos={history.photos.filter((photo) => photo.packageId === pkg.id)} />
        </div>
      ))}
    </section>
  );
}
