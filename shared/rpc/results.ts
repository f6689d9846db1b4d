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
/** How a held package ended; each a recorded step. */
export type PackageOutcome = 'released' | 'returned' | 'destroyed';
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
  /** How a held package ended; null while held (or never held). */
  readonly outcome: PackageOutcome | null;
  readonly outcomeAt: string | null;
  /** Marked damaged at the dock, with what was seen. */
  readonly damaged: boolean;
  readonly damageNote: string | null;
  /** The carrier read from the tracking number (UPS, FedEx, DHL, USPS, Post (XX)); null when none fits. */
  readonly carrierRead: string | null;
  /** Set when that carrier differs from the job's declared one: "declared FedEx, tracking number is UPS". */
  readonly carrierNote: string | null;
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

/** Where the package's carrier came from. */
export interface CarrierInfo {
  readonly name: string;
  readonly source: 'trackingNumber' | 'operator' | 'job';
  /** The tracking number format, when read from it (`UPS`, `FedEx Express (12)`, `USPS 91` …). */
  readonly format: string | null;
}

/**
 * A tracking number that fits a carrier's format but fails its check digit is a misread: it is
 * refused with error code `misread` (details: the formats it fits) and nothing is recorded.
 */
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
  readonly carrier: CarrierInfo | null;
  /** The carrier read from the number differs from the job's declared one (noted on the package too). */
  readonly carrierMismatch: { readonly declared: string; readonly read: string } | null;
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

/** A package as a drive card shows it: damage at the dock and its photos. */
export interface PackageDamage {
  readonly package: PackageInfo;
  readonly photos: readonly PhotoInfo[];
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
  /** Photos taken at the dock of those packages (a damaged box), for the drive card. */
  readonly photos: readonly PhotoInfo[];
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
  /** The location that became this site's address (from a Location or a List Locations body). */
  readonly siteLocation: string | null;
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

/** The next step for a held package, and the method that takes it. */
export type HeldNextStep = 'release' | 'contact' | 'return' | 'destroy';

export interface HeldPackageDeadline {
  readonly packageId: number;
  readonly trackingNumber: string;
  readonly jobId: string | null;
  /** The job's state now (null for an unknown job): Shipping means it can be released. */
  readonly jobState: JobState | null;
  /** A held package stays here, open or closed, until it is released, returned or destroyed. */
  readonly status: PackageStatus;
  readonly heldSince: string;
  readonly returnBy: string;
  readonly destroyBy: string;
  readonly stage: HeldStage;
  /** What to do next: release (job Shipping), contact, return (from 14 days), destroy (from 90). */
  readonly nextStep: HeldNextStep;
  readonly canRelease: boolean;
  readonly canReturn: boolean;
  readonly canDestroy: boolean;
  /** Serials of the drives held in the package: what to return or destroy. */
  readonly serials: readonly string[];
  readonly contacts: number;
  readonly lastContactAt: string | null;
  readonly damaged: boolean;
}

export interface ShippingJobDeadline {
  readonly jobId: string;
  readonly trackingNumber: string | null;
  readonly shippingSince: string;
  readonly overdueAt: string;
  readonly closeAt: string;
  readonly stage: ShippingStage;
  /** Set by jobs.extendWait: the customer answered and the desk waits until then. */
  readonly waitUntil: string | null;
  readonly contacts: number;
  readonly lastContactAt: string | null;
  /** jobs.closeUnanswered may run: 30 days without an answer (and past any extended wait). */
  readonly canClose: boolean;
}

/** A job flagged for an incorrect or missing return address, in Transferring or Packaging. */
export interface BlockedJobDeadline {
  readonly jobId: string;
  readonly state: JobState;
  readonly reason: string;
  readonly flaggedAt: string;
  /** 90 days after the flag: its drives may be destroyed (jobs.destroyDrives). */
  readonly destroyBy: string;
  readonly contacts: number;
  readonly lastContactAt: string | null;
  readonly canDestroy: boolean;
}

/** A cancelled job none of whose drives arrived: a supervisor closes it (jobs.closeCancelled). */
export interface CancelledJobDeadline {
  readonly jobId: string;
  readonly state: JobState;
  readonly drives: number;
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
  readonly blockedJobs: readonly BlockedJobDeadline[];
  readonly cancelledJobs: readonly CancelledJobDeadline[];
}

export interface PurgeResult {
  /** The jobs purged; empty for a preview. */
  readonly purged: readonly string[];
  /** A preview (`asOf` given): what that moment would purge. Nothing was purged. */
  readonly preview: boolean;
  readonly wouldPurge: readonly string[];
  readonly asOf: string;
}

/** A demo job, for the first start's "try these" notice. */
export interface DemoJobInfo {
  readonly jobId: string;
  readonly jobType: string;
  readonly state: string;
  readonly trackingNumber: string | null;
}

export interface DeskSettings {
  readonly deskId: string;
  readonly deskName: string;
  /** Whether someone named the desk; until then a screen says the default name in its language. */
  readonly deskNamed: boolean;
  /**
   * The demo jobs still at this desk (seeded on a new desk): while there are any, the screens say the
   * desk is on demo data and which tracking numbers to try; Settings removes them (demo.remove).
   */
  readonly demoJobs: readonly DemoJobInfo[];
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
  /** The site's time zone (IANA): dates without a zone are read in it. The machine's unless set. */
  readonly siteTimeZone: string;
  readonly siteOrganisation: string | null;
  /** A sign-in lasts this long; then the desk asks the operator to sign in again. */
  readonly shiftHours: number;
  /** When the signed-in operator signed in (null: nobody signed in, the default operator acts). */
  readonly signedInAt: string | null;
  readonly signInExpiresAt: string | null;
  /** Signed in longer than a shift: ask to sign in again. */
  readonly signInExpired: boolean;
  /** The signed-in operator's role. */
  readonly role: OperatorRole;
  /** Whether any supervisor with a badge is on file; until then configuration needs no badge. */
  readonly hasSupervisor: boolean;
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

export type PrintOutcome = 'printed' | 'sentToDialog' | 'downloaded' | 'failed';

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
  /** For a held package's documents and certificates. */
  readonly packageId: number | null;
  readonly certificateId: number | null;
}

export interface PrintLog {
  readonly entries: readonly PrintLogEntry[];
  readonly total: number;
  /** For `code`: the job it names (by name, tracking number or return tracking number), if any. */
  readonly jobId: string | null;
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

export type OperatorRole = 'operator' | 'supervisor';

export interface OperatorInfo {
  readonly name: string;
  /** Whether a badge is on file; the badge code itself is never shown or returned (it signs people in). */
  readonly hasBadge: boolean;
  readonly role: OperatorRole;
  readonly title: string | null;
  readonly phone: string | null;
}

// ---------------------------------------------------------------------------------------------
// The supervisor's desk: held packages, jobs to their end, certificates, shifts.

export interface PackageEventInfo {
  readonly kind: 'contact' | 'release' | 'return' | 'destroy' | 'damage' | 'photo';
  readonly note: string | null;
  readonly operator: string;
  /** The supervisor whose badge confirmed it. */
  readonly confirmedBy: string | null;
  readonly at: string;
  readonly certificateId: number | null;
}

export interface PhotoInfo {
  readonly id: number;
  readonly packageId: number;
  readonly sha256: string;
  readonly bytes: number;
  readonly contentType: string;
  readonly operator: string;
  readonly takenAt: string;
}

export interface PhotoData {
  readonly photo: PhotoInfo;
  /** base64 */
  readonly data: string;
}

/** A held drive: a serial scanned into a held package, and where it ended. */
export interface HeldDriveInfo {
  readonly serial: string;
  readonly state: 'held' | PackageOutcome;
  /** After a release: the drive as the normal rules received it. */
  readonly drive: DriveInfo | null;
}

export interface PackageHistory {
  readonly package: PackageInfo;
  readonly heldDrives: readonly HeldDriveInfo[];
  readonly events: readonly PackageEventInfo[];
  readonly photos: readonly PhotoInfo[];
  readonly certificates: readonly CertificateInfo[];
  readonly returnCarrier: string | null;
  readonly returnTrackingNumber: string | null;
}

export interface HeldPackageResult {
  readonly package: PackageInfo;
  readonly history: PackageHistory;
}

export interface ReleaseResult extends HeldPackageResult {
  /** Each held drive received by the normal rules: received, recovered, otherJob, extra, registered … */
  readonly received: readonly { readonly serial: string; readonly verdict: ScanVerdict; readonly drive: DriveInfo | null; readonly message: string; readonly text: CoreText }[];
  readonly job: JobSummary;
}

/** One medium on a certificate (NIST SP 800-88: make, model, serial, media type, source). */
export interface CertificateMedium {
  readonly serial: string;
  readonly make: string;
  readonly model: string;
  readonly mediaType: string;
  /** The job it came for, or "unknown (package <tracking number>)". */
  readonly source: string;
}

export interface CertificatePerson {
  readonly name: string;
  readonly title: string;
  readonly organisation: string;
  readonly location: string;
  readonly phone: string;
}

/** What a destruction certificate says; its SHA-256 is of the canonical JSON of exactly this. */
export interface CertificateContent {
  readonly certificateNumber: string;
  readonly kind: 'package' | 'batch' | 'job';
  readonly performedBy: CertificatePerson;
  readonly media: readonly CertificateMedium[];
  readonly methodType: 'clear' | 'purge' | 'destroy';
  readonly method: string;
  readonly methodDetails: string;
  readonly tool: string;
  readonly toolVersion: string;
  readonly verification: 'full' | 'sampling';
  readonly postSanitizationClassification: string;
  readonly destination: string;
  readonly notes: string;
  readonly date: string;
  readonly validatedBy: CertificatePerson;
  /** Where the drives came from: a package's tracking number, or a job's name. */
  readonly subject: string;
  /** A batch summary's certificates, by number and hash. */
  readonly certificates: readonly { readonly certificateNumber: string; readonly subject: string; readonly contentSha256: string; readonly media: number }[];
}

export interface CertificateInfo {
  readonly id: number;
  readonly kind: 'package' | 'batch' | 'job';
  readonly packageId: number | null;
  readonly jobId: string | null;
  readonly contentSha256: string;
  readonly performedBy: string;
  readonly validatedBy: string;
  readonly createdAt: string;
  readonly serials: readonly string[];
  readonly content: CertificateContent;
}

export interface DestroyResult {
  readonly packages: readonly PackageInfo[];
  readonly certificates: readonly CertificateInfo[];
  /** A batch summary when several packages were destroyed together. */
  readonly batch: CertificateInfo | null;
}

export interface JobEventInfo {
  readonly kind: 'contact' | 'extendWait' | 'closeUnanswered' | 'closeCancelled';
  readonly note: string | null;
  readonly waitUntil: string | null;
  readonly operator: string;
  readonly confirmedBy: string | null;
  readonly at: string;
}

export interface JobFollowUpResult {
  readonly job: JobSummary;
  readonly events: readonly JobEventInfo[];
  /** The job's overdue deadline now, when it is still a Shipping job without a package. */
  readonly deadline: ShippingJobDeadline | null;
}

export interface JobDestroyResult {
  readonly job: JobSummary;
  readonly certificate: CertificateInfo;
}

export interface ShiftDiscrepancies {
  readonly neverReceived: number;
  readonly extra: number;
  readonly otherJob: number;
  readonly held: number;
  readonly faulted: number;
}

export interface ShiftOperatorSummary {
  readonly operator: string;
  readonly packagesCheckedIn: number;
  readonly drivesReceived: number;
  readonly discrepancies: ShiftDiscrepancies;
  /** Packages this operator checked in that are still open. */
  readonly openPackages: readonly PackageInfo[];
  /** Moves of this operator the upstream refused and nobody resolved yet. */
  readonly unresolvedAttention: number;
  readonly labelsPrinted: number;
  readonly damagedPackages: number;
}

export interface ShiftSummary {
  readonly from: string;
  readonly to: string;
  readonly operators: readonly ShiftOperatorSummary[];
  readonly totals: Omit<ShiftOperatorSummary, 'operator' | 'openPackages'> & { readonly openPackages: number };
  /** Every package still open at the desk, whoever checked it in. */
  readonly openPackages: readonly PackageInfo[];
  readonly unresolvedAttention: number;
  /** The summary as CSV, one row per operator (header first). */
  readonly csv: string;
  readonly fileName: string;
}

export interface HandoverResult {
  readonly summary: ShiftSummary;
  readonly signedOut: string;
  readonly note: string;
}

export interface DemoRemoveResult {
  readonly removed: readonly string[];
  /** Demo jobs kept because the desk recorded real work on them. */
  readonly kept: readonly string[];
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
  /** Packages marked damaged at the dock that day, with their photos. */
  readonly damagedPackages: readonly PackageDamage[];
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
