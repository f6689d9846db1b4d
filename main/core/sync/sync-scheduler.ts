import type { SyncEngine } from './sync-engine';

/** How often the host checks whether a scheduled sync is due; the engine's schedule decides if it runs. */
export const SYNC_TICK_MS = 5_000;

export interface SyncScheduler {
  stop(): void;
}

/**
 * Runs scheduled syncs in the desk's process (web mode or Electron main), and keeps the live link
 * to the hub open so the desk syncs at once when another desk changed something. The schedule
 * itself (next attempt, failures, pause) is on disk in the engine, so a restart picks it up.
 */
export function startSyncScheduler(engine: SyncEngine, tickMs = SYNC_TICK_MS): SyncScheduler {
  const timer = setInterval(() => {
    if (!engine.isDue()) return;
    // A failure is recorded in the engine's state; nothing here may throw out of a timer.
    engine.run('scheduled').catch(() => undefined);
  }, tickMs);
  timer.unref();
  engine.startLive();
  return {
    stop: () => {
      clearInterval(timer);
      engine.stopLive();
    },
  };
}
