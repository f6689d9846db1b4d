import { create } from 'zustand';

const STORAGE_KEY = 'receiving-desk.preferences';
const DEFAULT_VOLUME = 0.4;

interface Preferences {
  readonly soundOn: boolean;
  readonly volume: number;
}

interface PreferencesState extends Preferences {
  toggleSound(): void;
  setVolume(volume: number): void;
}

function load(): Preferences {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Preferences>;
    return {
      soundOn: stored.soundOn ?? true,
      volume: typeof stored.volume === 'number' ? Math.min(1, Math.max(0, stored.volume)) : DEFAULT_VOLUME,
    };
  } catch {
    return { soundOn: true, volume: DEFAULT_VOLUME };
  }
}

/** Per-workstation preferences (sound), kept in the browser profile rather than the desk's database. */
export const usePreferences = create<PreferencesState>((set, get) => {
  const save = (next: Preferences) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    set(next);
  };
  return {
    ...load(),
    toggleSound: () => save({ soundOn: !get().soundOn, volume: get().volume }),
    setVolume: (volume) => save({ soundOn: get().soundOn, volume }),
  };
});
