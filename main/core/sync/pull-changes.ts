import { MAX_CHANGES_PAGE } from '../../../shared/sync/wire';
import { DeskError } from '../../../shared/rpc/envelope';
import type { CoreContext } from '../context';
import { parseJobDocument, storeJobDocuments, type ParsedJob } from '../import/import-jobs';
import type { UnreadableDocument } from '../../../shared/rpc/results';
import { recordPulled } from './unreadable-documents';
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

/** Jobs stored per transaction: a page of 200 jobs of 100 drives is committed in small steps. */
export const PULL_CHUNK_JOBS = 20;

/** Lets a scan that arrived meanwhile run between two chunks (docs/performance.md). */
const yieldToScans = () => new Promise<void>((resolve) => setImmediate(resolve));

function nameOf(raw: unknown): string | null {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.length > 0 && name.length <= 200 ? name : null;
}

/**
 * Reads a page: every document it can, and for each it cannot, why. A name that comes twice in
 * one page is read the second time as a problem (the feed sends each job once per page).
 */
function readPage(documents: readonly unknown[], at: string): { jobs: ParsedJob[]; problems: UnreadableDocument[] } {
  const jobs: ParsedJob[] = [];
  const problems: UnreadableDocument[] = [];
  const names = new Set<string>();
  documents.forEach((raw, index) => {
    try {
      const job = parseJobDocument(raw, `value[${index}]`);
      if (names.has(job.name)) {
        problems.push({ jobName: job.name, reason: `value[${index}].name: job ${job.name} appears twice in one page`, at });
        return;
      }
      names.add(job.name);
      jobs.push(job);
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      problems.push({ jobName: nameOf(raw), reason: error.message, at });
    }
  });
  return { jobs, problems };
}

/**
 * Stores a chunk in one transaction; if a document of it is refused while storing, the chunk is
 * stored one document at a time and the refused one becomes a problem instead.
 */
function storeChunk(context: CoreContext, chunk: readonly ParsedJob[], problems: UnreadableDocument[], at: string, finish: (() => void) | null): string[] {
  const { store } = context;
  try {
    store.transaction(() => {
      storeJobDocuments(context, chunk);
      finish?.();
    });
    return chunk.map((job) => job.name);
  } catch (error) {
    if (!(error instanceof DeskError) || chunk.length === 1) {
      if (error instanceof DeskError && chunk.length === 1) {
        const [job] = chunk;
        problems.push({ jobName: job?.name ?? null, reason: error.message, at });
        if (finish !== null) store.transaction(finish);
        return [];
      }
      throw error;
    }
  }
  const stored: string[] = [];
  chunk.forEach((job, index) => stored.push(...storeChunk(context, [job], problems, at, index === chunk.length - 1 ? finish : null)));
  return stored;
}

/**
 * Pulls job documents by cursor until the feed has no more. A page is stored in chunks of
 * PULL_CHUNK_JOBS jobs, one transaction each, yielding between them so a scan never waits behind
 * a large pull; the page's cursor is stored with its last chunk, so a crash mid-page pulls that
 * page again (storing a job is idempotent). A document the desk cannot read is listed under Needs
 * attention and skipped; the cursor moves on, and the run ends with an error saying so. A drive or
 * job with moves the upstream has not yet accepted keeps the desk's state (see storeJob).
 */
export async function pullChanges(
  context: CoreContext,
  client: UpstreamClient,
  onProgress: (progress: PullProgress) => void,
  pageSize = MAX_CHANGES_PAGE,
  maxPages = MAX_PULL_PAGES_PER_RUN,
): Promise<number> {
  const { store } = context;
  let done = 0;
  let refetches = 0;
  let unreadable = 0;
  let firstProblem: UnreadableDocument | null = null;
  for (let pages = 1; ; pages += 1) {
    if (pages > maxPages) {
      throw new UpstreamError('badReply', `The upstream still had more after ${maxPages} pages; this run stopped and the next goes on from there.`);
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
    const at = context.clock.now().toISOString();
    const { jobs, problems } = readPage(page.value, at);
    const stored: string[] = [];
    const finishPage = () => {
      recordPulled(store, stored, problems);
      store.syncState.update({ pullCursor: page.cursor });
    };
    if (jobs.length === 0) store.transaction(finishPage);
    for (let start = 0; start < jobs.length; start += PULL_CHUNK_JOBS) {
      const chunk = jobs.slice(start, start + PULL_CHUNK_JOBS);
      const last = start + PULL_CHUNK_JOBS >= jobs.length;
      // The chunk's own names count as read before finishPage runs in the same transaction.
      const names = storeChunk(context, chunk, problems, at, last ? () => {
        stored.push(...chunk.map((job) => job.name).filter((name) => !problems.some((problem) => problem.jobName === name)));
        finishPage();
      } : null);
      if (!last) stored.push(...names);
      done += names.length;
      onProgress({ done, remaining: page.remaining ?? null });
      if (!last) await yieldToScans();
    }
    unreadable += problems.length;
    firstProblem ??= problems[0] ?? null;
    if (!page.hasMore) break;
    await yieldToScans();
  }
  if (firstProblem !== null) {
    throw new UpstreamError(
      'badReply',
      `The upstream sent ${unreadable} job document${unreadable === 1 ? '' : 's'} the desk cannot read (listed under Needs attention; the pull went on past ${unreadable === 1 ? 'it' : 'them'}): ${firstProblem.reason}`,
    );
  }
  return done;
}
