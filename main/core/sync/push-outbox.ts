import { MAX_PUSH_BATCH, type PushItem } from '../../../shared/sync/wire';
import type { OutboxItem } from '../../db/outbox-repository';
import type { CoreContext } from '../context';
import { UpstreamError, type UpstreamClient } from './upstream-client';

/**
 * Rounds in a row that settle nothing end the run: an upstream that keeps moving expectedSeq
 * without accepting anything would otherwise keep the desk sending for ever.
 */
export const MAX_NO_PROGRESS_PUSH_ROUNDS = 3;

export interface PushProgress {
  readonly sent: number;
}

function toWire(item: OutboxItem, seq: number): PushItem {
  return {
    seq,
    clientId: item.clientId,
    entity: item.entity,
    jobName: item.jobName,
    serial: item.serial,
    driveId: item.serialAsWritten,
    from: item.fromState,
    to: item.toState,
    reason: item.reason,
    note: item.note,
    operator: item.operator,
    at: item.at,
    compensates: item.compensatesClientId,
    extra: item.isExtra,
  };
}

/**
 * Sends the outbox in record order, one batch at a time, until nothing sendable is left. Seqs are
 * numbered from the upstream's `expectedSeq` on every batch (docs/sync-protocol.md), so a held-back
 * row never leaves a gap and a retried batch is answered `duplicate`. Each answer is stored in one
 * transaction before the next batch goes out: a crash in between resends at most one batch.
 */
export async function pushOutbox(
  context: CoreContext,
  client: UpstreamClient,
  onProgress: (progress: PushProgress) => void,
  batchSize = MAX_PUSH_BATCH,
): Promise<number> {
  const { store } = context;
  let sent = 0;
  let idleRounds = 0;
  for (;;) {
    // The log is the queue: the next stretch of it gets its outbox rows now (a short transaction).
    store.transaction(() => store.outbox.enqueueRecorded(batchSize));
    const { expectedSeq } = store.syncState.read();
    const batch = store.outbox.sendable(batchSize);
    if (batch.length === 0) {
      if (store.outbox.unqueued() === 0) return sent;
      // All of that stretch is held behind a rejected move: go on down the log, letting scans in between.
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    const items = batch.map((item, index) => toWire(item, expectedSeq + index));
    store.transaction(() => batch.forEach((item) => store.outbox.countAttempt(item.seq)));
    const settings = context.settings();
    const response = await client.push({ deskId: settings.deskId, deskName: settings.deskName, items });

    const rowByClientId = new Map(batch.map((item) => [item.clientId, item.seq]));
    const at = context.clock.now().toISOString();
    let settled = 0;
    store.transaction(() => {
      for (const result of response.results) {
        const row = rowByClientId.get(result.clientId);
        if (row === undefined) continue;
        const changed =
          result.status === 'rejected'
            ? store.outbox.markRejected(row, result.seq, result.state, result.reason ?? 'rejected without a reason', at)
            : store.outbox.markSent(row, result.seq, result.state, at);
        if (changed) settled += 1;
      }
      store.syncState.update({ expectedSeq: response.expectedSeq });
    });
    sent += settled;
    onProgress({ sent });
    // Nothing settled and the upstream still expects what we sent: looping would repeat it forever.
    if (settled === 0 && response.expectedSeq === expectedSeq) {
      throw new UpstreamError('badReply', `The upstream accepted none of ${items.length} transitions and still expects seq ${expectedSeq}.`);
    }
    idleRounds = settled === 0 ? idleRounds + 1 : 0;
    if (idleRounds >= MAX_NO_PROGRESS_PUSH_ROUNDS) {
      throw new UpstreamError('badReply', `The upstream settled none of the desk's transitions in ${idleRounds} rounds in a row (it now expects seq ${response.expectedSeq}); push stopped.`);
    }
  }
}
