/**
 * Job documents from the upstream the desk could not read (docs/sync-protocol.md, "Pull"): each is
 * listed under Needs attention with the reason, and the pull's cursor moves on past it, so one bad
 * document never stops the feed. An entry clears itself when a later pull reads that job. Kept in
 * the desk's settings store as one bounded list (the newest first).
 */
import type { DeskStore } from '../../db/desk-store';
import type { UnreadableDocument } from '../../../shared/rpc/results';

const SETTING = 'sync.unreadableDocuments';
/** The list keeps the newest this many; the count of older ones is not kept. */
export const MAX_UNREADABLE_DOCUMENTS = 100;
/** The longest reason kept: the upstream's input is never echoed unbounded. */
const MAX_REASON_LENGTH = 500;

export function listUnreadable(store: DeskStore): UnreadableDocument[] {
  const raw = store.settings.get(SETTING);
  if (raw === undefined) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? (parsed as UnreadableDocument[]) : [];
  } catch {
    return [];
  }
}

/** In the caller's transaction: adds the new problems, drops entries of jobs now read fine. */
export function recordPulled(store: DeskStore, readJobs: readonly string[], problems: readonly UnreadableDocument[]): void {
  const read = new Set(readJobs);
  const fresh = problems.map((problem) => ({ ...problem, reason: problem.reason.slice(0, MAX_REASON_LENGTH) }));
  const renamed = new Set(fresh.map((problem) => problem.jobName).filter((name) => name !== null));
  const current = listUnreadable(store);
  const kept = current.filter((entry) => entry.jobName === null || (!read.has(entry.jobName) && !renamed.has(entry.jobName)));
  if (kept.length === current.length && fresh.length === 0) return;
  const next = [...fresh, ...kept].slice(0, MAX_UNREADABLE_DOCUMENTS);
  if (next.length === 0) store.settings.remove(SETTING);
  else store.settings.set(SETTING, JSON.stringify(next));
}
