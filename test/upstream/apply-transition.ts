/**
 * Judges and applies one push item that is next in its desk's sequence (docs/sync-protocol.md,
 * "checked and processed"). Duplicates and gaps are decided before this, in process-push.ts.
 * Legality is always judged against the upstream's CURRENT state: `from` is what the desk saw, and a
 * desk that had not yet heard of another desk's move still gets its legal move applied.
 */
import { isKnownDriveState, isLegalDriveMove, REMOVED_DRIVE_STATE } from '../../shared/domain/drive-states';
import { isLegalJobMove } from '../../shared/domain/job-states';
import { normalizeCode } from '../../shared/domain/serial';
import type { PushItem, PushResult } from '../../shared/sync/wire';
import type { DriveRow, JobRow, UpstreamStore } from './upstream-db';

const FAULTED = 'Faulted';

interface Verdict {
  readonly status: 'applied' | 'rejected';
  readonly state: string | null;
  readonly reason?: string;
}

interface Subject {
  readonly state: string;
  readonly faultedFrom: string | null;
  readonly lastClientId: string | null;
}

/** What the item moves, found in the upstream's tables. */
interface ItemTarget {
  readonly job: JobRow;
  /** The normalised serial for a drive item; null for a job item. */
  readonly serial: string | null;
  readonly drive: DriveRow | undefined;
}

const rejected = (reason: string, state: string | null): Verdict => ({ status: 'rejected', state, reason });

/** faulted_from after a move: set on entering Faulted, kept while staying, cleared on leaving. */
function faultedFromAfter(subject: Subject, to: string): string | null {
  if (to !== FAULTED) return null;
  return subject.state === FAULTED ? subject.faultedFrom : subject.state;
}

export class TransitionApplier {
  constructor(
    private readonly store: UpstreamStore,
    private readonly deskId: string,
    private readonly appliedAt: string,
  ) {}

  /** The state and (for a rejection) the reason of one item; an applied item is logged and its job's cursor advances. */
  apply(item: PushItem): PushResult {
    const verdict = this.judgeAndApply(item);
    return {
      clientId: item.clientId,
      seq: item.seq,
      status: verdict.status,
      state: verdict.state,
      ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
    };
  }

  private judgeAndApply(item: PushItem): Verdict {
    const job = this.store.findJob(item.jobName);
    if (job === undefined) return rejected(`job ${item.jobName} is not known upstream`, null);
    let target: ItemTarget = { job, serial: null, drive: undefined };
    if (item.entity === 'drive') {
      const serial = item.serial === null ? '' : normalizeCode(item.serial);
      if (serial === '') return rejected('a drive transition needs the drive serial', null);
      target = { job, serial, drive: this.store.findDrive(job.name, serial) };
    }
    if (item.compensates !== null) return this.applyUndo(item, item.compensates, target);
    return item.entity === 'job' ? this.applyJobMove(item, job) : this.applyDriveMove(item, target);
  }

  private applyJobMove(item: PushItem, job: JobRow): Verdict {
    const context = { cancelled: job.cancelRequested, faultedFrom: job.faultedFrom };
    // Equal states: two desks (or a desk and the customer) agreeing is not a conflict.
    if (item.to !== job.state && !isLegalJobMove(job.state, item.to, context)) {
      return rejected(`${job.state} → ${item.to} is not a legal move`, job.state);
    }
    const faultedFrom = item.to === job.state ? job.faultedFrom : faultedFromAfter(job, item.to);
    this.store.setJobState(job.name, item.to, faultedFrom, item.clientId);
    this.log(item, null, job, item.to);
    return { status: 'applied', state: item.to };
  }

  private applyDriveMove(item: PushItem, { job, serial, drive }: ItemTarget): Verdict {
    if (serial === null) throw new Error('a drive move without a serial');
    if (drive === undefined || drive.state === REMOVED_DRIVE_STATE) return this.createDrive(item, job, serial, drive);
    const context = { jobCancelled: job.cancelRequested, faultedFrom: drive.faultedFrom, isExtra: drive.extra };
    if (item.to !== drive.state && !isLegalDriveMove(drive.state, item.to, context)) {
      return rejected(`${drive.state} → ${item.to} is not a legal move`, drive.state);
    }
    const faultedFrom = item.to === drive.state ? drive.faultedFrom : faultedFromAfter(drive, item.to);
    this.store.setDriveState(job.name, serial, item.to, faultedFrom, item.clientId);
    this.log(item, serial, drive, item.to);
    return { status: 'applied', state: item.to };
  }

  /**
   * A drive the upstream does not have (or has as Removed after an undo): only the desk that
   * created it says so, with `from` null (or `Removed` when it scans the serial again).
   */
  private createDrive(item: PushItem, job: JobRow, serial: string, removed: DriveRow | undefined): Verdict {
    const revivable = item.from === null || (removed !== undefined && item.from === REMOVED_DRIVE_STATE);
    if (!revivable) {
      return removed === undefined
        ? rejected(`drive ${serial} is not on job ${job.name} upstream`, null)
        : rejected(`drive ${serial} was removed upstream; scan it again to add it`, removed.state);
    }
    if (!isKnownDriveState(item.to)) return rejected(`${item.to} is not a drive state`, removed?.state ?? null);
    this.store.writeDrive({
      jobName: job.name,
      serial,
      driveIdRaw: item.driveId ?? removed?.driveIdRaw ?? serial,
      state: item.to,
      faultedFrom: null,
      extra: removed?.extra ?? item.extra,
      position: removed?.position ?? this.store.nextDrivePosition(job.name),
      fieldsJson: removed?.fieldsJson ?? '{}',
      lastClientId: item.clientId,
    });
    this.log(item, serial, removed ?? null, item.to);
    return { status: 'applied', state: item.to };
  }

  /**
   * An undo reverses a transition only while nothing has moved the drive (or job) since: then the
   * upstream puts back the state IT had before that transition (the desk's `from` in the normal
   * case; a drive that transition created goes to Removed).
   */
  private applyUndo(item: PushItem, compensates: string, { job, serial, drive }: ItemTarget): Verdict {
    const subject: Subject | undefined = item.entity === 'job' ? job : drive;
    const currentState = subject?.state ?? null;
    const reversed = this.store.findApplied(compensates);
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
    if (item.entity === 'job') {
      this.store.setJobState(job.name, restored, reversed.upstreamFaultedFrom, item.clientId);
    } else if (serial !== null) {
      this.store.setDriveState(job.name, serial, restored, reversed.upstreamFaultedFrom, item.clientId);
    }
    this.log(item, serial, subject, restored);
    return { status: 'applied', state: restored };
  }

  /** Appends the applied item to the log and advances its job's change cursor. */
  private log(item: PushItem, serial: string | null, before: Subject | null, upstreamTo: string): void {
    this.store.appendApplied({
      deskId: this.deskId,
      seq: item.seq,
      clientId: item.clientId,
      entity: item.entity,
      jobName: item.jobName,
      serial,
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
      appliedAt: this.appliedAt,
    });
    this.store.markJobChanged(item.jobName);
  }
}
