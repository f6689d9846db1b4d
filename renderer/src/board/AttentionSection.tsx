import { useTranslation } from 'react-i18next';
import type { BoardAttention, BoardUnreadable } from '../../../shared/board/site-view';
import { StateLabel } from '../components/StateLabel';
import { dateTime } from './format';

/**
 * Moves the hub refused, at every desk: each is resolved at its desk (Retry or Accept upstream).
 * Below them, job documents the desks could not read: those are fixed here, at the hub.
 */
export function AttentionSection({
  attention,
  total,
  unreadable,
}: {
  readonly attention: readonly BoardAttention[];
  readonly total: number;
  readonly unreadable: readonly BoardUnreadable[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="attention-heading" className="board-section">
      <h2 id="attention-heading">{t('board.attention.heading')}</h2>
      {attention.length === 0 && unreadable.length === 0 ? <p className="muted">{t('board.attention.empty')}</p> : null}
      {attention.length === 0 ? null : (
        <>
          <p className="muted">{t('board.attention.where')}</p>
          <table data-testid="board-attention">
            <thead>
              <tr>
                <th scope="col">{t('board.desks.name')}</th>
                <th scope="col">{t('sync.col.status')}</th>
                <th scope="col">{t('sync.col.subject')}</th>
                <th scope="col">{t('sync.col.move')}</th>
                <th scope="col">{t('sync.col.upstreamSays')}</th>
                <th scope="col">{t('sync.col.at')}</th>
                <th scope="col">{t('board.attention.operator')}</th>
              </tr>
            </thead>
            <tbody>
              {attention.map((item) => (
                <tr key={`${item.deskId}-${item.seq}`} data-serial={item.serial ?? ''} data-status={item.status}>
                  <th scope="row">{item.deskName}</th>
                  <td>{item.status === 'rejected' ? t('sync.rejected') : t('sync.held')}</td>
                  <td>
                    {item.jobName}
                    {item.serial === null ? null : <span className="mono"> · {item.serial}</span>}
                  </td>
                  <td>
                    {item.from === null ? null : (
                      <>
                        <StateLabel state={item.from} kind={item.entity} /> →{' '}
                      </>
                    )}
                    <StateLabel state={item.to} kind={item.entity} />
                  </td>
                  <td>
                    {item.upstreamState === null ? null : (
                      <>
                        {t('sync.upstreamState')} <StateLabel state={item.upstreamState} kind={item.entity} />
                      </>
                    )}
                    {item.upstreamReason === null ? null : <div className="muted">{item.upstreamReason}</div>}
                  </td>
                  <td>{dateTime(i18n.language, item.at)}</td>
                  <td>{item.operator}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > attention.length ? <p className="muted">{t('board.attention.more', { count: total - attention.length })}</p> : null}
        </>
      )}
      {unreadable.length === 0 ? null : (
        <>
          <h3 id="unreadable-heading">{t('board.attention.unreadableHeading')}</h3>
          <p className="muted">{t('board.attention.unreadableHint')}</p>
          <table data-testid="board-unreadable" aria-labelledby="unreadable-heading">
            <thead>
              <tr>
                <th scope="col">{t('deadlines.job')}</th>
                <th scope="col">{t('board.attention.unreadableWhy')}</th>
                <th scope="col">{t('board.desks.heading')}</th>
                <th scope="col">{t('board.attention.unreadableSince')}</th>
              </tr>
            </thead>
            <tbody>
              {unreadable.map((item) => (
                <tr key={`${item.jobName ?? ''}-${item.reason}`} data-job={item.jobName ?? ''}>
                  <th scope="row">{item.jobName ?? t('sync.unnamedJob')}</th>
                  <td>{item.reason}</td>
                  <td>{item.deskNames.join(', ')}</td>
                  <td>{dateTime(i18n.language, item.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
