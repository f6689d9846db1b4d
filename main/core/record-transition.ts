import { randomUUID } from 'node:crypto';
import type { DriveRow, JobRow, TransitionRow } from '../db/rows';
import type { CoreContext } from './context';

export interface TransitionCause {
  readonly reason?: string | null;
  readonly note?: string | null;
  readonly packageId?: number | null;
  readonly scanId?: number | null;
}

/**
 * Moves a drive: appends to the log (and so to the outbox) and updates the current-state row.
 * Callers run it inside the method's one transaction and check the state machine first.
 */
export function recordDriveTransition(
  context: CoreContext,
  drive: DriveRow,
  to: string,
  faultedFrom: string | null,
  cause: TransitionCause = {},
): TransitionRow {
  const { store } = context;
  store.drives.setState(drive.id, to, faultedFrom, cause.packageId ?? null);
  return store.transitions.append(
    {
      clientId: randomUUID(),
      entity: 'drive',
      jobId: drive.jobId,
      jobName: drive.jobName,
      driveId: drive.id,
      serial: drive.serial,
      fromState: drive.state,
      toState: to,
      reason: cause.reason ?? null,
      note: cause.note ?? null,
      packageId: cause.packageId ?? null,
      scanId: cause.scanId ?? null,
    },
    context.actor(),
  );
}

/** Records a drive's first state: a registered export drive or an extra drive has no earlier one. */
export function recordDriveCreation(context: CoreContext, drive: DriveRow, cause: TransitionCause): TransitionRow {
  return context.store.transitions.append(
    {
      clientId: randomUUID(),
      entity: 'drive',
      jobId: drive.jobId,
      jobName: drive.jobName,
      driveId: drive.id,
      serial: drive.serial,
      fromState: null,
      toState: drive.state,
      reason: cause.reason ?? null,
      note: cause.note ?? null,
      packageId: cause.packageId ?? null,
      scanId: cause.scanId ?? null,
    },
    context.actor(),
  );
}

export function recordJobTransition(
  context: CoreContext,
  job: JobRow,
  to: string,
  faultedFrom: string | null,
  cause: TransitionCause = {},
): TransitionRow {
  const actor = context.actor();
  context.store.jobs.setState(job.id, to, faultedFrom, actor.at);
  return context.store.transitions.append(
    {
      clientId: randomUUID(),
      entity: 'job',
      jobId: job.id,
      jobName: job.name,
      driveId: null,
      serial: null,
      fromState: job.state,
      toState: to,
      reason: cause.reason ?? null,
      note: cause.note ?? null,
      packageId: cause.packageId ?? null,
      scanId: null,
    },
    actor,
  );
}
