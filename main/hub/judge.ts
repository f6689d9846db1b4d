/**
 * Judges one push batch (docs/sync-protocol.md, "Push") against the rows push.ts locked for it:
 * duplicates by client id, gaps by the desk's seq, each move on the hub's CURRENT state under the
 * shared state machines. Pure: it reads the locked rows and returns what to write, so the rules can
 * be read (and tested) apart from the SQL.
 */
import { isKnownDriveState, isLegalDriveMove, REMOVED_DRIVE_STATE } from '../../shared/domain/drive-states';
import { isLegalJobMove } from '../../shared/domain/job-states';
import { normalizeCode } from '../../shared/domain/serial';
import type { PushItem, PushResult } from '../../shared/sync/wire';

const FAULTED = 'Faulted';

export interface JobRow {
  readonly name: string;
  state: string;
  faultedFrom: string | null;
  readonly cancelRequested: boolean;
  lastClientId: string | null;
}

export interface DriveRow {
  readonly jobName: string;
  readonly serial: string;
  driveIdRaw: string;
  state: string;
  faultedFrom: string | null;
  extra: boolean;
  position: number;
  fields: Record<string, unknown>;
  lastClientId: string | null;
}

/** What the hub logged for an applied item; what duplicates and undos look up. */
export interface AppliedRow {
  readonly clientId: string;
  readonly entity: 'drive' | 'job';
  readonly jobName: string;
  readonly serial: string | null;
  readonly upstreamFrom: string | null;
  readonly upstreamFaultedFrom: string | null;
}

export interface AppliedInsert extends AppliedRow {
  readonly seq: number;
  readonly from: string | null;
  readonly to: string;
  readonly reason: string | null;
  readonly note: string | null;
  readonly operator: string;
  readonly at: string;
  readonly compensates: string | null;
  readonly upstreamTo: string;
}

export interface RejectedInsert {
  readonly seq: number;
  readonly clientId: string;
  readonly reason: string;
}

/** The rows locked for a batch, keyed for lookup. */
export interface BatchRows {
  readonly lastSeq: number;
  readonly jobs: Map<string, JobRow>;
  /** Keyed by driveKey(jobName, serial). */
  readonly drives: Map<string, DriveRow>;
  readonly applied: Map<string, AppliedRow>;
  /** Earlier rejections of this desk, keyed by `${seq}:${clientId}`. */
  readonly rejections: Map<string, string>;
  /** The next free list position per job, for drives a desk creates. */
  readonly nextPosition: Map<string, number>;
}

export interface BatchOutcome {
  readonly results: PushResult[];
  readonly lastSeq: number;
  readonly applied: AppliedInsert[];
  readonly rejected: RejectedInsert[];
  /** Rows to write back (created or moved). */
  readonly drives: DriveRow[];
  readonly jobs: JobRow[];
  /** Jobs with an applied move: their change cursor advances so other desks pull them. */
  readonly changedJobs: string[];
}

export const driveKey = (jobName: string, serial: string): string => `${jobName}\u0000${serial}`;
export const rejectionKey = (seq: number, clientId: string): string => `${seq}:${clientId}`;

interface Verdict {
  readonly status: 'applied' | 'rejected';
  readonly state: string | null;
  readonly reason?: string;
}

const rejected = (reason: string, state: string | null): Verdict => ({ status: 'rejected', state, reason });

/** faulted_from after a move: set on entering Faulted, kept while staying, cleared on leaving. */
function faultedFromAfter(subject: { state: string; faultedFrom: string | null }, to: string): string | null {
  if (to !== FAULTED) return null;
  return subject.state === FAULTED ? subject.faultedFrom : subject.state;
}

/** The serial a push item names, normalised; '' when it names none. */
export function itemSerial(item: PushItem): string {
  return item.serial === null ? '' : normalizeCode(item.serial);
}

export function judgeBatch(rows: BatchRows, items: readonly PushItem[]): BatchOutcome {
  const applied: AppliedInsert[] = [];
  const rejectedItems: RejectedInsert[] = [];
  const dirtyDrives = new Map<string, DriveRow>();
  const dirtyJobs = new Map<string, JobRow>();
  const changedJobs = new Set<string>();
  const results: PushResult[] = [];

  const stateOf = (entity: 'drive' | 'job', jobName: string, serial: string | null): string | null => {
    if (entity === 'job') return rows.jobs.get(jobName)?.state ?? null;
    return serial === null || serial === '' ? null : (rows.drives.get(driveKey(jobName, serial))?.state ?? null);
  };

  const log = (item: PushItem, serial: string | null, before: { state: string; faultedFrom: string | null } | null, upstreamTo: string) => {
    const row: AppliedInsert = {
      clientId: item.clientId,
      entity: item.entity,
      jobName: item.jobName,
      serial,
      seq: item.seq,
      from: item.from,
      to: item.to,
      reason: item.reason,
      note: item.note,
      operator: item.operator,
      at: item.at,
      compensates: item.compensates,
      upstreamFrom: before?.state ?? null,
      upstreamTo,
      upstreamFaultedFrom: before?.faultedFrom ?? null,
    };
    applied.push(row);
    rows.applied.set(item.clientId, row);
    changedJobs.add(item.jobName);
  };

  const setDrive = (drive: DriveRow, state: string, faultedFrom: string | null, clientId: string) => {
    drive.state = state;
    drive.faultedFrom = faultedFrom;
    drive.lastClientId = clientId;
    dirtyDrives.set(driveKey(drive.jobName, drive.serial), drive);
  };

  const setJob = (job: JobRow, state: string, faultedFrom: string | null, clientId: string) => {
    job.state = state;
    job.faultedFrom = faultedFrom;
    job.lastClientId = clientId;
    dirtyJobs.set(job.name, job);
  };

  const applyJobMove = (item: PushItem, job: JobRow): Verdict => {
    const context = { cancelled: job.cancelRequested, faultedFrom: job.faultedFrom };
    // Equal states: two desks (or a desk and the customer) agreeing is not a conflict.
    if (item.to !== job.state && !isLegalJobMove(job.state, item.to, context)) {
      return rejected(`${job.state} → ${item.to} is not a legal move`, job.state);
    }
    const before = { state: job.state, faultedFrom: job.faultedFrom };
    const faultedFrom = item.to === job.state ? job.faultedFrom : faultedFromAfter(job, item.to);
    setJob(job, item.to, faultedFrom, item.clientId);
    log(item, null, before, item.to);
    return { status: 'applied', state: item.to };
  };

  /** A drive the hub lacks (or has as Removed after an undo): only the desk that created it says so. */
  const createDrive = (item: PushItem, job: JobRow, serial: string, removed: DriveRow | undefined): Verdict => {
    const revivable = item.from === null || (removed !== undefined && item.from === REMOVED_DRIVE_STATE);
    if (!revivable) {
      return removed === undefined
        ? rejected(`drive ${serial} is not on job ${job.name} upstream`, null)
        : rejected(`drive ${serial} was removed upstream; scan it again to add it`, removed.state);
    }
    if (!isKnownDriveState(item.to)) return rejected(`${item.to} is not a drive state`, removed?.state ?? null);
    const before = removed === undefined ? null : { state: removed.state, faultedFrom: removed.faultedFrom };
    let drive = removed;
    if (drive === undefined) {
      const position = rows.nextPosition.get(job.name) ?? 0;
      rows.nextPosition.set(job.name, position + 1);
      drive = {
        jobName: job.name,
        serial,
        driveIdRaw: item.driveId ?? serial,
        state: item.to,
        faultedFrom: null,
        extra: item.extra,
        position,
        fields: {},
        lastClientId: item.clientId,
      };
      rows.drives.set(driveKey(job.name, serial), drive);
    }
    setDrive(drive, item.to, null, item.clientId);
    log(item, serial, before, item.to);
    return { status: 'applied', state: item.to };
  };

  const applyDriveMove = (item: PushItem, job: JobRow, serial: string): Verdict => {
    const drive = rows.drives.get(driveKey(job.name, serial));
    if (drive === undefined || drive.state === REMOVED_DRIVE_STATE) return createDrive(item, job, serial, drive);
    const context = { jobCancelled: job.cancelRequested, faultedFrom: drive.faultedFrom, isExtra: drive.extra };
    if (item.to !== drive.state && !isLegalDriveMove(drive.state, item.to, context)) {
      return rejected(`${drive.state} → ${item.to} is not a legal move`, drive.state);
    }
    const before = { state: drive.state, faultedFrom: drive.faultedFrom };
    const faultedFrom = item.to === drive.state ? drive.faultedFrom : faultedFromAfter(drive, item.to);
    setDrive(drive, item.to, faultedFrom, item.clientId);
    log(item, serial, before, item.to);
    return { status: 'applied', state: item.to };
  };

  /**
   * An undo reverses a transition only while nothing has moved the drive (or job) since: then the
   * hub puts back the state IT had before that transition (a drive that transition created goes
   * to Removed).
   */
  const applyUndo = (item: PushItem, compensates: string, job: JobRow, serial: string | null): Verdict => {
    const drive = serial === null ? undefined : rows.drives.get(driveKey(job.name, serial));
    const subject = item.entity === 'job' ? job : drive;
    const currentState = subject?.state ?? null;
    const reversed = rows.applied.get(compensates);
    if (reversed === undefined) {
      return rejected(`the transition it reverses (${compensates}) was never applied upstream`, currentState);
    }
    if (reversed.entity !== item.entity || reversed.jobName !== job.name || reversed.serial !== serial) {
      return rejected(`the transition it reverses (${compensates}) moved another ${reversed.entity}`, currentState);
    }
    if (subject === undefined || subject.lastClientId !== compensates) {
      return rejected(`the ${item.entity} has moved since the transition it reverses (${compensates})`, currentState);
    }
    const restored = reversed.upstreamFrom ?? (item.entity === 'drive' ? REMOVED_DRIVE_STATE : null);
    if (restored === null) return rejected('a job cannot be moved back to no state', currentState);
    const before = { state: subject.state, faultedFrom: subject.faultedFrom };
    if (item.entity === 'job') setJob(job, restored, reversed.upstreamFaultedFrom, item.clientId);
    else if (drive !== undefined) setDrive(drive, restored, reversed.upstreamFaultedFrom, item.clientId);
    log(item, serial, before, restored);
    return { status: 'applied', state: restored };
  };

  const judge = (item: PushItem): Verdict => {
    const job = rows.jobs.get(item.jobName);
    if (job === undefined) return rejected(`job ${item.jobName} is not known upstream`, null);
    let serial: string | null = null;
    if (item.entity === 'drive') {
      serial = itemSerial(item);
      if (serial === '') return rejected('a drive transition needs the drive serial', null);
    }
    if (item.compensates !== null) return applyUndo(item, item.compensates, job, serial);
    return serial === null ? applyJobMove(item, job) : applyDriveMove(item, job, serial);
  };

  let lastSeq = rows.lastSeq;
  for (const item of items) {
    const done = rows.applied.get(item.clientId);
    if (done !== undefined) {
      // A retried batch never applies twice. A duplicate that sits exactly at the next seq still
      // consumes it: otherwise expectedSeq would point at it for ever.
      if (item.seq === lastSeq + 1) lastSeq = item.seq;
      results.push({ clientId: item.clientId, seq: item.seq, status: 'duplicate', state: stateOf(done.entity, done.jobName, done.serial) });
      continue;
    }
    if (item.seq !== lastSeq + 1) {
      // A resent batch (lost answer) repeats an item rejected at this very seq: the same answer again,
      // with today's state. Anything else out of order is a gap: stop here.
      const reason = item.seq <= lastSeq ? rows.rejections.get(rejectionKey(item.seq, item.clientId)) : undefined;
      if (reason === undefined) break;
      results.push({
        clientId: item.clientId,
        seq: item.seq,
        status: 'rejected',
        state: stateOf(item.entity, item.jobName, item.entity === 'drive' ? itemSerial(item) : null),
        reason,
      });
      continue;
    }
    const verdict = judge(item);
    if (verdict.status === 'rejected') {
      const reason = verdict.reason ?? '';
      rejectedItems.push({ seq: item.seq, clientId: item.clientId, reason });
      rows.rejections.set(rejectionKey(item.seq, item.clientId), reason);
    }
    // Applied or rejected, the seq is consumed.
    lastSeq = item.seq;
    results.push({
      clientId: item.clientId,
      seq: item.seq,
      status: verdict.status,
      state: verdict.state,
      ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
    });
  }
  return {
    results,
    lastSeq,
    applied,
    rejected: rejectedItems,
    drives: [...dirtyDrives.values()],
    jobs: [...dirtyJobs.values()],
    changedJobs: [...changedJobs],
  };
}
