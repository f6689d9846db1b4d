import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SiteView } from '../../../shared/board/site-view';
import { ToneIcon } from '../components/ToneIcon';
import type { Tone } from '../state/scan-station-store';
import { AttentionSection } from './AttentionSection';
import { BoardImport } from './BoardImport';
import { useBoardStore } from './board-store';
import { DesksSection } from './DesksSection';
import { OverdueSection } from './OverdueSection';
import { PackagesSection } from './PackagesSection';
import { ReceiptsSection } from './ReceiptsSection';

interface Tile {
  readonly id: string;
  readonly label: string;
  readonly count: number;
  /** What a count above zero means: someone must act now (error), soon (warning), or nothing (info). */
  readonly tone: Tone;
  readonly href: string;
}

/** Counts first, for a glance across the room; then each list with what to do and by when. */
function tilesOf(site: SiteView, t: TFunction): Tile[] {
  const held = site.packages.filter((pkg) => pkg.held);
  const troubled = site.desks.filter((desk) => desk.health === 'silent' || desk.health === 'failing').length;
  return [
    { id: 'desks', label: t('board.summary.desksInTrouble'), count: troubled, tone: 'error', href: '#desks-heading' },
    // A held package is a warning until its drives are due back (or for destruction): then it is late.
    { id: 'held', label: t('board.summary.held'), count: held.length, tone: held.some((pkg) => pkg.stage !== 'contact') ? 'error' : 'warning', href: '#packages-heading' },
    { id: 'open', label: t('board.summary.open'), count: site.packages.length - held.length, tone: 'info', href: '#packages-heading' },
    { id: 'overdue', label: t('board.summary.overdue'), count: site.overdueJobs.length, tone: site.overdueJobs.some((job) => job.stage === 'dueForClosed') ? 'error' : 'warning', href: '#overdue-heading' },
    { id: 'attention', label: t('board.summary.attention'), count: site.attentionTotal, tone: 'warning', href: '#attention-heading' },
    {
      id: 'received',
      label: t('board.summary.receivedToday'),
      count: site.receipts.reduce((sum, row) => sum + row.received + row.recovered + row.registered, 0),
      tone: 'info',
      href: '#receipts-heading',
    },
  ];
}

export function SiteBoard() {
  const { t } = useTranslation();
  const site = useBoardStore((state) => state.site);
  if (site === null) return <p className="muted">{t('board.loading')}</p>;
  const now = new Date(site.asOf);
  return (
    <div className="site-board" data-testid="site-board">
      <nav aria-label={t('board.summary.label')}>
        <ul className="board-tiles">
          {tilesOf(site, t).map((tile) => (
            <li key={tile.id}>
              <a
                href={tile.href}
                className={`board-tile${tile.count > 0 && tile.tone !== 'info' ? ` board-tile--${tile.tone}` : ''}`}
                data-testid={`tile-${tile.id}`}
                data-count={tile.count}
              >
                <span className="board-tile__count">
                  {tile.count}
                  {tile.count > 0 && tile.tone !== 'info' ? <ToneIcon tone={tile.tone} size={28} /> : null}
                </span>
                <span className="board-tile__label">{tile.label}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <DesksSection desks={site.desks} now={now} />
      <PackagesSection packages={site.packages} truncated={site.packagesTruncated} now={now} />
      <AttentionSection attention={site.attention} total={site.attentionTotal} unreadable={site.unreadable} />
      <OverdueSection jobs={site.overdueJobs} />
      <ReceiptsSection receipts={site.receipts} />
      <BoardImport />
    </div>
  );
}
