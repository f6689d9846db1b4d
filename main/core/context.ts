import type { DeskStore } from '../db/desk-store';
import type { Actor } from '../db/rows';
import type { Clock } from './clock';
import { readSettings } from './settings';
import type { DeskSettings } from '../../shared/rpc/results';
import type { SecretStore } from './sync/secret-store';

/** What every service needs: the store, the clock, and who is acting. */
export interface CoreContext {
  readonly store: DeskStore;
  readonly clock: Clock;
  actor(): Actor;
  settings(): DeskSettings;
  /** Settings are cached for the scan path; a write must drop the cache. */
  settingsChanged(): void;
  /** Where photos taken at the dock are kept: a folder beside the database. */
  readonly photosDir: string;
}

export function createCoreContext(store: DeskStore, clock: Clock, secrets: SecretStore, photosDir: string): CoreContext {
  let cached: DeskSettings | null = null;
  const settings = (): DeskSettings => (cached ??= readSettings(store, secrets, clock.now()));
  return {
    store,
    clock,
    settings,
    photosDir,
    settingsChanged: () => {
      cached = null;
    },
    actor() {
      const current = settings();
      return { operator: current.operator, deskId: current.deskId, at: clock.now().toISOString() };
    },
  };
}
