import { create } from 'zustand';
import type { SettingsView } from '../../../shared/rpc/views';
import { deskClient } from './desk-client';

export type ViewName = 'scan' | 'jobs' | 'deadlines' | 'sync' | 'settings';

interface AppState {
  readonly view: ViewName;
  readonly mode: 'electron' | 'web';
  readonly settings: SettingsView | null;
  /** The serial whose history panel is open, if any. */
  readonly historySerial: string | null;
  show(view: ViewName): void;
  setMode(mode: 'electron' | 'web'): void;
  loadSettings(): Promise<void>;
  openHistory(serial: string | null): void;
}

export const useAppStore = create<AppState>((set) => ({
  view: 'scan',
  mode: 'web',
  settings: null,
  historySerial: null,
  show: (view) => set({ view }),
  setMode: (mode) => set({ mode }),
  openHistory: (historySerial) => set({ historySerial }),
  loadSettings: async () => {
    const result = await deskClient().call('settings.get', {});
    if (result.ok) set({ settings: result.value });
  },
}));
