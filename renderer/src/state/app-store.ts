import { create } from 'zustand';
import type { DeskSettings } from '../../../shared/rpc/results';
import i18next from 'i18next';
import type { Locale } from '../../../shared/i18n/locales';
import { deskClient } from './desk-client';
import { screenLanguage } from '../i18n';
import type { ScreenId } from '../../../shared/ui/screens';


interface AppState {
  /** The screen on display (shared/ui/screens.ts). */
  readonly screen: ScreenId;
  readonly mode: 'electron' | 'web';
  readonly settings: DeskSettings | null;
  /** The serial whose history panel is open, if any. */
  readonly historySerial: string | null;
  show(screen: ScreenId): void;
  setMode(mode: 'electron' | 'web'): void;
  loadSettings(): Promise<void>;
  /** Switches the screens' language and keeps it in the desk's settings. */
  setLocale(locale: Locale): Promise<void>;
  openHistory(serial: string | null): void;
}

async function applyLanguage(locale: string): Promise<void> {
  const language = screenLanguage(locale);
  if (i18next.language !== language) await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export const useAppStore = create<AppState>((set) => ({
  screen: 'scan',
  mode: 'web',
  settings: null,
  historySerial: null,
  show: (screen) => set({ screen }),
  setMode: (mode) => set({ mode }),
  openHistory: (historySerial) => set({ historySerial }),
  loadSettings: async () => {
    const result = await deskClient().call('settings.get', {});
    if (!result.ok) return;
    set({ settings: result.value });
    await applyLanguage(result.value.locale);
  },
  setLocale: async (locale) => {
    const result = await deskClient().call('settings.set', { locale });
    if (!result.ok) return;
    set({ settings: result.value });
    await applyLanguage(locale);
  },
}));
