/**
 * Drive life cycle (docs/receiving-rules.md). The upstream may send a state this desk does not know:
 * such a drive keeps its state string and is shown as is; operations may move it to any known
 * state, with a note (never a dead end).
 */
export const KNOWN_DRIVE_STATES = [
  'Specified',
  'Received',
  'NeverReceived',
  'Transferring',
  'Completed',
  'CompletedMoreInfo',
  'ShippedBack',
  'Faulted',
] as const;

export type KnownDriveState = (typeof KNOWN_DRIVE_STATES)[number];
/** A state string as stored: one of ours, or one the upstream invented later. */
export type DriveState = KnownDriveState | (string & { readonly unknownDriveState?: never });

/**
 * Desk-local state of a drive the desk itself created (an extra or registered export drive) whose
 * scan was undone. It is never a target of drives.transition; scanning the serial again revives it.
 */
export const REMOVED_DRIVE_STATE = 'Removed' as const;

/** A drive's state as the desk stores it: a life-cycle state, or the desk-local Removed. */
export type StoredDriveState = DriveState | typeof REMOVED_DRIVE_STATE;

export const FINAL_DRIVE_STATE: KnownDriveState = 'ShippedBack';

export function isKnownDriveState(state: string): state is KnownDriveState {
  return (KNOWN_DRIVE_STATES as readonly string[]).includes(state);
}

/** Ordinary moves, Faulted excluded: Faulted is reachable from every non-final state. */
const ORDINARY_MOVES: Readonly<Record<KnownDriveState, readonly KnownDriveState[]>> = {
  Specified: ['Received', 'NeverReceived'],
  NeverReceived: ['Received'],
  Received: ['Transferring'],
  Transferring: ['Completed', 'CompletedMoreInfo'],
  Completed: ['ShippedBack'],
  CompletedMoreInfo: ['ShippedBack'],
  ShippedBack: [],
  Faulted: [],
};

/** What a drive move depends on besides the two states. */
export interface DriveMoveContext {
  /** A cancelled job skips the data copy: its received drives go straight back. */
  readonly jobCancelled: boolean;
  /** For a Faulted drive: the state it was in before it faulted. */
  readonly faultedFrom: DriveState | null;
  /** An extra drive (not on the job's list) is never copied: once received it only goes back. */
  readonly isExtra?: boolean;
}

function ordinarySuccessors(from: KnownDriveState, context: DriveMoveContext): KnownDriveState[] {
  const moves = [...ORDINARY_MOVES[from]];
  if (from === 'Received' && (context.jobCancelled || context.isExtra === true)) moves.push('ShippedBack');
  return moves;
}

/**
 * From a state the upstream invented (one this desk does not know), operations decide where the
 * drive goes: any known state, with a note saying why (the desk asks for it). Not a dead end.
 */
const FROM_UNKNOWN_STATE: readonly KnownDriveState[] = KNOWN_DRIVE_STATES;

/** Every state a drive in `from` may move to, in a stable order. */
export function legalDriveMoves(from: DriveState, context: DriveMoveContext): KnownDriveState[] {
  // A drive the desk created and then took back exists only at the desk: a new scan revives it.
  if (from === REMOVED_DRIVE_STATE) return [];
  if (!isKnownDriveState(from)) return [...FROM_UNKNOWN_STATE];
  if (from === 'Faulted') {
    const left = context.faultedFrom;
    if (left !== null && !isKnownDriveState(left) && left !== REMOVED_DRIVE_STATE) return FROM_UNKNOWN_STATE.filter((state) => state !== 'Faulted');
    if (left === null || !isKnownDriveState(left) || left === 'Faulted') return [];
    // Resolution goes back to the state it left, or on to a legal successor of it.
    return [left, ...ordinarySuccessors(left, context)];
  }
  const moves = ordinarySuccessors(from, context);
  if (from !== FINAL_DRIVE_STATE) moves.push('Faulted');
  return moves;
}

export function isLegalDriveMove(from: DriveState, to: DriveState, context: DriveMoveContext): boolean {
  return (legalDriveMoves(from, context) as readonly string[]).includes(to);
}

/** Reason codes an operator picks when faulting a drive. */
export const FAULT_REASONS = [
  'damagedInShipment',
  'labelUnreadable',
  'serialMismatch',
  'bitLockerOrManifestError',
  'other',
] as const;
export type FaultReason = (typeof FAULT_REASONS)[number];

export function isFaultReason(value: string): value is FaultReason {
  return (FAULT_REASONS as readonly string[]).includes(value);
}
