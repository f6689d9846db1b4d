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
}

export function createCoreContext(store: DeskStore, clock: Clock, secrets: SecretStore): CoreContext {
  let cached: DeskSettings | null = null;
  const settings = (): DeskSettings => (cached ??= readSettings(store, secrets));
  return {
    store,
    clock,
    settings,
    settingsChanged: () => {
      cached = null;
    },
    actor() {
      const current = settings();
      return { operator: current.operator, deskId: current.deskId, at: clock.now().toISOString() };
    },
  };
}
