import { useTranslation } from 'react-i18next';
import type { PackageTally } from '../../../shared/rpc/results';

const SHOWN: readonly (keyof PackageTally)[] = ['received', 'recovered', 'duplicate', 'otherJob', 'extra', 'registered', 'held', 'invalid'];

/** The package's counts as the database has them, plus the drives that never arrived. */
export function TallyBar({ tally, neverReceived }: { readonly tally: PackageTally; readonly neverReceived: number }) {
  const { t } = useTranslation();
  return (
    <dl className="tally" aria-label={t('tally.label')}>
      {SHOWN.map((verdict) => (
        <div key={verdict} className={`tally__item tally__item--${verdict}`} data-testid={`tally-${verdict}`} data-count={tally[verdict]}>
          <dt>{t(`tally.${verdict}`)}</dt>
          <dd>{tally[verdict]}</dd>
        </div>
      ))}
      <div className="tally__item tally__item--neverReceived" data-testid="tally-neverReceived" data-count={neverReceived}>
        <dt>{t('tally.neverReceived')}</dt>
        <dd>{neverReceived}</dd>
      </div>
    </dl>
  );
}
