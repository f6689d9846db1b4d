import { DeskError } from '../../../shared/rpc/envelope';
import { MAX_PUSH_BATCH } from '../../../shared/sync/wire';
import type { AttentionItem, DeskSettings, SyncProgress, SyncResolveResult, SyncStatus } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';
import { DEFAULT_BACKOFF, nextDelayMs, type BackoffPolicy } from './backoff';
import { pullChanges } from './pull-changes';
import { pushOutbox } from './push-outbox';
import { resolveAttention } from './resolve-attention';
import type { SecretStore } from './secret-store';
import { readSettings, UPSTREAM_CA_FILE_SETTING, UPSTREAM_DESK_ID_SETTING, UPSTREAM_URL_SETTING } from '../settings';
import { openLiveLink, type LiveLink, type LiveTarget } from './live-link';
import { readCaFile } from './trust';
import { listUnreadable } from './unreadable-documents';
import { createUpstreamClient, enrollAtHub, UpstreamError, type UpstreamClient, type UpstreamConnection } from './upstream-client';
import { createStatusReporter } from './status-report';

/** After a clean run, look for upstream news again this much later. */
export const SYNC_POLL_INTERVAL_MS = 60_000;
/** A recorded move is pushed this soon after; the scans of a burst go in the same run. */
export const NUDGE_DELAY_MS = 150;
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
  /** Bounds a test may lower (defaults: MAX_UPSTREAM_REPLY_BYTES, MAX_PULL_PAGES_PER_RUN). */
  readonly maxReplyBytes?: number;
  readonly maxPullPages?: number;
  /** A pull stored jobs: the desk's event stream tells open screens to refresh. */
  readonly onPulled?: (jobs: number) => void;
  /** The status moved (a run started, progressed or ended): the desk's event stream says so. */
  readonly onStatus?: () => void;
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
  /** Exchanges a one-use enrollment code for this desk's own token at the hub (sync.enroll). */
  enroll(params: MethodParams<'sync.enroll'>): Promise<DeskSettings>;
  /** Keeps a live link to the hub open: on its news the desk syncs at once. */
  startLive(): void;
  stopLive(): void;
  /** Runs now because the hub said something changed; a run in flight is followed by one more. */
  runLive(): void;
  /**
   * Something may have been recorded: push it soon (after NUDGE_DELAY_MS, so a burst of scans goes
   * in one run), unless sync is off, paused or waiting out a failure's backoff. Only while the live
   * link is kept (startLive), as the scheduler does in a running desk.
   */
  nudge(): void;
  /** Settles when no run is in flight (for an orderly shutdown). */
  whenIdle(): Promise<void>;
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
  const statusMoved = () => {
    try {
      options.onStatus?.();
    } catch (error) {
      options.logError?.(error);
    }
  };
  // An upstream without the status route answers 404: the reporter then leaves it alone for a while.
  const reporter = createStatusReporter(
    context,
    (error) => error instanceof UpstreamError && error.status === 404,
    (error) => {
      if (!(error instanceof UpstreamError)) options.logError?.(error);
    },
  );

  let live: LiveLink | null = null;
  let liveAgain = false;
  let nudgeTimer: NodeJS.Timeout | null = null;

  const upstreamUrl = () => store.settings.get(UPSTREAM_URL_SETTING) ?? null;
  /** URL first: the token file is read only when there is an upstream to use it for. */
  const configured = () => upstreamUrl() !== null && options.secrets.read() !== null;
  const nowIso = () => context.clock.now().toISOString();

  /** The CA file in settings, read at each use (a renewed CA needs no restart). */
  function extraCa(): string | null {
    const file = store.settings.get(UPSTREAM_CA_FILE_SETTING);
    if (file === undefined) return null;
    const read = readCaFile(file);
    if (!read.ok) throw new UpstreamError('refused', `The CA file in Settings cannot be used: ${read.reason}.`);
    return read.pem;
  }

  function connection(baseUrl: string): UpstreamConnection {
    return {
      baseUrl,
      extraCa: extraCa(),
      ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
      ...(options.maxReplyBytes === undefined ? {} : { maxReplyBytes: options.maxReplyBytes }),
    };
  }

  function client(): UpstreamClient | null {
    const url = upstreamUrl();
    const token = options.secrets.read();
    if (url === null || token === null) return null;
    return {
      // The connection (and its CA file) is read per request, so a bad setting fails that run, clearly.
      push: (body) => createUpstreamClient({ ...connection(url), token, now: () => context.clock.now() }).push(body),
      changes: (after, limit) => createUpstreamClient({ ...connection(url), token, now: () => context.clock.now() }).changes(after, limit),
      reportStatus: (report) => createUpstreamClient({ ...connection(url), token, now: () => context.clock.now() }).reportStatus(report),
    };
  }

  function liveTarget(): LiveTarget | null {
    const url = upstreamUrl();
    const token = options.secrets.read();
    if (url === null || token === null || store.syncState.read().pausedReason !== null) return null;
    try {
      return { baseUrl: url, token, extraCa: extraCa() };
    } catch {
      return null;
    }
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
      live: live?.state() ?? 'off',
      needsAttention,
      unreadable: listUnreadable(store),
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
    let failure: unknown = null;
    try {
      progress = { phase: 'push', done: 0, remaining: null };
      await pushOutbox(context, upstream, ({ sent }) => {
        progress = { phase: 'push', done: sent, remaining: store.outbox.counts().pending };
        statusMoved();
      }, pushBatchSize);
      progress = { phase: 'pull', done: 0, remaining: null };
      const pulled = await pullChanges(
        context,
        upstream,
        ({ done, remaining }) => {
          progress = { phase: 'pull', done, remaining };
          statusMoved();
        },
        undefined,
        options.maxPullPages,
      );
      if (pulled > 0) options.onPulled?.(pulled);
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
      failure = error;
      recordFailure(error);
    } finally {
      progress = null;
    }
    // After the push, so the board sees this run's counts; after a run the hub answered but the desk
    // could not use (badReply) too, so the board sees why. Not when the hub was unreachable, slow,
    // overloaded or refused the token: a report would only fail the same way, or add to its load.
    if (failure === null || (failure instanceof UpstreamError && failure.kind === 'badReply')) await reporter.afterRun(upstream, status());
  }

  function isDue(): boolean {
    const state = store.syncState.read();
    if (state.pausedReason !== null || inFlight !== null) return false;
    if (!configured()) return false;
    return state.nextAttemptAt === null || Date.parse(state.nextAttemptAt) <= context.clock.now().getTime();
  }

  function run(trigger: 'manual' | 'scheduled'): Promise<SyncStatus> {
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
        statusMoved();
        return status();
      },
      (error: unknown) => {
        inFlight = null;
        statusMoved();
        throw error;
      },
    );
    statusMoved();
    return inFlight;
  }

  function runLive(): void {
    if (store.syncState.read().pausedReason !== null || !configured()) return;
    if (inFlight !== null) {
      // News during a run: the run may have pulled before it; one more run after it settles it.
      liveAgain = true;
      return;
    }
    run('manual')
      .catch(() => undefined)
      .finally(() => {
        if (!liveAgain) return;
        liveAgain = false;
        runLive();
      });
  }

  function nudge(): void {
    // Only a desk that keeps its live link (the scheduler started it) pushes on its own.
    if (nudgeTimer !== null || live === null) return;
    nudgeTimer = setTimeout(() => {
      nudgeTimer = null;
      const state = store.syncState.read();
      if (state.pausedReason !== null || !configured()) return;
      // After a failure the backoff decides; a nudge must not hammer a hub that is down.
      if (state.failures > 0 && state.nextAttemptAt !== null && Date.parse(state.nextAttemptAt) > context.clock.now().getTime()) return;
      if (store.outbox.counts().pending === 0) return;
      runLive();
    }, NUDGE_DELAY_MS);
    nudgeTimer.unref();
  }

  return {
    status,
    isDue,
    runLive,
    nudge,
    startLive() {
      live ??= openLiveLink({
        target: liveTarget,
        onChange: runLive,
        onRefused: (error) => recordFailure(error),
        ...(options.random === undefined ? {} : { random: options.random }),
      });
    },
    stopLive() {
      live?.stop();
      live = null;
      if (nudgeTimer !== null) clearTimeout(nudgeTimer);
      nudgeTimer = null;
    },
    async enroll(params) {
      const settings = readSettings(store, options.secrets, context.clock.now());
      let enrolled;
      try {
        const caPem = params.upstreamCaFile === undefined ? extraCa() : readCaFile(params.upstreamCaFile);
        if (caPem !== null && typeof caPem === 'object' && !caPem.ok) throw new UpstreamError('refused', `The CA file cannot be used: ${caPem.reason}.`);
        const pem = caPem === null ? null : typeof caPem === 'string' ? caPem : caPem.pem;
        enrolled = await enrollAtHub(
          { baseUrl: params.upstreamUrl, extraCa: pem, ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }) },
          { enrollmentCode: params.enrollmentCode, deskId: settings.deskId, deskName: settings.deskName },
          context.clock.now(),
        );
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        if (error.kind === 'refused') {
          throw new DeskError('unauthorized', error.message, undefined, { key: 'enrollRefused' });
        }
        throw new DeskError('upstream', `Enrollment failed: ${error.message}`, undefined, { key: 'enrollFailed', params: { reason: error.message } });
      }
      store.transaction(() => {
        store.settings.set(UPSTREAM_URL_SETTING, params.upstreamUrl.replace(/\/+$/, ''));
        if (params.upstreamCaFile !== undefined) store.settings.set(UPSTREAM_CA_FILE_SETTING, params.upstreamCaFile);
        store.settings.set(UPSTREAM_DESK_ID_SETTING, enrolled.deskId);
        // A new hub (or the same one re-enrolled) numbers this desk afresh and has its own cursor.
        store.syncState.update({ expectedSeq: 1, pullCursor: null, pausedReason: null, nextAttemptAt: null, failures: 0, lastError: null });
      });
      options.secrets.write(enrolled.token);
      reporter.reset();
      context.settingsChanged();
      live?.refresh();
      return readSettings(store, options.secrets, context.clock.now());
    },
    run,
    resolve(params) {
      const resolved = resolveAttention(context, params);
      return { resolved, status: status() };
    },
    whenIdle: () => (inFlight === null ? Promise.resolve() : inFlight.then(() => undefined, () => undefined)),
    credentialsChanged() {
      reporter.reset();
      store.transaction(() => store.syncState.update({ pausedReason: null, nextAttemptAt: null, failures: 0 }));
      live?.refresh();
    },
  };
}
