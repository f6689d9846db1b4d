/**
 * Job life cycle (docs/receiving-rules.md). As with drives, an unknown upstream state is kept and shown.
 */
export const KNOWN_JOB_STATES = [
  'Creating',
  'Shipping',
  'Received',
  'Transferring',
  'Packaging',
  'Completed',
  'Closed',
  'Faulted',
] as const;

export type KnownJobState = (typeof KNOWN_JOB_STATES)[number];
export type JobState = KnownJobState | (string & { readonly unknownJobState?: never });

export function isKnownJobState(state: string): state is KnownJobState {
  return (KNOWN_JOB_STATES as readonly string[]).includes(state);
}

const ORDINARY_JOB_MOVES: Readonly<Record<KnownJobState, readonly KnownJobState[]>> = {
  Creating: ['Shipping'],
  // Closed straight from Shipping: no package and no customer answer within 30 days.
  Shipping: ['Received', 'Closed'],
  Received: ['Transferring'],
  Transferring: ['Packaging'],
  Packaging: ['Completed', 'Closed'],
  Completed: [],
  Closed: [],
  Faulted: [],
};

export interface JobMoveContext {
  /** A cancelled job skips the data copy: Received goes straight to Packaging. */
  readonly cancelled: boolean;
  readonly faultedFrom: JobState | null;
}

const FINAL_JOB_STATES: readonly KnownJobState[] = ['Completed', 'Closed'];

function ordinaryJobSuccessors(from: KnownJobState, cancelled: boolean): KnownJobState[] {
  const moves = [...ORDINARY_JOB_MOVES[from]];
  if (from === 'Received' && cancelled) moves.push('Packaging');
  return moves;
}

export function legalJobMoves(from: JobState, context: JobMoveContext): KnownJobState[] {
  if (!isKnownJobState(from)) return [];
  if (from === 'Faulted') {
    const left = context.faultedFrom;
    if (left === null || !isKnownJobState(left) || left === 'Faulted') return [];
    return [left, ...ordinaryJobSuccessors(left, context.cancelled)];
  }
  const moves = ordinaryJobSuccessors(from, context.cancelled);
  if (!FINAL_JOB_STATES.includes(from)) moves.push('Faulted');
  return moves;
}

export function isLegalJobMove(from: JobState, to: JobState, context: JobMoveContext): boolean {
  return (legalJobMoves(from, context) as readonly string[]).includes(to);
}

/** Jobs in these states cannot be processed: their packages and drives are held ("Creating or Undefined"). */
export const NOT_YET_SHIPPING_JOB_STATES: readonly string[] = ['Creating'];

/** Job types as the public API spells them; the API has no enum, so others are kept as strings. */
export const IMPORT_JOB = 'Import';
export const EXPORT_JOB = 'Export';
