import { useTranslation } from 'react-i18next';
import type { BoardReceipts } from '../../../shared/board/site-view';

/** Drives taken in today, per desk and operator (each desk's own day). */
export function ReceiptsSection({ receipts }: { readonly receipts: readonly BoardReceipts[] }) {
  const { t } = useTranslation();
  const total = (key: 'received' | 'recovered' | 'registered' | 'extra') => receipts.reduce((sum, row) => sum + row[key], 0);
  return (
    <section aria-labelledby="receipts-heading" className="board-section">
      <h2 id="receipts-heading">{t('board.receipts.heading')}</h2>
      {receipts.length === 0 ? (
        <p className="muted">{t('board.receipts.empty')}</p>
      ) : (
        <table data-testid="board-receipts">
          <thead>
            <tr>
              <th scope="col">{t('board.desks.name')}</th>
              <th scope="col">{t('board.attention.operator')}</th>
              <th scope="col" className="num">{t('reports.kind.received')}</th>
              <th scope="col" className="num">{t('reports.kind.recovered')}</th>
              <th scope="col" className="num">{t('reports.kind.registered')}</th>
              <th scope="col" className="num">{t('reports.kind.extra')}</th>
            </tr>
          </thead>
          <tbody>
            {receipts.map((row) => (
              <tr key={`${row.deskId}-${row.operator}`} data-desk={row.deskName} data-operator={row.operator}>
                <th scope="row">{row.deskName}</th>
                <td>{row.operator}</td>
                <td className="num" data-testid="receipts-received">{row.received}</td>
                <td className="num">{row.recovered}</td>
                <td className="num">{row.registered}</td>
                <td className="num">{row.extra}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>{t('board.receipts.total')}</th>
              <td className="num">{total('received')}</td>
              <td className="num">{total('recovered')}</td>
              <td className="num">{total('registered')}</td>
              <td className="num">{total('extra')}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
