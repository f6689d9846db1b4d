import { MAX_CHANGES_PAGE } from '../../../shared/sync/wire';
import { DeskError } from '../../../shared/rpc/envelope';
import type { CoreContext } from '../context';
import { parseJobDocuments, storeJobDocuments } from '../import/import-jobs';
import { UpstreamError, type UpstreamClient } from './upstream-client';

export interface PullProgress {
  readonly done: number;
  readonly remaining: number | null;
}

/** A feed that keeps answering `mustRefetch` is broken; stop rather than loop. */
const MAX_REFETCHES_PER_RUN = 2;
/**
 * Pages one run may pull (200 jobs each: 200,000 jobs). A feed that never says "no more" ends the
 * run here; the next run goes on from the cursor stored with the last page.
 */
export const MAX_PULL_PAGES_PER_RUN = 1_000;

/**
 * Pulls job documents by cursor until the feed has no more. Each page and its cursor are stored in
 * one transaction, so a crash resumes after the last page applied. A drive or job with moves the
 * upstream has not yet accepted keeps the desk's state (see storeJob).
 */
export async function pullChanges(
  context: CoreContext,
  client: UpstreamClient,
  onProgress: (progress: PullProgress) => void,
  pageSize = MAX_CHANGES_PAGE,
): Promise<number> {
  const { store } = context;
  let done = 0;
  let refetches = 0;
  for (let pages = 1; ; pages += 1) {
    if (pages > MAX_PULL_PAGES_PER_RUN) {
      throw new UpstreamError('badReply', `The upstream still had more after ${MAX_PULL_PAGES_PER_RUN} pages; this run stopped and the next goes on from there.`);
    }
    const cursor = store.syncState.read().pullCursor;
    const page = await client.changes(cursor, pageSize);
    if (page.mustRefetch === true) {
      refetches += 1;
      if (refetches > MAX_REFETCHES_PER_RUN) {
        throw new UpstreamError('badReply', 'The upstream keeps asking for a full refetch; pull stopped.');
      }
      store.transaction(() => store.syncState.update({ pullCursor: null }));
      done = 0;
      continue;
    }
    if (page.hasMore && page.value.length === 0 && page.cursor === (cursor ?? '')) {
      throw new UpstreamError('badReply', 'The upstream says there is more but sent nothing new; pull stopped.');
    }
    let jobs;
    try {
      jobs = parseJobDocuments(page.value, 'value');
    } catch (error) {
      if (error instanceof DeskError) throw new UpstreamError('badReply', `The upstream sent a job document the desk cannot read: ${error.message}`);
      throw error;
    }
    store.transaction(() => {
      storeJobDocuments(context, jobs);
      store.syncState.update({ pullCursor: page.cursor });
    });
    done += jobs.length;
    onProgress({ done, remaining: page.remaining ?? null });
    if (!page.hasMore) return done;
  }
}
