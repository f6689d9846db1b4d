import type { DriveState, StoredDriveState } from './drive-states';
import type { JobState } from './job-states';

/** What a transition moves between: a drive's or a job's state, as the log stores it. */
export type EntityState = StoredDriveState | DriveState | JobState;
