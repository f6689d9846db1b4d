import { useTranslation } from 'react-i18next';

/**
 * A state in words with its code beside it. A state this desk has no words for (the upstream may
 * invent one) is shown as it came, never hidden.
 */
export function StateLabel({ state, kind }: { readonly state: string; readonly kind: 'drive' | 'job' }) {
  const { t, i18n } = useTranslation();
  const key = `${kind}State.${state}`;
  const known = i18n.exists(key);
  const words = known ? t(key) : t(`${kind}State.unknown`);
  return (
    <span className={`state state--${known ? state : 'unknown'}`} data-state={state}>
      {words}
      {words === state ? null : <code className="state__code">{state}</code>}
    </span>
  );
}
