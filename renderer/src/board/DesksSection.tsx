import { useTranslation } from 'react-i18next';
import type { BoardDesk, DeskHealth } from '../../../shared/board/site-view';
import { ToneIcon } from '../components/ToneIcon';
import type { Tone } from '../state/scan-station-store';
import { ago } from './format';

const HEALTH_TONES: Readonly<Record<DeskHealth, Tone>> = {
  ok: 'success',
  attention: 'warning',
  failing: 'error',
  silent: 'error',
  notEnrolled: 'info',
};

const count = (value: number | null) => (value === null ? '–' : String(value));

/** Every desk of the site, worst first in colour, icon and words: is it heard from, does it sync, does anything wait. */
export function DesksSection({ desks, now }: { readonly desks: readonly BoardDesk[]; readonly now: Date }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="desks-heading" className="board-section">
      <h2 id="desks-heading">{t('board.desks.heading')}</h2>
      {desks.length === 0 ? (
        <p className="muted">{t('board.desks.empty')}</p>
      ) : (
        <table data-testid="board-desks">
          <thead>
            <tr>
              <th scope="col">{t('board.desks.name')}</th>
              <th scope="col">{t('board.desks.health')}</th>
              <th scope="col">{t('board.desks.lastSeen')}</th>
              <th scope="col" className="num">{t('board.desks.pending')}</th>
              <th scope="col" className="num">{t('board.desks.failures')}</th>
              <th scope="col" className="num">{t('board.desks.open')}</th>
              <th scope="col" className="num">{t('board.desks.held')}</th>
              <th scope="col" className="num">{t('board.desks.attention')}</th>
              <th scope="col" className="num">{t('board.desks.receivedToday')}</th>
              <th scope="col">{t('board.desks.version')}</th>
            </tr>
          </thead>
          <tbody>
            {desks.map((desk) => (
              <tr key={desk.deskId} data-desk={desk.name} data-health={desk.health}>
                <th scope="row">{desk.name}</th>
                <td className={`desk-health desk-health--${desk.health}`}>
                  <span className="desk-health__label">
                    <ToneIcon tone={HEALTH_TONES[desk.health]} size={20} />
                    {t(`board.health.${desk.health}`)}
                  </span>
                  {desk.pausedReason !== null || desk.lastError !== null ? <span className="desk-health__detail">{desk.pausedReason ?? desk.lastError}</span> : null}
                </td>
                <td>{desk.lastSeenAt === null ? t('board.desks.never') : ago(i18n.language, desk.lastSeenAt, now)}</td>
                <td className="num" data-testid="desk-pending">{count(desk.pending)}</td>
                <td className="num">{count(desk.failures)}</td>
                <td className="num">{count(desk.openPackages)}</td>
                <td className="num">{count(desk.heldPackages)}</td>
                <td className="num">{count(desk.attention)}</td>
                <td className="num" data-testid="desk-received-today">{count(desk.receivedToday)}</td>
                <td className="mono">{desk.version ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
