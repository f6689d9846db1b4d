import { useTranslation } from 'react-i18next';
import type { SiteView } from '../../../shared/board/site-view';
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
  /** A count above zero here needs someone to act. */
  readonly alarm: boolean;
  readonly href: string;
}

/** Counts first, for a glance across the room; then each list with what to do and by when. */
function tilesOf(site: SiteView, t: ReturnType<typeof useTranslation>['t']): Tile[] {
  const held = site.packages.filter((pkg) => pkg.held).length;
  const troubled = site.desks.filter((desk) => desk.health === 'silent' || desk.health === 'failing').length;
  return [
    { id: 'desks', label: t('board.summary.desksInTrouble'), count: troubled, alarm: true, href: '#desks-heading' },
    { id: 'held', label: t('board.summary.held'), count: held, alarm: true, href: '#packages-heading' },
    { id: 'open', label: t('board.summary.open'), count: site.packages.length - held, alarm: false, href: '#packages-heading' },
    { id: 'overdue', label: t('board.summary.overdue'), count: site.overdueJobs.length, alarm: true, href: '#overdue-heading' },
    { id: 'attention', label: t('board.summary.attention'), count: site.attentionTotal, alarm: true, href: '#attention-heading' },
    {
      id: 'received',
      label: t('board.summary.receivedToday'),
      count: site.receipts.reduce((sum, row) => sum + row.received + row.recovered + row.registered, 0),
      alarm: false,
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
                className={`board-tile${tile.alarm && tile.count > 0 ? ' board-tile--alarm' : ''}`}
                data-testid={`tile-${tile.id}`}
                data-count={tile.count}
              >
                <span className="board-tile__count">{tile.count}</span>
                <span className="board-tile__label">{tile.label}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <DesksSection desks={site.desks} now={now} />
      <PackagesSection packages={site.packages} truncated={site.packagesTruncated} now={now} />
      <AttentionSection attention={site.attention} total={site.attentionTotal} />
      <OverdueSection jobs={site.overdueJobs} />
      <ReceiptsSection receipts={site.receipts} />
      <BoardImport />
    </div>
  );
}
