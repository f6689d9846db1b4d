/**
 * `POST /v1/transitions`: the per-desk sequence rules of docs/sync-protocol.md around each item's
 * judgement (apply-transition.ts). The whole batch is one transaction, committed before the answer
 * is written, so "response lost after commit" always means the work was done.
 */
import { normalizeCode } from '../../shared/domain/serial';
import type { PushItem, PushRequest, PushResponse, PushResult } from '../../shared/sync/wire';
import { TransitionApplier } from './apply-transition';
import type { AppliedTransition, UpstreamStore } from './upstream-db';

/** The upstream's current state of what an applied transition moved (null if it is gone). */
function currentStateOf(store: UpstreamStore, transition: AppliedTransition): string | null {
  if (transition.entity === 'job') return store.findJob(transition.jobName)?.state ?? null;
  return transition.serial === null ? null : (store.findDrive(transition.jobName, transition.serial)?.state ?? null);
}

function currentStateForItem(store: UpstreamStore, item: PushItem): string | null {
  if (item.entity === 'job') return store.findJob(item.jobName)?.state ?? null;
  return item.serial === null ? null : (store.findDrive(item.jobName, normalizeCode(item.serial))?.state ?? null);
}

export function processPush(store: UpstreamStore, request: PushRequest, now: () => Date = () => new Date()): PushResponse {
  return store.transaction(() => {
    const applier = new TransitionApplier(store, request.deskId, now().toISOString());
    const results: PushResult[] = [];
    let lastSeq = store.lastSeq(request.deskId);
    for (const item of request.items) {
      const applied = store.findApplied(item.clientId);
      if (applied !== undefined) {
        // A retried batch never applies twice. A duplicate that happens to sit exactly at the next
        // seq still consumes it: otherwise expectedSeq would point at it for ever.
        if (item.seq === lastSeq + 1) lastSeq = item.seq;
        results.push({ clientId: item.clientId, seq: item.seq, status: 'duplicate', state: currentStateOf(store, applied) });
        continue;
      }
      if (item.seq !== lastSeq + 1) {
        // A resent batch (lost response) repeats an item rejected at this very seq: same answer
        // again, judged against today's state. Anything else out of order is a gap: stop here.
        const rejection = item.seq <= lastSeq ? store.findRejected(request.deskId, item.seq, item.clientId) : undefined;
        if (rejection === undefined) break;
        results.push({
          clientId: item.clientId,
          seq: item.seq,
          status: 'rejected',
          state: currentStateForItem(store, item),
          reason: rejection.reason,
        });
        continue;
      }
      const result = applier.apply(item);
      if (result.status === 'rejected') {
        store.appendRejected({
          deskId: request.deskId,
          seq: item.seq,
          clientId: item.clientId,
          reason: result.reason ?? '',
          at: now().toISOString(),
        });
      }
      // Applied or rejected, the seq is consumed.
      lastSeq = item.seq;
      results.push(result);
    }
    store.setLastSeq(request.deskId, request.deskName, lastSeq);
    return { results, expectedSeq: lastSeq + 1 };
  });
}
