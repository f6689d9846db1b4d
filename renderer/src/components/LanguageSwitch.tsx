import { useAppStore } from '../state/app-store';
import { LanguageSelect } from './LanguageSelect';

/** The language of this desk's screens; kept in the desk's settings, so it survives a restart. */
export function LanguageSwitch() {
  const setLocale = useAppStore((state) => state.setLocale);
  return <LanguageSelect onSelect={(locale) => void setLocale(locale)} />;
}
