import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/rpc/results';
import type { RpcError } from '../../../shared/rpc/envelope';
import { deskClient, onDeskEvent } from './desk-client';
import { eventTouches } from '../../../shared/events';

interface SyncState {
  readonly status: SyncStatus | null;
  /** The last call's error (not the upstream's: that is in `status.lastError`). */
  readonly error: RpcError | null;
  readonly busy: boolean;
  refresh(): Promise<void>;
  runNow(): Promise<void>;
  /** Answers the core's refusal (a confirmation dialog shows it), or null when done. */
  resolve(seq: number, action: 'retry' | 'acceptUpstream', supervisorBadge?: string): Promise<RpcError | null>;
}

export const useSyncStore = create<SyncState>((set, get) => ({
  status: null,
  error: null,
  busy: false,
  refresh: async () => {
    const result = await deskClient().call('sync.status', {});
    if (result.ok) set({ status: result.value });
  },
  runNow: async () => {
    if (get().busy) return;
    set({ busy: true, error: null });
    const result = await deskClient().call('sync.run', {});
    set(result.ok ? { busy: false, status: result.value } : { busy: false, error: result.error });
  },
  resolve: async (seq, action, supervisorBadge) => {
    const result = await deskClient().call('sync.resolve', { seq, action, ...(supervisorBadge === undefined ? {} : { supervisorBadge }) });
    if (result.ok) set({ status: result.value.status, error: null });
    // Accept upstream asks in a dialog, which says its own refusal; a retry's is said on the screen.
    else if (action === 'retry') set({ error: result.error });
    return result.ok ? null : result.error;
  },
}));

/**
 * A burst of scans announces a change per scan; the count of moves waiting for upstream is read at
 * most this often meanwhile (once after the last one, always), so the bar never competes with the
 * scans it counts. Set off by events only: nothing runs while the desk is quiet.
 */
export const SYNC_STATUS_REFRESH_GAP_MS = 300;

let refreshing = false;
let refreshAgain = false;
let lastRefreshAt = 0;

function refreshCoalesced(): void {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  const wait = Math.max(0, lastRefreshAt + SYNC_STATUS_REFRESH_GAP_MS - Date.now());
  setTimeout(() => {
    refreshAgain = false;
    lastRefreshAt = Date.now();
    void useSyncStore
      .getState()
      .refresh()
      .catch(() => undefined)
      .finally(() => {
        refreshing = false;
        if (refreshAgain) refreshCoalesced();
      });
  }, wait);
}

/**
 * Keeps the always-visible status current from the desk's events, with no timer: a `sync` event
 * carries the status itself (a run started, progressed, ended); a change that queued or settled
 * moves for upstream (topic `sync`), or a new connection, loads it again.
 */
export function followSyncStatus(): () => void {
  refreshCoalesced();
  return onDeskEvent((event) => {
    if (event.type === 'sync') useSyncStore.setState({ status: event.status });
    else if (eventTouches(event, ['sync'])) refreshCoalesced();
  });
}
