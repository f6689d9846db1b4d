import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/rpc/results';
import type { RpcError } from '../../../shared/rpc/envelope';
import { deskClient } from './desk-client';

/** How often the always-visible sync status refreshes; faster while a sync runs, for the progress bar. */
export const SYNC_STATUS_POLL_MS = 5_000;
export const SYNC_STATUS_POLL_RUNNING_MS = 400;

interface SyncState {
  readonly status: SyncStatus | null;
  /** The last call's error (not the upstream's: that is in `status.lastError`). */
  readonly error: RpcError | null;
  readonly busy: boolean;
  refresh(): Promise<void>;
  runNow(): Promise<void>;
  resolve(seq: number, action: 'retry' | 'acceptUpstream'): Promise<void>;
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
  resolve: async (seq, action) => {
    const result = await deskClient().call('sync.resolve', { seq, action });
    set(result.ok ? { status: result.value.status, error: null } : { error: result.error });
  },
}));

/** Keeps the status fresh for as long as the app is open. */
export function startSyncStatusPolling(): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    await useSyncStore.getState().refresh().catch(() => undefined);
    if (stopped) return;
    const { status, busy } = useSyncStore.getState();
    timer = setTimeout(() => void tick(), status?.running === true || busy ? SYNC_STATUS_POLL_RUNNING_MS : SYNC_STATUS_POLL_MS);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
