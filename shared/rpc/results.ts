/** The shapes methods answer with: plain data, safe for structured clone and JSON. */
import type { DriveState, FaultReason } from '../domain/drive-states';
import type { JobState } from '../domain/job-states';
import type { EntityState } from '../domain/entity-state';
import type { InvalidScanReason } from '../domain/serial';
import type { HeldStage, ShippingStage } from '../domain/deadlines';
import type { ScannerProfile } from '../scanning/scanner-profile';
import type { CoreText } from './envelope';

export interface DriveCounts {
  /** Drives on the job's list; extra drives are counted apart. */
  readonly listed: number;
  readonly extra: number;
  readonly byState: Readonly<Record<string, number>>;
}

export interface JobSummary {
  /** The job's name, unique per desk; the public API's `name`. */
  readonly id: string;
  readonly type: string;
  readonly state: JobState;
  readonly cancelRequested: boolean;
  readonly trackingNumber: string | null;
  readonly carrierName: string | null;
  readonly declaredDriveCount: number | null;
  readonly isDemo: boolean;
  readonly updatedAt: string;
  /** Why the operations team must look at this job (an incomplete return address …); null when fine. */
  readonly opsFlag: string | null;
  /** The flag in the catalogue's words: which fields are missing, a carrier told apart from an address. */
  readonly opsFlagText: CoreText | null;
  /** The return shipment, once the drives went back. */
  readonly returnCarrier: string | null;
  readonly returnTrackingNumber: string | null;
  readonly driveCounts: DriveCounts;
}

export interface DriveInfo {
  readonly jobId: string;
  /** Normalised serial: the key every comparison uses. */
  readonly serial: string;
  /** The serial exactly as the job document or the scan gave it. */
  readonly driveId: string;
  readonly state: DriveState;
  readonly faultedFrom: DriveState | null;
  readonly isExtra: boolean;
  readonly packageId: number | null;
}

export type CheckInVerdict = 'matched' | 'notShipping' | 'unknown' | 'reopened';
export type PackageStatus = 'open' | 'closed';

export interface PackageInfo {
  readonly id: number;
  readonly trackingNumber: string;
  readonly carrierName: string | null;
  readonly jobId: string | null;
  readonly verdict: CheckInVerdict;
  readonly held: boolean;
  readonly status: PackageStatus;
  readonly declaredDriveCount: number | null;
  readonly checkedInAt: string;
  readonly closedAt: string | null;
}

export const SCAN_VERDICTS = [
  'received',
  'recovered',
  'duplicate',
  'otherJob',
  'extra',
  'registered',
  'held',
  'invalid',
] as const;
export type ScanVerdict = (typeof SCAN_VERDICTS)[number];

/** How many scans of each verdict a package has had, as recorded in the database. */
export type PackageTally = Readonly<Record<ScanVerdict, number>>;

export interface CheckInResult {
  readonly packageId: number;
  readonly verdict: CheckInVerdict;
  readonly package: PackageInfo;
  readonly job: JobSummary | null;
  /** The job's listed drives with their current states: what the operator expects in the box. */
  readonly expected: readonly DriveInfo[];
  readonly tally: PackageTally;
  /** Every scan of the package so far, undone ones marked: a reopened package shows its whole list. */
  readonly scans: readonly ScanInfo[];
  readonly message: string;
  /** What the check-in did, in the catalogue's words (`message` is its English). */
  readonly text: CoreText;
}

export interface ScanResult {
  /** The recorded scan, for `scans.undo`; null for an invalid scan, which records nothing. */
  readonly scanId: number | null;
  readonly verdict: ScanVerdict;
  readonly serial: string | null;
  readonly drive: DriveInfo | null;
  /** For `invalid`: why the code is not a serial. */
  readonly reason: InvalidScanReason | null;
  /** For `otherJob` (and a recovery from another job): the job the drive belongs to. */
  readonly belongsToJobId: string | null;
  readonly tally: PackageTally;
  readonly message: string;
  /** What happened, exactly, in the catalogue's words (`message` is its English). */
  readonly text: CoreText;
  /** For an extra drive: listed serials of this job one look-alike character away (0/O, 1/I, 5/S, 8/B). */
  readonly nearMisses: readonly string[];
}

export interface CountMismatch {
  readonly declared: number;
  readonly counted: number;
}

export interface CloseResult {
  readonly package: PackageInfo;
  readonly neverReceived: readonly DriveInfo[];
  readonly extraDrives: readonly DriveInfo[];
  readonly countMismatch: CountMismatch | null;
  readonly jobState: JobState | null;
  readonly expected: readonly DriveInfo[];
  readonly tally: PackageTally;
  /** What the close did, in the catalogue's words. */
  readonly message: string;
  readonly text: CoreText;
}

export interface TransitionInfo {
  readonly id: number;
  readonly entity: 'drive' | 'job';
  readonly jobId: string;
  readonly serial: string | null;
  readonly from: EntityState | null;
  readonly to: EntityState;
  readonly reason: string | null;
  readonly note: string | null;
  readonly operator: string;
  readonly deskId: string;
  readonly at: string;
  readonly packageId: number | null;
}

export interface DriveTransitionResult {
  readonly drive: DriveInfo;
  readonly transition: TransitionInfo;
  readonly jobState: JobState;
  /** What was recorded, in the catalogue's words: the confirmation a screen shows. */
  readonly message: string;
  readonly text: CoreText;
}

export interface DriveHistory {
  readonly serial: string;
  readonly drives: readonly DriveInfo[];
  readonly transitions: readonly TransitionInfo[];
  /** The drive card: one entry per job the serial is in, with where the drive is now. */
  readonly cards: readonly DriveCard[];
  /** Scans of this serial into held packages not yet ended: a drive with no job row can be held too. */
  readonly held: readonly HeldScanInfo[];
  /** Every package the history names, so a screen can show its tracking number. */
  readonly packages: readonly PackageInfo[];
}

export interface DriveCard {
  readonly drive: DriveInfo;
  readonly job: JobSummary;
  /** The package the drive arrived in, when it did. */
  readonly package: PackageInfo | null;
  /** Where the drive is now, in the catalogue's words. */
  readonly whereabouts: CoreText;
}

export interface HeldScanInfo {
  readonly scanId: number;
  readonly packageId: number;
  readonly trackingNumber: string;
  readonly jobId: string | null;
  readonly scannedAt: string;
  readonly operator: string;
}

/** What a code scanned or typed on any screen is at this desk (`codes.lookup`). */
export type CodeLookup =
  | { readonly kind: 'package'; readonly trackingNumber: string; readonly packageId: number | null; readonly jobId: string | null }
  | { readonly kind: 'drive'; readonly serial: string; readonly jobIds: readonly string[] }
  | { readonly kind: 'unknown'; readonly code: string; readonly message: string; readonly text: CoreText };

export interface ImportedJob {
  readonly id: string;
  readonly created: boolean;
  readonly driveCount: number;
}

export interface ImportResult {
  readonly jobs: readonly ImportedJob[];
  /** A Location document sets the datacenter address instead of importing a job. */
  readonly siteAddressUpdated: boolean;
}

export interface JobDetail extends JobSummary {
  readonly drives: readonly DriveInfo[];
  readonly packages: readonly PackageInfo[];
  readonly header: JobHeader;
}

/** The job panel's header: who the drives go back to, how, and what keeps the job from moving on. */
export interface JobHeader {
  /** The return address as printed on a label, one line each; empty when the document has none. */
  readonly returnAddress: readonly string[];
  readonly returnCarrier: string | null;
  readonly returnAccount: string | null;
  readonly deliveryCarrier: string | null;
  readonly deliveryTracking: string | null;
  readonly shipDate: string | null;
  /** What the job waits for or is stuck on, each in the catalogue's words; empty when nothing. */
  readonly blocking: readonly CoreText[];
}

/** A package on the open and held packages board (`packages.list`). */
export interface PackageBoardRow {
  readonly package: PackageInfo;
  readonly job: JobSummary | null;
  /** The job's listed drives, and how many of them are received. */
  readonly listed: number;
  readonly received: number;
  /** Listed drives still Specified: what is missing if the package is closed now. */
  readonly missing: number;
  /** Scans of drives held with the package. */
  readonly held: number;
  readonly extra: number;
  readonly nextStep: PackageNextStep;
  /** When the next step is due: the 14-day return or the 90-day destruction for a held package. */
  readonly dueAt: string | null;
}

export const PACKAGE_NEXT_STEPS = ['scanDrives', 'close', 'release', 'contactCustomer', 'returnDrives', 'destroyDrives'] as const;
export type PackageNextStep = (typeof PACKAGE_NEXT_STEPS)[number];

export interface PackageBoard {
  readonly asOf: string;
  readonly packages: readonly PackageBoardRow[];
}

/** What `jobs.shipBack` would do now, before it acts. */
export interface ShipBackPlan {
  readonly goes: readonly DriveInfo[];
  /** Drives that stay, each with why, in the catalogue's words. */
  readonly stays: readonly { readonly drive: DriveInfo; readonly why: CoreText }[];
}

export interface RemoveDriveResult {
  readonly drive: DriveInfo;
  readonly transition: TransitionInfo;
  readonly message: string;
  readonly text: CoreText;
}

export interface JobsPage {
  readonly jobs: readonly JobSummary[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

export interface ScanInfo {
  readonly id: number;
  readonly serial: string;
  readonly verdict: ScanVerdict;
  readonly keyed: boolean;
  readonly scannedAt: string;
  readonly operator: string;
  readonly undone: boolean;
}

export interface PackageDetail {
  readonly package: PackageInfo;
  readonly job: JobSummary | null;
  readonly expected: readonly DriveInfo[];
  readonly tally: PackageTally;
  /** Every scan of the package in the order it was recorded, undone ones included and marked. */
  readonly scans: readonly ScanInfo[];
}

export interface UndoScanResult {
  readonly scanId: number;
  readonly serial: string;
  /** The drive as the compensating transition left it; null when the scan had moved nothing. */
  readonly drive: DriveInfo | null;
  readonly compensation: TransitionInfo | null;
  readonly tally: PackageTally;
  /** What the undo did: moved the drive back, took an added drive off the job, or struck a scan that changed nothing. */
  readonly message: string;
  readonly text: CoreText;
}

export interface HeldPackageDeadline {
  readonly packageId: number;
  readonly trackingNumber: string;
  readonly jobId: string | null;
  readonly heldSince: string;
  readonly returnBy: string;
  readonly destroyBy: string;
  readonly stage: HeldStage;
  /** Serials of the drives held in the package: what to return or destroy. */
  readonly serials: readonly string[];
}

export interface ShippingJobDeadline {
  readonly jobId: string;
  readonly trackingNumber: string | null;
  readonly shippingSince: string;
  readonly overdueAt: string;
  readonly closeAt: string;
  readonly stage: ShippingStage;
}

export interface PurgeDeadline {
  readonly jobId: string;
  readonly state: JobState;
  readonly endedAt: string;
  readonly purgeAt: string;
  readonly due: boolean;
}

export interface Deadlines {
  readonly asOf: string;
  readonly heldPackages: readonly HeldPackageDeadline[];
  /** Shipping jobs past 14 days without a package. */
  readonly overdueJobs: readonly ShippingJobDeadline[];
  /** Completed and Closed jobs with their purge date. */
  readonly endedJobs: readonly PurgeDeadline[];
}

export interface PurgeResult {
  readonly purged: readonly string[];
}

export interface DeskSettings {
  readonly deskId: string;
  readonly deskName: string;
  /** Whether someone named the desk; until then a screen says the default name in its language. */
  readonly deskNamed: boolean;
  readonly operator: string;
  readonly locale: string;
  readonly upstreamUrl: string | null;
  /** The token itself is write-only: never returned, logged or shown. */
  readonly upstreamTokenSet: boolean;
  /** A PEM file of the CA that signed the hub's certificate, trusted besides the system's; null: the system's only. */
  readonly upstreamCaFile: string | null;
  /** The hub's id of this desk (set by sync.enroll): what the hub's admin lists and revokes. */
  readonly upstreamDeskId: string | null;
  /** Zebra printer on the network for raw ZPL (TCP port 9100 usually); null when none. */
  readonly zplPrinterHost: string | null;
  readonly zplPrinterPort: number;
  readonly zplDpi: LabelDpi;
  /** The system printer (Electron) labels go to silently; null: ask each time. */
  readonly systemPrinter: string | null;
  /** How this desk's scanner talks: prefix, suffix, end key, timing, identifiers to strip. */
  readonly scanner: ScannerProfile;
}

/** A transition the upstream rejected, or one held back behind it (docs/sync-protocol.md). */
export interface AttentionItem {
  /** The outbox seq: what `sync.resolve` takes. */
  readonly seq: number;
  readonly status: 'rejected' | 'held';
  readonly entity: 'drive' | 'job';
  readonly jobId: string;
  readonly serial: string | null;
  readonly from: EntityState | null;
  readonly to: EntityState;
  readonly at: string;
  readonly operator: string;
  /** What the upstream said: its current state and why it refused. */
  readonly upstreamState: string | null;
  readonly upstreamReason: string | null;
  readonly rejectedAt: string | null;
}

export interface SyncProgress {
  readonly phase: 'push' | 'pull';
  readonly done: number;
  /** Still to come, when the upstream says; null when unknown. */
  readonly remaining: number | null;
}

/** A job document from the upstream the desk could not read: listed, skipped, and the feed goes on. */
export interface UnreadableDocument {
  /** The job's name when the document had one. */
  readonly jobName: string | null;
  /** What was wrong, naming the field (English; the document is the upstream's). */
  readonly reason: string;
  readonly at: string;
}

export interface SyncStatus {
  /** An upstream URL and a token are set. */
  readonly configured: boolean;
  readonly upstreamUrl: string | null;
  readonly running: boolean;
  readonly progress: SyncProgress | null;
  /** Transitions waiting to be sent (held ones excluded). */
  readonly pending: number;
  /** Transitions waiting behind a rejected move of the same drive or job. */
  readonly held: number;
  readonly rejected: number;
  readonly sent: number;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly nextAttemptAt: string | null;
  readonly failures: number;
  /** The last attempt's error, in words; null after a success. */
  readonly lastError: string | null;
  /** Set when the upstream refused the token: nothing is sent until the token changes or "Sync now". */
  readonly pausedReason: string | null;
  /** The live link to the hub (GET /v1/events): connected, trying, or off (not configured or paused). */
  readonly live: 'off' | 'connecting' | 'connected';
  readonly needsAttention: readonly AttentionItem[];
  /** Pulled documents the desk could not read (newest first); each clears when a later pull reads that job. */
  readonly unreadable: readonly UnreadableDocument[];
}

export interface SyncResolveResult {
  readonly resolved: number;
  readonly status: SyncStatus;
}

export const LABEL_KINDS = ['return', 'packingSlip', 'destruction'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];
export const LABEL_FORMATS = ['pdf', 'zpl'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];
export const LABEL_DPIS = [203, 300] as const;
export type LabelDpi = (typeof LABEL_DPIS)[number];

/** A rendered document: PDF bytes in base64, or ZPL text. */
export interface LabelDocument {
  readonly jobId: string;
  readonly kind: LabelKind;
  readonly format: LabelFormat;
  readonly fileName: string;
  readonly contentType: string;
  readonly encoding: 'base64' | 'utf8';
  readonly data: string;
  /** SHA-256 of the document's bytes, as the print log keeps it. */
  readonly sha256: string;
  /** Page size in points (1/72 in), for a printer asked to print at the label's size. */
  readonly pageWidthPt: number;
  readonly pageHeightPt: number;
  /** For a destruction certificate: the hash printed on it, of its content. */
  readonly contentHash: string | null;
}

export type PrintOutcome = 'printed' | 'sentToDialog' | 'failed';

/** What the print log holds: the documents, and the printer's test label. */
export type PrintKind = LabelKind | 'test';

export interface PrintLogEntry {
  readonly id: number;
  readonly jobId: string | null;
  readonly kind: PrintKind;
  readonly format: LabelFormat;
  readonly printer: string;
  readonly outcome: PrintOutcome;
  readonly error: string | null;
  readonly reprintReason: string | null;
  readonly sha256: string;
  readonly operator: string;
  readonly at: string;
}

export interface PrintResult {
  readonly entry: PrintLogEntry;
  /** For the browser's or the app's print dialog: the document to print; null when sent to a network printer. */
  readonly document: LabelDocument | null;
}

export interface ShipBackResult {
  readonly shipped: readonly DriveInfo[];
  /** Drives that could not go back now, with their state (NeverReceived, still copying, …). */
  readonly stayed: readonly DriveInfo[];
  readonly jobState: JobState;
  readonly returnCarrier: string;
  readonly returnTrackingNumber: string;
}

export interface OperatorInfo {
  readonly name: string;
  /** Whether a badge is on file; the badge code itself is not shown (it signs people in). */
  readonly hasBadge: boolean;
}

/** The columns of a day's report, in CSV order. */
export const REPORT_COLUMNS = [
  'day',
  'jobId',
  'serial',
  'driveIdAsWritten',
  'receipt',
  'discrepancy',
  'faultReason',
  'stateNow',
  'packageTracking',
  'operator',
  'lastEventAt',
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

export type ReportReceipt = 'received' | 'recovered' | 'otherJob' | 'registered' | 'extra' | '';
export type ReportDiscrepancy = 'neverReceived' | 'extra' | 'faulted' | 'held';

/** One drive's day at the desk. */
export interface ReportRow {
  readonly day: string;
  readonly jobId: string;
  readonly serial: string;
  readonly driveIdAsWritten: string;
  readonly receipt: ReportReceipt;
  /** Every discrepancy of the day for this drive, `;`-separated (`extra;faulted`); empty when none. */
  readonly discrepancy: string;
  /** The same, as a list, for a screen to say in words. */
  readonly discrepancies: readonly ReportDiscrepancy[];
  readonly faultReason: FaultReason | '';
  readonly stateNow: string;
  readonly packageTracking: string;
  readonly operator: string;
  readonly lastEventAt: string;
}

export interface DailyReport {
  readonly day: string;
  readonly from: string;
  readonly to: string;
  readonly rows: readonly ReportRow[];
  readonly counts: Readonly<Record<Exclude<ReportReceipt, ''> | ReportDiscrepancy, number>>;
  /** The rows as CSV (RFC 4180, header first, formula-looking cells defused). */
  readonly csv: string;
  readonly fileName: string;
}

export interface BackupInfo {
  readonly name: string;
  readonly createdAt: string;
  readonly bytes: number;
  /** `scheduled`, or `before-vN`: taken before the migration to schema version N. */
  readonly reason: string;
}

export interface BackupList {
  readonly folder: string;
  readonly backups: readonly BackupInfo[];
  /** The command that restores a backup, with this desk's data folder filled in. */
  readonly restoreCommand: string;
}
