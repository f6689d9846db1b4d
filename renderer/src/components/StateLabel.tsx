import { useTranslation } from 'react-i18next';
import { translateDataKey } from '../i18n/dynamic-key';

/**
 * A state in words with its code beside it. A state this desk has no words for (the upstream may
 * invent one) is shown as it came, never hidden.
 */
export function StateLabel({ state, kind }: { readonly state: string; readonly kind: 'drive' | 'job' }) {
  const { t } = useTranslation();
  const known = translateDataKey(`${kind}State.${state}`);
  const words = known ?? t(`${kind}State.unknown`);
  return (
    <span className={`state state--${known === null ? 'unknown' : state}`} data-state={state}>
      {words}
      {words === state ? null : (
        <code className="state__code" translate="no">
          {state}
        </code>
      )}
    </span>
  );
}
