import { create } from 'zustand';
import type { DeskSettings } from '../../../shared/rpc/results';
import i18next from 'i18next';
import type { Locale } from '../../../shared/i18n/locales';
import { deskClient, onDeskEvent } from './desk-client';
import { screenLanguage } from '../i18n';
import type { ScreenId } from '../../../shared/ui/screens';
import type { CoreText, RpcError } from '../../../shared/rpc/envelope';


/** Something said to the operator outside the scan station: what a scan elsewhere was, or why it failed. */
export type AppNotice =
  | { readonly text: CoreText; readonly english: string; readonly code: string }
  | { readonly error: Pick<RpcError, 'message' | 'key' | 'params'> };

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
  readonly notice: AppNotice | null;
  notify(notice: AppNotice): void;
  clearNotice(): void;
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
  notice: null,
  notify: (notice) => set({ notice }),
  clearNotice: () => set({ notice: null }),
  // Another screen closes the drive card: it belongs to what was on screen (docs/receiving-rules.md).
  show: (screen) => set({ screen, historySerial: null }),
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

/**
 * The desk's settings follow the desk's events: a change made anywhere (another tab, a script, the
 * desktop app's other window) reaches this page's header and language; a new connection reloads them.
 */
export function followSettings(): () => void {
  return onDeskEvent((event) => {
    if (event.type === 'settings') {
      useAppStore.setState({ settings: event.settings });
      void applyLanguage(event.settings.locale);
    } else if (event.type === 'hello') {
      void useAppStore.getState().loadSettings();
    }
  });
}
