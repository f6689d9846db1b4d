import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageBoardRow } from '../../../shared/rpc/results';
import type { RpcError } from '../../../shared/rpc/envelope';
import { ConfirmAction } from '../components/ConfirmAction';
import { PackageBoardTable, type PackageAction } from '../components/PackageBoardTable';
import { QueryState } from '../components/QueryState';
import { useDeskQuery } from '../data/use-desk-query';
import { useAppStore } from '../state/app-store';
import { deskClient } from '../state/desk-client';
import { useScanStation } from '../state/scan-station-store';
import { HeldPackageDialogs } from './HeldPackageDialogs';

/** What the board shows: packages and their jobs' and drives' states. */
const BOARD_TOPICS = ['packages', 'jobs', 'drives'] as const;

/**
 * The open and held packages board (docs/receiving-rules.md, "Open packages"): every package not
 * closed and every held one, with its next step; scan on, close, and take a held package to its end
 * (contact, release, return, destroy), each with a confirmation that says what will happen.
 */
export function PackagesScreen() {
  const { t } = useTranslation();
  const board = useDeskQuery('packages.list', {}, { refreshOn: BOARD_TOPICS });
  const [acting, setActing] = useState<{ row: PackageBoardRow; action: PackageAction } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function onAction(row: PackageBoardRow, action: PackageAction) {
    setDone(null);
    if (action === 'resume') {
      useAppStore.getState().show('scan');
      useScanStation.getState().openPackage(row.package.trackingNumber, true);
      return;
    }
    setActing({ row, action });
  }

  async function close(row: PackageBoardRow): Promise<RpcError | null> {
    const result = await deskClient().call('packages.close', { packageId: row.package.id });
    if (!result.ok) return result.error;
    setDone(t('packageBoard.closed', { tracking: row.package.trackingNumber }));
    return null;
  }

  return (
    <div className="packages-view">
      <h2>{t('packageBoard.title')}</h2>
      <p className="muted">{t('packageBoard.intro')}</p>
      {done === null ? null : (
        <p className="notice" role="status" data-testid="board-done">
          {done}
        </p>
      )}
      <QueryState query={board}>{(data) => <PackageBoardTable rows={data.packages} asOf={data.asOf} onAction={onAction} />}</QueryState>
      {acting?.action === 'close' ? (
        <ConfirmAction
          title={t('packageBoard.closeTitle', { tracking: acting.row.package.trackingNumber })}
          confirmLabel={t('packageBoard.action.close')}
          onConfirm={() => close(acting.row)}
          onClose={() => setActing(null)}
          testId="board-close"
        >
          <p>{acting.row.missing === 0 ? t('packageBoard.closeAllIn') : t('packageBoard.closeMissing', { count: acting.row.missing })}</p>
        </ConfirmAction>
      ) : null}
      {acting !== null && acting.action !== 'close' && acting.action !== 'resume' ? (
        <HeldPackageDialogs row={acting.row} action={acting.action} onDone={(text) => setDone(text)} onClose={() => setActing(null)} />
      ) : null}
    </div>
  );
}
