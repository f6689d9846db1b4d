import { useTranslation } from 'react-i18next';
import type { VerdictDisplay } from '../state/scan-station-store';
import { ToneIcon } from './ToneIcon';
import { describeError } from '../i18n/describe-error';

function useDetail(verdict: VerdictDisplay): string {
  const { t } = useTranslation();
  const values = {
    serial: verdict.serial ?? verdict.code ?? '',
    job: verdict.jobId ?? t('scan.noJob'),
    tracking: verdict.trackingNumber ?? '',
    received: verdict.counts?.received ?? 0,
    neverReceived: verdict.counts?.neverReceived ?? 0,
  };
  switch (verdict.kind) {
    case 'invalid':
      return verdict.reason === null ? '' : t(`invalidReason.${verdict.reason}`);
    case 'error':
      return verdict.error === null ? '' : describeError(verdict.error);
    default: {
      const detail = t(`verdict.${verdict.kind}Detail`, values);
      // A drive of another job goes to that job's shelf: say so whatever the verdict.
      return verdict.jobId !== null && verdict.jobId !== verdict.currentJobId && verdict.kind === 'recovered'
        ? `${detail} ${t('verdict.putWith', { job: verdict.jobId })}`
        : detail;
    }
  }
}

/** The large verdict an operator reads from a step away: text, icon and colour together. */
export function VerdictBanner({ verdict }: { readonly verdict: VerdictDisplay | null }) {
  const { t } = useTranslation();
  if (verdict === null) {
    return (
      <section className="verdict verdict--idle" role="status" aria-live="polite" data-verdict="idle">
        <ToneIcon tone="info" />
        <p className="verdict__title">{t('verdict.idle')}</p>
      </section>
    );
  }
  return <VerdictContent verdict={verdict} />;
}

function VerdictContent({ verdict }: { readonly verdict: VerdictDisplay }) {
  const { t } = useTranslation();
  const detail = useDetail(verdict);
  return (
    <section
      key={verdict.sequence}
      className={`verdict verdict--${verdict.tone} verdict--flash`}
      role="status"
      aria-live="assertive"
      data-verdict={verdict.kind}
      data-testid="verdict"
    >
      <ToneIcon tone={verdict.tone} />
      <div>
        <p className="verdict__title">{t(`verdict.${verdict.kind}`)}</p>
        {detail === '' ? null : <p className="verdict__detail">{detail}</p>}
        {verdict.nearMisses.length === 0 ? null : (
          <p className="verdict__hint" data-testid="near-miss">
            {t('verdict.nearMiss', { serials: verdict.nearMisses.join(', ') })}
          </p>
        )}
      </div>
    </section>
  );
}
