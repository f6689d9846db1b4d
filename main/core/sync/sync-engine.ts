import { DeskError } from '../../../shared/rpc/envelope';
import { MAX_PUSH_BATCH } from '../../../shared/sync/wire';
import type { AttentionItem, SyncProgress, SyncResolveResult, SyncStatus } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { DEFAULT_BACKOFF, nextDelayMs, type BackoffPolicy } from './backoff';
import { pullChanges } from './pull-changes';
import { pushOutbox } from './push-outbox';
import { resolveAttention } from './resolve-attention';
import type { SecretStore } from './secret-store';
import { UPSTREAM_URL_SETTING } from '../settings';
import { createUpstreamClient, UpstreamError, type UpstreamClient } from './upstream-client';

/** After a clean run, look for upstream news again this much later. */
export const SYNC_POLL_INTERVAL_MS = 60_000;
/** The Needs attention list shows this many rows; the counts cover the rest. */
export const MAX_ATTENTION_ROWS = 500;


export interface SyncEngineOptions {
  readonly secrets: SecretStore;
  readonly backoff?: BackoffPolicy;
  /** For the jitter; tests pass a seeded one. */
  readonly random?: () => number;
  readonly requestTimeoutMs?: number;
  /** Transitions per push request, at most MAX_PUSH_BATCH; tests use fewer to make more requests. */
  readonly pushBatchSize?: number;
  readonly logError?: (error: unknown) => void;
}

export interface SyncEngine {
  status(): SyncStatus;
  /** Pushes then pulls now. `scheduled` runs skip while paused or before the next attempt time. */
  run(trigger: 'manual' | 'scheduled'): Promise<SyncStatus>;
  /** True when a scheduled run should go now. */
  isDue(): boolean;
  resolve(params: MethodParams<'sync.resolve'>): SyncResolveResult;
  /** Upstream URL or token changed: lift a pause and try soon. */
  credentialsChanged(): void;
}

function failureMessage(error: unknown): string {
  if (error instanceof UpstreamError) return error.message;
  return `Sync failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
}

/** The desk's side of docs/sync-protocol.md: push the outbox, pull the changes, keep the schedule on disk. */
export function createSyncEngine(context: CoreContext, options: SyncEngineOptions): SyncEngine {
  const { store } = context;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const pushBatchSize = Math.min(Math.max(options.pushBatchSize ?? MAX_PUSH_BATCH, 1), MAX_PUSH_BATCH);
  let inFlight: Promise<SyncStatus> | null = null;
  let progress: SyncProgress | null = null;

  const upstreamUrl = () => store.settings.get(UPSTREAM_URL_SETTING) ?? null;
  /** URL first: the token file is read only when there is an upstream to use it for. */
  const configured = () => upstreamUrl() !== null && options.secrets.read() !== null;
  const nowIso = () => context.clock.now().toISOString();

  function client(): UpstreamClient | null {
    const url = upstreamUrl();
    const token = options.secrets.read();
    if (url === null || token === null) return null;
    return createUpstreamClient({
      baseUrl: url,
      token,
      now: () => context.clock.now(),
      ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
    });
  }

  function status(): SyncStatus {
    const state = store.syncState.read();
    const counts = store.outbox.counts();
    const needsAttention: AttentionItem[] = store.outbox.needsAttention(MAX_ATTENTION_ROWS).map((row) => ({
      seq: row.seq,
      status: row.status,
      entity: row.entity,
      jobId: row.jobName,
      serial: row.serial,
      from: row.fromState,
      to: row.toState,
      at: row.at,
      operator: row.operator,
      upstreamState: row.upstreamState,
      upstreamReason: row.upstreamReason,
      rejectedAt: row.rejectedAt,
    }));
    const url = upstreamUrl();
    return {
      configured: url !== null && options.secrets.read() !== null,
      upstreamUrl: url,
      running: inFlight !== null,
      progress,
      pending: counts.pending,
      held: counts.held,
      rejected: counts.rejected,
      sent: counts.sent,
      lastSuccessAt: state.lastSuccessAt,
      lastAttemptAt: state.lastAttemptAt,
      nextAttemptAt: state.nextAttemptAt,
      failures: state.failures,
      lastError: state.lastError,
      pausedReason: state.pausedReason,
      needsAttention,
    };
  }

  function recordFailure(error: unknown): void {
    if (!(error instanceof UpstreamError)) options.logError?.(error);
    const message = failureMessage(error);
    const now = context.clock.now();
    store.transaction(() => {
      if (error instanceof UpstreamError && error.kind === 'unauthorized') {
        // Retrying a refused token only fills the upstream's logs: wait for a person.
        store.syncState.update({ pausedReason: message, lastError: message, nextAttemptAt: null });
        return;
      }
      const failures = store.syncState.read().failures + 1;
      const retryAfterMs = error instanceof UpstreamError ? error.retryAfterMs : null;
      const delay = nextDelayMs(failures, backoff, random, retryAfterMs);
      store.syncState.update({
        failures,
        lastError: message,
        nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
      });
    });
  }

  async function runOnce(upstream: UpstreamClient): Promise<void> {
    store.transaction(() => store.syncState.update({ lastAttemptAt: nowIso() }));
    try {
      progress = { phase: 'push', done: 0, remaining: null };
      await pushOutbox(context, upstream, ({ sent }) => {
        progress = { phase: 'push', done: sent, remaining: store.outbox.counts().pending };
      }, pushBatchSize);
      progress = { phase: 'pull', done: 0, remaining: null };
      await pullChanges(context, upstream, ({ done, remaining }) => {
        progress = { phase: 'pull', done, remaining };
      });
      const now = context.clock.now();
      store.transaction(() =>
        store.syncState.update({
          failures: 0,
          lastError: null,
          pausedReason: null,
          lastSuccessAt: now.toISOString(),
          nextAttemptAt: new Date(now.getTime() + SYNC_POLL_INTERVAL_MS).toISOString(),
        }),
      );
    } catch (error) {
      recordFailure(error);
    } finally {
      progress = null;
    }
  }

  function isDue(): boolean {
    const state = store.syncState.read();
    if (state.pausedReason !== null || inFlight !== null) return false;
    if (!configured()) return false;
    return state.nextAttemptAt === null || Date.parse(state.nextAttemptAt) <= context.clock.now().getTime();
  }

  return {
    status,
    isDue,
    run(trigger) {
      if (inFlight !== null) return inFlight;
      const upstream = client();
      if (upstream === null) {
        if (trigger === 'manual') {
          return Promise.reject(new DeskError('not_configured', 'Sync is off: set the upstream URL and token in Settings first.', undefined, { key: 'syncOff' }));
        }
        return Promise.resolve(status());
      }
      if (trigger === 'scheduled' && !isDue()) return Promise.resolve(status());
      inFlight = runOnce(upstream).then(
        () => {
          inFlight = null;
          return status();
        },
        (error: unknown) => {
          inFlight = null;
          throw error;
        },
      );
      return inFlight;
    },
    resolve(params) {
      const resolved = resolveAttention(context, params);
      return { resolved, status: status() };
    },
    credentialsChanged() {
      store.transaction(() => store.syncState.update({ pausedReason: null, nextAttemptAt: null, failures: 0 }));
    },
  };
}
