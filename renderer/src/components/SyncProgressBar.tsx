import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../../shared/rpc/results';

/** Determinate when the upstream says how much is left, indeterminate otherwise. */
export function SyncProgressBar({ progress, compact = false }: { readonly progress: SyncProgress | null; readonly compact?: boolean }) {
  const { t } = useTranslation();
  const done = progress?.done ?? 0;
  const total = progress?.remaining === null || progress === null ? null : done + progress.remaining;
  const label = progress === null ? t('sync.running') : t(`sync.phase.${progress.phase}`, { done, total: total ?? '?' });
  return (
    <span className={`sync-progress${compact ? ' sync-progress--compact' : ''}`} data-testid="sync-progress">
      <progress max={total ?? undefined} value={total === null ? undefined : done} aria-label={label} />
      {compact ? null : <span>{label}</span>}
    </span>
  );
}
