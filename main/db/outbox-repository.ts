import type { Database } from 'better-sqlite3';
import type { EntityState } from '../../shared/domain/entity-state';
import { OUTBOX_SUBJECT_SQL } from './transitions-repository';

/** One outbox row with what the wire needs (docs/sync-protocol.md, "Push"). */
export interface OutboxItem {
  readonly seq: number;
  readonly clientId: string;
  readonly entity: 'drive' | 'job';
  readonly jobName: string;
  readonly serial: string | null;
  readonly serialAsWritten: string | null;
  readonly fromState: EntityState | null;
  readonly toState: EntityState;
  readonly reason: string | null;
  readonly note: string | null;
  readonly operator: string;
  readonly at: string;
  readonly compensatesClientId: string | null;
  readonly isExtra: boolean;
}

export type OutboxStatus = 'pending' | 'sent' | 'rejected' | 'overruled';

/** A rejected row, or one held back behind it, as the Needs attention list shows it. */
export interface AttentionRow {
  readonly seq: number;
  readonly status: 'rejected' | 'held';
  readonly subject: string;
  readonly entity: 'drive' | 'job';
  readonly jobName: string;
  readonly serial: string | null;
  readonly driveRowId: number | null;
  readonly jobRowId: number;
  readonly fromState: EntityState | null;
  readonly toState: EntityState;
  readonly at: string;
  readonly operator: string;
  readonly upstreamState: string | null;
  readonly upstreamReason: string | null;
  readonly rejectedAt: string | null;
}

export interface OutboxCounts {
  readonly pending: number;
  readonly held: number;
  readonly rejected: number;
  readonly sent: number;
}

const HELD = `EXISTS (SELECT 1 FROM outbox r WHERE r.subject = o.subject AND r.status = 'rejected' AND r.seq < o.seq)`;
/** The log's tail: transitions recorded after the last one given an outbox row. All of them are pending. */
const ENQUEUED_THROUGH = '(SELECT COALESCE(MAX(seq), 0) FROM outbox)';
/** A tail transition `t` held back behind a rejected move of its subject (every rejected row is enqueued). */
const TAIL_HELD = `EXISTS (SELECT 1 FROM outbox r WHERE r.subject = ${OUTBOX_SUBJECT_SQL} AND r.status = 'rejected')`;
const SUBJECT = /^(drive|job):(\d+)$/;
/** Rows a time when the whole tail must be enqueued (before an overrule marks held rows). */
const ENQUEUE_ALL_CHUNK = 10_000;

/**
 * The sync outbox. The transition log is its queue: a transition recorded is pending at once, and
 * gets its outbox row (seq = its id, then its wire seq, its answer) only when the sync engine is
 * about to send it (`enqueueRecorded`), so a scan's commit writes no outbox pages. Every question
 * asked here (counts, held, needs attention, unsent moves of a subject) counts the tail not yet
 * enqueued as pending, so callers see the same queue as if every row were there.
 */
export function createOutboxRepository(db: Database) {
  const enqueue = db.prepare(`INSERT INTO outbox (seq, subject)
    SELECT t.id, ${OUTBOX_SUBJECT_SQL} FROM transitions t WHERE t.id > ${ENQUEUED_THROUGH} ORDER BY t.id LIMIT ?`);
  const tailCount = db.prepare(`SELECT count(*) AS n FROM transitions t WHERE t.id > ${ENQUEUED_THROUGH}`);
  const anyRejected = db.prepare("SELECT 1 FROM outbox WHERE status = 'rejected' LIMIT 1");
  const tailHeldCount = db.prepare(`SELECT count(*) AS n FROM transitions t WHERE t.id > ${ENQUEUED_THROUGH} AND ${TAIL_HELD}`);
  const tailDrive = db.prepare(`SELECT 1 FROM transitions WHERE drive_id = ? AND id > ${ENQUEUED_THROUGH} LIMIT 1`);
  const tailJob = db.prepare(`SELECT 1 FROM transitions WHERE job_id = ? AND entity = 'job' AND id > ${ENQUEUED_THROUGH} LIMIT 1`);
  const tailBySeq = db.prepare(`SELECT t.id AS seq, ${OUTBOX_SUBJECT_SQL} AS subject, 'pending' AS status, NULL AS upstreamState
      FROM transitions t WHERE t.id = ? AND t.id > ${ENQUEUED_THROUGH}`);
  const sendable = db.prepare(`
    SELECT o.seq, t.client_id AS clientId, t.entity, t.job_name AS jobName, t.serial,
           d.drive_id_raw AS serialAsWritten, t.from_state AS fromState, t.to_state AS toState, t.reason, t.note,
           t.operator, t.at, c.client_id AS compensatesClientId, COALESCE(d.is_extra, 0) AS isExtra
      FROM outbox o
      JOIN transitions t ON t.id = o.seq
      LEFT JOIN drives d ON d.id = t.drive_id
      LEFT JOIN transitions c ON c.id = t.compensates_id
     WHERE o.status = 'pending' AND NOT ${HELD}
     ORDER BY o.seq
     LIMIT ?`);
  const countAttempt = db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?');
  const markSent = db.prepare(
    "UPDATE outbox SET status = 'sent', wire_seq = ?, upstream_state = ?, sent_at = ?, last_error = NULL WHERE seq = ? AND status = 'pending'",
  );
  const markRejected = db.prepare(
    "UPDATE outbox SET status = 'rejected', wire_seq = ?, upstream_state = ?, last_error = ?, rejected_at = ? WHERE seq = ? AND status = 'pending'",
  );
  // Counted through outbox_by_status, over the few unsent rows only: the sync bar asks every few
  // seconds, and a desk has a million sent rows. seq is the transition's id: the log is append-only
  // with ids from 1 and no gaps, each transition has its row, and no row is deleted (migration 007),
  // so the sent ones are the rest of max(seq).
  const unsentCounts = db.prepare(`
    SELECT COALESCE(SUM(status = 'pending' AND NOT ${HELD}), 0) AS pending,
           COALESCE(SUM(status = 'pending' AND ${HELD}), 0) AS held,
           COALESCE(SUM(status = 'rejected'), 0) AS rejected,
           COALESCE(SUM(status = 'overruled'), 0) AS overruled
      FROM outbox o WHERE status IN ('pending', 'rejected', 'overruled')`);
  const lastSeq = db.prepare(`SELECT ${ENQUEUED_THROUGH} AS last`);
  const attention = db.prepare(`
    SELECT o.seq, CASE WHEN o.status = 'rejected' THEN 'rejected' ELSE 'held' END AS status, o.subject,
           t.entity, t.job_name AS jobName, t.serial, t.drive_id AS driveRowId, t.job_id AS jobRowId,
           t.from_state AS fromState, t.to_state AS toState, t.at, t.operator,
           o.upstream_state AS upstreamState, o.last_error AS upstreamReason, o.rejected_at AS rejectedAt
      FROM outbox o JOIN transitions t ON t.id = o.seq
     WHERE o.status = 'rejected' OR (o.status = 'pending' AND ${HELD})
    UNION ALL
    SELECT t.id AS seq, 'held' AS status, ${OUTBOX_SUBJECT_SQL} AS subject,
           t.entity, t.job_name AS jobName, t.serial, t.drive_id AS driveRowId, t.job_id AS jobRowId,
           t.from_state AS fromState, t.to_state AS toState, t.at, t.operator,
           NULL AS upstreamState, NULL AS upstreamReason, NULL AS rejectedAt
      FROM transitions t
     WHERE t.id > ${ENQUEUED_THROUGH} AND ${TAIL_HELD}
     ORDER BY seq
     LIMIT ?`);
  const bySeq = db.prepare('SELECT seq, subject, status, upstream_state AS upstreamState FROM outbox WHERE seq = ?');
  const retry = db.prepare("UPDATE outbox SET status = 'pending', last_error = NULL, resolved_by = ? WHERE seq = ? AND status = 'rejected'");
  const overrule = db.prepare(`UPDATE outbox SET status = 'overruled', resolved_by = ?
     WHERE subject = ? AND seq >= ? AND status IN ('rejected', 'pending')`);
  const unsentForSubject = db.prepare(
    "SELECT 1 FROM outbox WHERE subject = ? AND status IN ('pending', 'rejected') LIMIT 1",
  );
  const allInOrder = db.prepare(`SELECT t.id AS seq, t.id AS transitionId, COALESCE(o.status, 'pending') AS status
      FROM transitions t LEFT JOIN outbox o ON o.seq = t.id ORDER BY t.id`);
  const enqueueAll = () => {
    let enqueued = ENQUEUE_ALL_CHUNK;
    while (enqueued === ENQUEUE_ALL_CHUNK) enqueued = enqueue.run(ENQUEUE_ALL_CHUNK).changes;
  };

  return {
    /**
     * Gives the next `limit` transitions of the log's tail their outbox rows, in record order; returns
     * how many. The sync engine calls it, in its own short transaction, before each batch it sends.
     */
    enqueueRecorded: (limit: number) => enqueue.run(limit).changes,
    /** Transitions recorded and not yet given an outbox row (all pending). */
    unqueued: () => (tailCount.get() as { n: number }).n,
    /** The next pending rows in record order, skipping those held behind a rejected move of their subject. */
    sendable: (limit: number) =>
      (sendable.all(limit) as (Omit<OutboxItem, 'isExtra'> & { isExtra: number })[]).map((row) => ({
        ...row,
        isExtra: row.isExtra === 1,
      })) as OutboxItem[],
    countAttempt: (seq: number) => void countAttempt.run(seq),
    markSent: (seq: number, wireSeq: number, upstreamState: string | null, at: string) =>
      markSent.run(wireSeq, upstreamState, at, seq).changes === 1,
    markRejected: (seq: number, wireSeq: number, upstreamState: string | null, reason: string, at: string) =>
      markRejected.run(wireSeq, upstreamState, reason, at, seq).changes === 1,
    counts(): OutboxCounts {
      const unsent = unsentCounts.get() as OutboxCounts & { overruled: number };
      const { last } = lastSeq.get() as { last: number };
      const tail = (tailCount.get() as { n: number }).n;
      // Only a rejected move holds others back: with none (the usual case) the tail is all pending.
      const tailHeld = tail > 0 && anyRejected.get() !== undefined ? (tailHeldCount.get() as { n: number }).n : 0;
      return {
        pending: unsent.pending + tail - tailHeld,
        held: unsent.held + tailHeld,
        rejected: unsent.rejected,
        sent: last - unsent.pending - unsent.held - unsent.rejected - unsent.overruled,
      };
    },
    needsAttention: (limit: number) => attention.all(limit) as AttentionRow[],
    find: (seq: number) =>
      (bySeq.get(seq) ?? tailBySeq.get(seq)) as { seq: number; subject: string; status: OutboxStatus; upstreamState: string | null } | undefined,
    /** Sends a rejected row again; the rows held behind it follow once it is accepted. */
    retry: (seq: number, operator: string) => retry.run(operator, seq).changes === 1,
    /** The upstream's word stands: the rejected row and those held behind it are kept, marked overruled. */
    overrule: (subject: string, fromSeq: number, operator: string) => {
      // The moves held behind it may still be in the tail: give them their rows first, to mark them.
      enqueueAll();
      return overrule.run(operator, subject, fromSeq).changes;
    },
    /** A pull must not overwrite a subject whose moves the upstream has not accepted yet. */
    hasUnsent(subject: string): boolean {
      if (unsentForSubject.get(subject) !== undefined) return true;
      const match = SUBJECT.exec(subject);
      if (match === null) return false;
      return (match[1] === 'drive' ? tailDrive : tailJob).get(Number(match[2])) !== undefined;
    },
    listAll: () => allInOrder.all() as { seq: number; transitionId: number; status: OutboxStatus }[],
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
