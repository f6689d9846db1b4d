/**
 * `GET /v1/jobs/changes?after=&limit=` (docs/sync-protocol.md, "Pull"). Every job change takes the
 * next value of one global counter as the job's change_seq, so "jobs with change_seq > cursor, in
 * change_seq order" pages through every job exactly once in its latest form.
 */
import { MAX_CHANGES_PAGE, type ChangesResponse } from '../../shared/sync/wire';
import { jobDocumentOf } from './job-document';
import type { UpstreamStore } from './upstream-db';

/** The page size when the desk sends no limit; the protocol's maximum is also ours. */
export const DEFAULT_CHANGES_PAGE = MAX_CHANGES_PAGE;

const CURSOR_PATTERN = /^\d{1,15}$/;

export class BadLimit extends Error {}

/** What a desk holding an unknown cursor gets: start again from nothing. */
export function mustRefetchResponse(store: UpstreamStore): ChangesResponse {
  return { value: [], cursor: '0', hasMore: true, remaining: store.countJobsChangedAfter(0), mustRefetch: true };
}

/** `limit` as sent (null when absent): a positive integer, capped at the maximum page. */
export function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_CHANGES_PAGE;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw new BadLimit(`limit: expected a whole number from 1 to ${MAX_CHANGES_PAGE}`);
  return Math.min(Number(raw), MAX_CHANGES_PAGE);
}

export function readChanges(store: UpstreamStore, after: string | null, limit: number): ChangesResponse {
  const from = after === null || after === '' ? 0 : CURSOR_PATTERN.test(after) ? Number(after) : null;
  // A cursor this upstream never gave out (garbage, or ahead of it after a rebuild from backup).
  if (from === null || from > store.currentChangeSeq()) return mustRefetchResponse(store);
  const jobs = store.jobsChangedAfter(from, limit);
  const last = jobs.at(-1)?.changeSeq ?? from;
  const remaining = store.countJobsChangedAfter(last);
  return {
    value: jobs.map((job) => jobDocumentOf(store, job)),
    cursor: String(last),
    hasMore: remaining > 0,
    remaining,
    mustRefetch: false,
  };
}
