/** Rows as the repositories hand them to the core: camelCase, booleans as booleans. */
export interface JobRow {
  readonly id: number;
  readonly name: string;
  readonly armId: string | null;
  readonly jobType: string;
  readonly state: string;
  readonly faultedFrom: string | null;
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
}

export interface DriveRow {
  readonly id: number;
  readonly jobId: number;
  readonly jobName: string;
  readonly serial: string;
  readonly driveIdRaw: string;
  readonly state: string;
  readonly faultedFrom: string | null;
  readonly isExtra: boolean;
  readonly packageId: number | null;
}

export interface PackageRow {
  readonly id: number;
  readonly trackingNumber: string;
  readonly carrierName: string | null;
  readonly jobId: number | null;
  readonly jobName: string | null;
  readonly verdict: string;
  readonly held: boolean;
  readonly status: 'open' | 'closed';
  readonly declaredDriveCount: number | null;
  readonly checkedInAt: string;
  readonly closedAt: string | null;
}

export interface TransitionRow {
  readonly id: number;
  readonly clientId: string;
  readonly entity: 'drive' | 'job';
  readonly jobId: number;
  readonly jobName: string;
  readonly driveId: number | null;
  readonly serial: string | null;
  readonly fromState: string | null;
  readonly toState: string;
  readonly reason: string | null;
  readonly note: string | null;
  readonly operator: string;
  readonly deskId: string;
  readonly at: string;
  readonly packageId: number | null;
}

/** Who and where: stamped on every scan and transition. */
export interface Actor {
  readonly operator: string;
  readonly deskId: string;
  readonly at: string;
}
