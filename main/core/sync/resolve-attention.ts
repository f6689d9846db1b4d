import { DeskError } from '../../../shared/rpc/envelope';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CoreContext } from '../context';

const SUBJECT = /^(drive|job):(\d+)$/;

/**
 * An operator's answer to a rejected transition. `retry` sends it again (after operations corrected
 * the upstream); `acceptUpstream` takes the upstream's state for that drive or job, and marks the
 * rejected move and those held behind it overruled. Nothing is deleted: the log keeps every move.
 */
export function resolveAttention(context: CoreContext, params: MethodParams<'sync.resolve'>): number {
  const { store } = context;
  return store.transaction(() => {
    const row = store.outbox.find(params.seq);
    if (row === undefined) throw new DeskError('not_found', `seq: no outbox row ${params.seq}`, undefined, { key: 'attentionNotFound', params: { seq: params.seq } });
    if (row.status !== 'rejected') {
      throw new DeskError('conflict', `Transition ${params.seq} is ${row.status}, not rejected; only a rejected one can be resolved.`, undefined, {
        key: 'attentionNotRejected',
        params: { seq: params.seq },
      });
    }
    const operator = context.actor().operator;
    if (params.action === 'retry') return store.outbox.retry(params.seq, operator) ? 1 : 0;

    const { upstreamState } = row;
    const match = SUBJECT.exec(row.subject);
    if (match === null) throw new DeskError('internal', `outbox row ${params.seq} names no subject`, undefined, { key: 'unexpectedFailure', params: { method: 'sync.resolve' } });
    if (upstreamState !== null) {
      const rowId = Number(match[2]);
      if (match[1] === 'drive') store.drives.setState(rowId, upstreamState, null, null);
      else store.jobs.setState(rowId, upstreamState, null, context.clock.now().toISOString());
    }
    return store.outbox.overrule(row.subject, params.seq, operator);
  });
}
