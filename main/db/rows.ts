import type { DriveState, StoredDriveState } from '../../shared/domain/drive-states';
import type { JobState } from '../../shared/domain/job-states';
import type { EntityState } from '../../shared/domain/entity-state';
import type { CheckInVerdict } from '../../shared/rpc/results';

/**
 * Rows as the repositories hand them to the core: camelCase, booleans as booleans. Integer keys are
 * named `rowId` (the row's own) and `jobRowId` / `driveRowId` (another table's); a job's name and a
 * drive's serial are never called an id here (docs/architecture.md, "Names").
 */
export interface JobRow {
  readonly rowId: number;
  readonly name: string;
  readonly armId: string | null;
  readonly jobType: string;
  readonly state: JobState;
  readonly faultedFrom: JobState | null;
  readonly cancelRequested: boolean;
  readonly location: string | null;
  readonly trackingNumber: string | null;
  readonly carrierName: string | null;
  readonly declaredDriveCount: number | null;
  readonly shipDateRaw: string | null;
  readonly documentJson: string;
  readonly isDemo: boolean;
  readonly importedAt: string;
  readonly updatedAt: string;
  /** Why the operations team must look at this job (e.g. an incomplete return address); null when fine. */
  readonly opsFlag: string | null;
  readonly returnCarrier: string | null;
  readonly returnTrackingNumber: string | null;
  /** A Shipping job's wait extended to this instant at the customer's word (jobs.extendWait). */
  readonly waitUntil: string | null;
  /** When opsFlag was set: a job blocked on its return address is destroyed 90 days on. */
  readonly opsFlagAt: string | null;
}

export interface DriveRow {
  readonly rowId: number;
  readonly jobRowId: number;
  readonly jobName: string;
  readonly serial: string;
  readonly serialAsWritten: string;
  readonly state: StoredDriveState;
  readonly faultedFrom: DriveState | null;
  readonly isExtra: boolean;
  readonly packageId: number | null;
}

export interface PackageRow {
  readonly rowId: number;
  readonly trackingNumber: string;
  readonly carrierName: string | null;
  readonly jobRowId: number | null;
  readonly jobName: string | null;
  readonly verdict: CheckInVerdict;
  readonly held: boolean;
  readonly status: 'open' | 'closed';
  readonly declaredDriveCount: number | null;
  readonly checkedInAt: string;
  readonly closedAt: string | null;
  /** How a held package ended (released, returned, destroyed); null while it is still held or never was. */
  readonly outcome: PackageOutcome | null;
  readonly outcomeAt: string | null;
  readonly returnCarrier: string | null;
  readonly returnTrackingNumber: string | null;
  /** Marked damaged at the dock. */
  readonly damaged: boolean;
  readonly damageNote: string | null;
  /** The carrier read from the tracking number, and what differs from the job's declared carrier. */
  readonly carrierRead: string | null;
  readonly carrierNote: string | null;
  readonly checkedInBy: string;
}

export type PackageOutcome = 'released' | 'returned' | 'destroyed';

export interface TransitionRow {
  readonly rowId: number;
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
  readonly operator: string;
  readonly deskId: string;
  readonly at: string;
  readonly packageId: number | null;
  /** Who confirmed a supervisor action with a badge; null for ordinary moves. */
  readonly confirmedBy: string | null;
}

/** Who and where: stamped on every scan and transition. */
export interface Actor {
  readonly operator: string;
  readonly deskId: string;
  readonly at: string;
}
