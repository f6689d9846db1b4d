import type { Database } from 'better-sqlite3';
import type { Actor, TransitionRow } from './rows';
import type { EntityState } from '../../shared/domain/entity-state';

const TRANSITION_COLUMNS = `id AS rowId, client_id AS clientId, entity, job_id AS jobRowId, job_name AS jobName, drive_id AS driveRowId,
  serial, from_state AS fromState, to_state AS toState, reason, note, operator, desk_id AS deskId, at,
  package_id AS packageId, confirmed_by AS confirmedBy`;

export interface TransitionInsert {
  readonly clientId: string;
  readonly entity: 'drive' | 'job';
  readonly jobRowId: number;
  readonly jobName: string;
  readonly driveRowId: number | null;
  readonly serial: string | null;
  readonly fromState: EntityState | null;
  readonly toState: EntityState;
  readonly reason: string | null;
  readonly note: string | null;
  readonly packageId: number | null;
  readonly scanId: number | null;
  /** For an undo: the transition it reverses. */
  readonly compensatesId: number | null;
  /** For a supervisor action: the supervisor whose badge confirmed it (the actor is who did it). */
  readonly confirmedBy?: string | null;
}

/** The outbox's name for what a transition moves: later moves of a subject wait behind a rejected one. */
export function outboxSubject(transition: Pick<TransitionInsert, 'entity' | 'driveRowId' | 'jobRowId'>): string {
  return transition.entity === 'drive' ? `drive:${String(transition.driveRowId)}` : `job:${transition.jobRowId}`;
}

/** The same name in SQL, for a transitions row `t` (the outbox enqueues the log's tail with it). */
export const OUTBOX_SUBJECT_SQL = "CASE WHEN t.entity = 'drive' THEN 'drive:' || t.drive_id ELSE 'job:' || t.job_id END";

/**
 * The append-only log. It is also the upstream queue: a transition is pending from the moment it
 * commits, and the sync engine gives it its outbox row when it sends it (outbox-repository.ts), so a
 * scan's commit writes no outbox pages (docs/performance.md).
 */
export function createTransitionsRepository(db: Database) {
  const insert = db.prepare(`INSERT INTO transitions (client_id, entity, job_id, job_name, drive_id, serial,
      from_state, to_state, reason, note, operator, desk_id, at, package_id, scan_id, compensates_id, confirmed_by)
    VALUES (@clientId, @entity, @jobRowId, @jobName, @driveRowId, @serial, @fromState, @toState, @reason, @note,
      @operator, @deskId, @at, @packageId, @scanId, @compensatesId, @confirmedBy)`);
  // Through the drives with the serial (drives_by_serial), then each drive's log (transitions_by_drive).
  const bySerial = db.prepare(
    `SELECT ${TRANSITION_COLUMNS} FROM transitions WHERE drive_id IN (SELECT id FROM drives WHERE serial = ?) ORDER BY id`,
  );
  const byRowId = db.prepare(`SELECT ${TRANSITION_COLUMNS} FROM transitions WHERE id = ?`);
  // Through the scan's drive (transitions_by_drive): a scan's moves are its drive's moves with its
  // scan id, and an index on scan_id would cost a page on every scan's commit.
  const byScan = db.prepare(`SELECT ${TRANSITION_COLUMNS} FROM transitions
     WHERE drive_id = (SELECT drive_id FROM scans WHERE id = @scanId) AND scan_id = @scanId AND entity = 'drive' ORDER BY id`);
  const latestForDrive = db.prepare(`SELECT ${TRANSITION_COLUMNS} FROM transitions WHERE drive_id = ? ORDER BY id DESC LIMIT 1`);
  const lastJobMove = db.prepare(
    `SELECT at FROM transitions WHERE job_id = ? AND entity = 'job' AND to_state = ? ORDER BY id DESC LIMIT 1`,
  );

  return {
    append(transition: TransitionInsert, actor: Actor): TransitionRow {
      const confirmedBy = transition.confirmedBy ?? null;
      const rowId = Number(insert.run({ ...transition, confirmedBy, ...actor }).lastInsertRowid);
      return { rowId, ...transition, confirmedBy, ...actor };
    },
    listForSerial: (serial: string) => bySerial.all(serial) as TransitionRow[],
    findByRowId: (rowId: number) => byRowId.get(rowId) as TransitionRow | undefined,
    listForScan: (scanId: number) => byScan.all({ scanId }) as TransitionRow[],
    latestForDrive: (driveRowId: number) => latestForDrive.get(driveRowId) as TransitionRow | undefined,
    /** When the job last entered `state` at this desk, if it did. */
    lastJobMoveTo: (jobRowId: number, state: string) => (lastJobMove.get(jobRowId, state) as { at: string } | undefined)?.at,
  };
}
export type TransitionsRepository = ReturnType<typeof createTransitionsRepository>;
