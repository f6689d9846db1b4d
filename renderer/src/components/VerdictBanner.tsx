import { useTranslation } from 'react-i18next';
import type { VerdictDisplay } from '../state/scan-station-store';
import { ToneIcon } from './ToneIcon';
import { describeError, sayCoreText } from '../i18n/describe-error';

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
  // What happened, as the core said it: each case has its own words (docs/receiving-rules.md).
  const detail = verdict.error !== null ? describeError(verdict.error) : verdict.text === null ? '' : sayCoreText(verdict.text, verdict.english);
  return (
    <section
      key={verdict.sequence}
      className={`verdict verdict--${verdict.tone} verdict--flash`}
      role="status"
      aria-live="assertive"
      data-verdict={verdict.kind}
      data-text={verdict.text?.key ?? verdict.error?.key ?? ''}
      data-testid="verdict"
    >
      <ToneIcon tone={verdict.tone} />
      <div>
        <p className="verdict__title">{t(`verdict.${verdict.kind}`)}</p>
        {detail === '' ? null : (
          <p className="verdict__detail" data-testid="verdict-detail">
            {detail}
          </p>
        )}
        {verdict.nearMisses.length === 0 ? null : (
          <p className="verdict__hint" data-testid="near-miss">
            {t('verdict.nearMiss', { serials: verdict.nearMisses.join(', ') })}
          </p>
        )}
      </div>
    </section>
  );
}
