/**
 * Job state follows from its drives (docs/receiving-rules.md): Received → Transferring when a drive starts
 * copying; → Packaging when every drive is done; → Completed (no errors) or Closed (any
 * CompletedMoreInfo, NeverReceived or fault) once every drive that arrived is shipped back.
 */
import type { JobState } from './job-states';

export interface DriveProgress {
  readonly state: string;
  /** Extra drives ride along with the job and never hold it up. */
  readonly isExtra: boolean;
  /**
   * The drive was ever Faulted, CompletedMoreInfo or NeverReceived: an error of the job even once
   * the drive moved on (a CompletedMoreInfo drive is ShippedBack by the time the job ends).
   */
  readonly hadError: boolean;
}

export interface JobProgressInput {
  readonly state: JobState;
  readonly cancelled: boolean;
  readonly drives: readonly DriveProgress[];
}

const COPY_STARTED: readonly string[] = ['Transferring', 'Completed', 'CompletedMoreInfo', 'ShippedBack'];
const COPY_DONE: readonly string[] = ['Completed', 'CompletedMoreInfo', 'ShippedBack', 'NeverReceived'];
const GONE: readonly string[] = ['ShippedBack', 'NeverReceived'];
/** States that make a job end Closed rather than Completed. */
export const ERROR_STATES: readonly string[] = ['Faulted', 'CompletedMoreInfo', 'NeverReceived'];

function hasErrors(drives: readonly DriveProgress[]): boolean {
  return drives.some((drive) => drive.hadError || ERROR_STATES.includes(drive.state));
}

/** The next job state its drives call for, or null when the job stays where it is. One step at a time. */
export function nextJobState(job: JobProgressInput): JobState | null {
  const listed = job.drives.filter((drive) => !drive.isExtra);
  if (listed.length === 0) return null;
  const all = (states: readonly string[]) => listed.every((drive) => states.includes(drive.state));
  switch (job.state) {
    case 'Received':
      if (job.cancelled) return all(GONE) ? 'Packaging' : null;
      return listed.some((drive) => COPY_STARTED.includes(drive.state)) ? 'Transferring' : null;
    case 'Transferring':
      return all(COPY_DONE) ? 'Packaging' : null;
    case 'Packaging':
      if (!all(GONE) || listed.every((drive) => drive.state === 'NeverReceived')) return null;
      return hasErrors(listed) ? 'Closed' : 'Completed';
    default:
      return null;
  }
}
