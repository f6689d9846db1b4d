import { randomUUID } from 'node:crypto';
import type { DriveRow, JobRow, TransitionRow } from '../db/rows';
import type { CoreContext } from './context';
import type { DriveState, StoredDriveState } from '../../shared/domain/drive-states';
import type { JobState } from '../../shared/domain/job-states';
import type { EntityState } from '../../shared/domain/entity-state';

export interface TransitionCause {
  readonly reason?: string | null;
  readonly note?: string | null;
  readonly packageId?: number | null;
  readonly scanId?: number | null;
  /** For an undo: the transition it reverses, so the upstream can reverse exactly that move. */
  readonly compensatesId?: number | null;
  /** For a supervisor action: who confirmed it with a badge (the actor is who did it). */
  readonly confirmedBy?: string | null;
}

interface Subject {
  readonly entity: 'drive' | 'job';
  readonly jobRowId: number;
  readonly jobName: string;
  readonly driveRowId: number | null;
  readonly serial: string | null;
}

const driveSubject = (drive: DriveRow): Subject => ({
  entity: 'drive',
  jobRowId: drive.jobRowId,
  jobName: drive.jobName,
  driveRowId: drive.rowId,
  serial: drive.serial,
});

/** Appends one transition to the log, and so to the outbox, with who, where and when. */
function append(context: CoreContext, subject: Subject, from: EntityState | null, to: EntityState, cause: TransitionCause): TransitionRow {
  return context.store.transitions.append(
    {
      clientId: randomUUID(),
      ...subject,
      fromState: from,
      toState: to,
      reason: cause.reason ?? null,
      note: cause.note ?? null,
      packageId: cause.packageId ?? null,
      scanId: cause.scanId ?? null,
      compensatesId: cause.compensatesId ?? null,
      confirmedBy: cause.confirmedBy ?? null,
    },
    context.actor(),
  );
}

/**
 * Moves a drive: updates the current-state row and appends the transition. Callers run it inside
 * the method's one transaction, after checking the state machine (or, for an undo, the log).
 */
export function recordDriveTransition(
  context: CoreContext,
  drive: DriveRow,
  to: StoredDriveState,
  faultedFrom: DriveState | null,
  cause: TransitionCause = {},
): TransitionRow {
  context.store.drives.setState(drive.rowId, to, faultedFrom, cause.packageId ?? null);
  return append(context, driveSubject(drive), drive.state, to, cause);
}

/** Records a drive's first state: a registered export drive or an extra drive has no earlier one. */
export function recordDriveCreation(context: CoreContext, drive: DriveRow, cause: TransitionCause): TransitionRow {
  return append(context, driveSubject(drive), null, drive.state, cause);
}

export function recordJobTransition(
  context: CoreContext,
  job: JobRow,
  to: JobState,
  faultedFrom: JobState | null,
  cause: TransitionCause = {},
): TransitionRow {
  context.store.jobs.setState(job.rowId, to, faultedFrom, context.clock.now().toISOString());
  const subject: Subject = { entity: 'job', jobRowId: job.rowId, jobName: job.name, driveRowId: null, serial: null };
  return append(context, subject, job.state, to, { ...cause, scanId: null });
}
