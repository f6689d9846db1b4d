import { useTranslation } from 'react-i18next';
import { isKnownDriveState } from '../../../shared/domain/drive-states';
import { isKnownJobState } from '../../../shared/domain/job-states';

/** A state in words with its code beside it; a state this desk does not know is shown as it came. */
export function StateLabel({ state, kind }: { readonly state: string; readonly kind: 'drive' | 'job' }) {
  const { t } = useTranslation();
  const known = kind === 'drive' ? isKnownDriveState(state) : isKnownJobState(state);
  const words = known ? t(`${kind}State.${state}`) : t(`${kind}State.unknown`);
  return (
    <span className={`state state--${known ? state : 'unknown'}`} data-state={state}>
      {words}
      {words === state ? null : <code className="state__code">{state}</code>}
    </span>
  );
}
