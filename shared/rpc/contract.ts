/**
 * The one RPC contract (docs/architecture.md, "Methods"): every method's name, its params schema and its result type.
 * The dispatcher in main/core validates against these schemas; both adapters and the renderer's
 * client are typed from them.
 */
import { z } from 'zod';
import { FAULT_REASONS } from '../domain/drive-states';
import { scannerProfileSchema } from '../scanning/scanner-profile';
import { LOCALES } from '../i18n/locales';
import { checkUpstreamUrl, upstreamUrlMessage, type UpstreamUrlProblem } from '../sync/upstream-url';
import type {
  CheckInResult,
  CloseResult,
  Deadlines,
  PurgeResult,
  UndoScanResult,
  DriveHistory,
  CodeLookup,
  PackageBoard,
  RemoveDriveResult,
  ShipBackPlan,
  DriveTransitionResult,
  ImportResult,
  JobDetail,
  JobsPage,
  PackageDetail,
  ScanResult,
  DeskSettings,
  SyncResolveResult,
  SyncStatus,
  LabelDocument,
  PrintResult,
  ShipBackResult,
  OperatorInfo,
  DailyReport,
  BackupList,
  HeldPackageResult,
  ReleaseResult,
  DestroyResult,
  PackageHistory,
  PhotoInfo,
  PhotoData,
  JobFollowUpResult,
  JobDestroyResult,
  ShiftSummary,
  HandoverResult,
  DemoRemoveResult,
  PrintLog,
} from './results';
import { LABEL_DPIS, LABEL_FORMATS, LABEL_KINDS } from './results';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_SCAN_PAYLOAD_LENGTH,
  MAX_TEXT_FIELD_LENGTH,
  MAX_UPSTREAM_TOKEN_LENGTH,
} from './limits';
import { lineText, noteText, requiredLineText, requiredNoteText } from './text-schemas';
import { isTimeZone } from '../domain/site-time';

const text = z.string().max(MAX_TEXT_FIELD_LENGTH);
const nonEmptyText = z.string().trim().min(1).max(MAX_TEXT_FIELD_LENGTH);
const packageId = z.number().int().positive();
/** A badge as scanned at that moment, to confirm a supervisor action; compared against salted hashes only. */
const supervisorBadge = z.string().trim().min(1).max(MAX_TEXT_FIELD_LENGTH);
/** How drives are destroyed; printed on the certificate (NIST SP 800-88 "method used"). */
export const DESTRUCTION_METHODS = [
  'shredding',
  'degaussingAndShredding',
  'crushing',
  'incineration',
  'disintegration',
  'degaussing',
  'overwrite',
  'blockErase',
  'cryptoErase',
  'other',
] as const;
/** NIST SP 800-88's sanitisation method types. */
export const SANITIZATION_TYPES = ['clear', 'purge', 'destroy'] as const;
/** NIST SP 800-88's verification methods. */
export const VERIFICATION_METHODS = ['full', 'sampling'] as const;
/** NIST SP 800-88's media destinations. */
export const MEDIA_DESTINATIONS = ['recyclingFacility', 'manufacturer', 'internalReuse', 'externalReuse', 'other'] as const;
export const OPERATOR_ROLES = ['operator', 'supervisor'] as const;
/** Photo formats a camera or a browser makes. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** A photo's largest size, base64 included (a phone camera's JPEG is 2–6 MB). */
export const MAX_PHOTO_BASE64_LENGTH = 16 * 1024 * 1024;
/** The longest shift a setting may say; the default is 12 hours. */
export const MAX_SHIFT_HOURS = 24;

/** The fields of a destruction (packages.destroy): NIST SP 800-88 Rev. 1 Appendix G, sample certificate. */
const destructionFields = {
  methodType: z.enum(SANITIZATION_TYPES).default('destroy'),
  method: z.enum(DESTRUCTION_METHODS),
  /** How exactly, when `method` is `other` or needs words (shredder particle size …). */
  methodDetails: noteText.optional(),
  /** The tool used and its version, where one is used (a degausser, an erasure program). */
  tool: lineText.optional(),
  toolVersion: lineText.optional(),
  verification: z.enum(VERIFICATION_METHODS),
  destination: z.enum(MEDIA_DESTINATIONS).default('recyclingFacility'),
  /** What kind of media the held drives are; printed for each medium. */
  mediaType: lineText.default('Hard disk drive'),
  notes: noteText.optional(),
  supervisorBadge,
};
const MAX_TCP_PORT = 65_535;

/** The hub's URL: https, or http on loopback only; no credentials, query or fragment (shared/sync/upstream-url.ts). */
const UPSTREAM_URL_KEYS: Readonly<Record<UpstreamUrlProblem, string>> = {
  notAUrl: 'upstreamUrlScheme',
  tooLong: 'upstreamUrlScheme',
  scheme: 'upstreamUrlScheme',
  plainHttpOffLoopback: 'upstreamUrlPlainHttp',
  credentials: 'upstreamUrlCredentials',
  queryOrFragment: 'upstreamUrlQuery',
};
const upstreamUrlSchema = z.string().superRefine((value, context) => {
  const check = checkUpstreamUrl(value);
  if (!check.ok) context.addIssue({ code: 'custom', message: upstreamUrlMessage(check.problem), params: { key: UPSTREAM_URL_KEYS[check.problem] } });
});
/** An absolute path on the desk's machine; the desk reads it as a PEM bundle when it connects. */
const caFileSchema = z
  .string()
  .max(1_024)
  .refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\'), {
    message: 'expected an absolute path to a PEM file',
    params: { key: 'caFilePath' },
  });

const labelRequest = {
  jobId: nonEmptyText,
  kind: z.enum(LABEL_KINDS),
  format: z.enum(LABEL_FORMATS),
  /** Zebra resolution for ZPL; the desk's setting when left out. */
  dpi: z.union([z.literal(LABEL_DPIS[0]), z.literal(LABEL_DPIS[1])]).optional(),
  /** The language to print a packing slip in: the one chosen for the job's customer; English when left out. */
  language: z.enum(LOCALES).optional(),
  /** Required for `destruction`: how, and who watched. */
  destruction: z.strictObject({ method: z.enum(DESTRUCTION_METHODS), witness: requiredLineText }).optional(),
};

/** An instant, e.g. `2026-11-21T09:00:00Z`; a date alone means its midnight UTC. */
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const methodParams = {
  /** Answers at once and touches nothing: for health checks and the round-trip benchmark. */
  'desk.ping': z.strictObject({}),
  'jobs.import': z.strictObject({
    /** A Get Job body, a list body `{value:[…]}`, a Put Job body (with `jobName`), or the JSON text of one. */
    document: z.unknown(),
    /** Names the job when the document does not (a Put Job request body). */
    jobName: nonEmptyText.optional(),
    /** For a List Locations body: which location (name or id) is this site; its address becomes the site's. */
    siteLocation: requiredLineText.optional(),
  }),
  'jobs.list': z.strictObject({
    state: text.optional(),
    search: text.optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    offset: z.number().int().min(0).default(0),
  }),
  'jobs.get': z.strictObject({ jobId: nonEmptyText }),
  'packages.checkIn': z.strictObject({
    trackingNumber: nonEmptyText,
    /** What the operator says the carrier is; otherwise it is read from the tracking number. */
    carrierName: lineText.optional(),
    /** The box arrived damaged (over/short/damaged at the dock); photos follow with packages.addPhoto. */
    damaged: z.boolean().default(false),
    damageNote: noteText.optional(),
  }),
  'packages.get': z.strictObject({ packageId }),
  'scans.record': z.strictObject({
    packageId,
    code: z.string().max(MAX_SCAN_PAYLOAD_LENGTH),
    /** Typed by hand rather than read by a scanner: kept on the scan for the audit trail. */
    keyed: z.boolean().default(false),
  }),
  'packages.close': z.strictObject({ packageId }),
  'scans.undo': z.strictObject({ scanId: z.number().int().positive() }),
  'deadlines.list': z.strictObject({ asOf: isoDate.optional() }),
  /**
   * Purges what is due now, by the desk's clock: a supervisor action. With `asOf` it only previews
   * what that moment would purge, and purges nothing.
   */
  'jobs.purge': z.strictObject({ asOf: isoDate.optional(), supervisorBadge: supervisorBadge.optional() }),
  'drives.transition': z.strictObject({
    jobId: nonEmptyText,
    driveId: nonEmptyText,
    to: nonEmptyText,
    reason: z.enum(FAULT_REASONS).optional(),
    note: noteText.optional(),
  }),
  'drives.history': z.strictObject({ driveId: nonEmptyText }),
  /** Takes a drive added by mistake (an extra, a registered export drive) off its job, with why; until it ships. */
  'drives.remove': z.strictObject({ jobId: nonEmptyText, driveId: nonEmptyText, reason: requiredNoteText }),
  /** What a code scanned or typed on any screen is: a package, a drive, or nothing known here. */
  'codes.lookup': z.strictObject({ code: z.string().max(MAX_SCAN_PAYLOAD_LENGTH) }),
  /** Every package not closed and every held package, with its next step. */
  'packages.list': z.strictObject({ asOf: isoDate.optional() }),
  'jobs.shipBackPlan': z.strictObject({ jobId: nonEmptyText }),
  'settings.get': z.strictObject({}),
  'settings.set': z.strictObject({
    deskName: requiredLineText.optional(),
    operator: requiredLineText.optional(),
    locale: z.enum(LOCALES).optional(),
    /** https URL of the hub (http only on loopback); an empty string turns sync off. */
    upstreamUrl: z.literal('').or(upstreamUrlSchema).optional(),
    /** A PEM file of the CA that signed the hub's certificate, besides the system's; '' removes it. */
    upstreamCaFile: z.literal('').or(caFileSchema).optional(),
    /** Write-only; an empty string removes it. */
    /** Host name or IP address of a Zebra printer; an empty string removes it. */
    zplPrinterHost: z
      .literal('')
      .or(z.string().max(253).regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:]+\]?$/, 'zplPrinterHost: expected a host name or an IP address'))
      .optional(),
    zplPrinterPort: z.number().int().min(1).max(MAX_TCP_PORT).optional(),
    zplDpi: z.union([z.literal(LABEL_DPIS[0]), z.literal(LABEL_DPIS[1])]).optional(),
    systemPrinter: z.string().max(MAX_TEXT_FIELD_LENGTH).optional(),
    scanner: scannerProfileSchema.optional(),
    upstreamToken: z.string().max(MAX_UPSTREAM_TOKEN_LENGTH).regex(/^[\x21-\x7e]*$/, 'upstreamToken: printable characters only, no spaces').optional(),
    /** The site's IANA time zone: dates without a zone in documents are read in it. Empty: the machine's. */
    siteTimeZone: z.literal('').or(z.string().max(64).refine(isTimeZone, 'siteTimeZone: expected an IANA time zone such as Europe/Prague')).optional(),
    /** The organisation named on destruction certificates (NIST: who performed it). */
    siteOrganisation: lineText.optional(),
    /** How long a sign-in lasts before the desk asks the operator to sign in again. */
    shiftHours: z.number().min(1).max(MAX_SHIFT_HOURS).optional(),
    /** Changing printers or the upstream is a supervisor action once the desk has a supervisor. */
    supervisorBadge: supervisorBadge.optional(),
  }),
  'labels.render': z.strictObject(labelRequest),
  'labels.print': z.strictObject({
    ...labelRequest,
    /** `network`: raw ZPL to the Zebra printer in settings; `dialog`: the browser's or the app's print. */
    /**
     * `network`: raw ZPL to the Zebra printer in settings; `dialog`: the browser's or the app's print;
     * `download`: the file is saved (logged as downloaded, never counted as a print).
     */
    printer: z.enum(['network', 'dialog', 'download']),
    /** Required when this job already has this kind printed. */
    reprintReason: requiredNoteText.optional(),
  }),
  /** The print log across jobs, newest first, filtered; `code` is a scanned tracking number or a job's name. */
  'labels.printLog': z.strictObject({
    jobId: nonEmptyText.optional(),
    code: nonEmptyText.optional(),
    kind: text.optional(),
    operator: text.optional(),
    outcome: z.enum(['printed', 'sentToDialog', 'downloaded', 'failed']).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    offset: z.number().int().min(0).default(0),
  }),
  /** `download`: the test label saved as a PDF file (logged as downloaded, never counted as a print). */
  'printers.testPrint': z.strictObject({ printer: z.enum(['network', 'dialog', 'download']) }),
  /** The test label as a PDF, for the print preview; nothing is logged (its Print calls printers.testPrint). */
  'printers.testRender': z.strictObject({}),
  'jobs.shipBack': z.strictObject({ jobId: nonEmptyText, carrierName: requiredLineText, trackingNumber: nonEmptyText }),
  'operators.list': z.strictObject({}),
  /**
   * Adds or updates an operator; an empty badge removes the badge, a left-out role keeps the one on
   * file (`operator` for someone new). Once the desk has a supervisor, saving needs one's badge.
   */
  'operators.save': z.strictObject({
    name: requiredLineText,
    badge: z.string().trim().max(MAX_TEXT_FIELD_LENGTH).optional(),
    role: z.enum(OPERATOR_ROLES).optional(),
    title: lineText.optional(),
    phone: lineText.optional(),
    supervisorBadge: supervisorBadge.optional(),
  }),
  'operators.remove': z.strictObject({ name: nonEmptyText, supervisorBadge: supervisorBadge.optional() }),
  /** Signs in by a scanned badge or a picked name; every later transition carries this operator. */
  'operators.signIn': z.union([z.strictObject({ badge: nonEmptyText }), z.strictObject({ name: nonEmptyText })]),
  'reports.daily': z.strictObject({
    day: z.iso.date(),
    /** The desk's offset from UTC on that day, so the day is the operator's day. */
    utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60).default(0),
  }),
  'backups.list': z.strictObject({}),
  'backups.create': z.strictObject({}),
  'sync.status': z.strictObject({}),
  'sync.run': z.strictObject({}),
  'sync.enroll': z.strictObject({
    /** The hub's URL (https, or http on loopback only). */
    upstreamUrl: upstreamUrlSchema,
    /** The one-use code the hub's admin made for this desk (good for 24 hours). */
    enrollmentCode: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9 -]+$/, 'letters, digits and dashes only'),
    /** A PEM file of the CA that signed the hub's certificate, when it is not in the system's store. */
    upstreamCaFile: caFileSchema.optional(),
  }),
  'sync.resolve': z.strictObject({
    seq: z.number().int().positive(),
    /** `retry`: send it again; `acceptUpstream`: take the upstream's state and overrule the desk's moves. */
    action: z.enum(['retry', 'acceptUpstream']),
    /** Required for `acceptUpstream`: overruling the desk's own record is a supervisor action. */
    supervisorBadge: supervisorBadge.optional(),
  }),

  // Held packages to their end (docs/receiving-rules.md, "Held packages").
  /** A call or mail to the customer about a held package, logged on it. */
  'packages.recordContact': z.strictObject({ packageId, note: requiredNoteText }),
  /** The job is Shipping now: the held drives are received for it by the normal rules. */
  'packages.release': z.strictObject({ packageId }),
  /** Held drives go back to the sender: from 14 days held, or earlier when the customer asked (say so in customerRequest). */
  'packages.returnHeld': z.strictObject({
    packageId,
    carrierName: requiredLineText,
    trackingNumber: nonEmptyText,
    customerRequest: noteText.optional(),
  }),
  /** From 90 days held: the drives are destroyed and a certificate made; several packages give a batch summary too. */
  'packages.destroy': z.union([
    z.strictObject({ packageId, ...destructionFields }),
    z.strictObject({ packageIds: z.array(packageId).min(1).max(MAX_PAGE_SIZE), ...destructionFields }),
  ]),
  /** Marks a package damaged at the dock, with what was seen. */
  'packages.markDamaged': z.strictObject({ packageId, note: requiredNoteText }),
  /** A photo of a package (base64), kept as a file beside the database with its SHA-256. */
  'packages.addPhoto': z.strictObject({ packageId, contentType: z.enum(PHOTO_TYPES), data: z.base64().max(MAX_PHOTO_BASE64_LENGTH) }),
  'packages.photo': z.strictObject({ photoId: z.number().int().positive() }),
  /** Everything about one package's custody: its held drives, contacts, outcome, damage, photos, certificates. */
  'packages.history': z.strictObject({ packageId }),
  /** A held package's documents: the return label and slip, or its destruction certificate. */
  'packages.document': z.strictObject({
    packageId,
    kind: z.enum(['returnLabel', 'returnSlip', 'certificate']),
    format: z.enum(LABEL_FORMATS),
    /** The language of the slip or the certificate: the one chosen for the customer (English by default). */
    language: z.enum(LOCALES).optional(),
    dpi: z.union([z.literal(LABEL_DPIS[0]), z.literal(LABEL_DPIS[1])]).optional(),
  }),
  'certificates.render': z.strictObject({
    certificateId: z.number().int().positive(),
    format: z.enum(LABEL_FORMATS),
    /** The language of the certificate's words (its content and hash are the same in every language); English by default. */
    language: z.enum(LOCALES).optional(),
    dpi: z.union([z.literal(LABEL_DPIS[0]), z.literal(LABEL_DPIS[1])]).optional(),
  }),
  /**
   * A certificate's PDF printed (`dialog`: logged as sent to the print dialog) or saved (`download`:
   * logged as downloaded, never a print); printing one already printed needs `reprintReason`.
   */
  'certificates.print': z.strictObject({
    certificateId: z.number().int().positive(),
    printer: z.enum(['dialog', 'download']),
    /** As for certificates.render: the language of its words; English by default. */
    language: z.enum(LOCALES).optional(),
    reprintReason: requiredNoteText.optional(),
  }),

  // Overdue and blocked jobs to their end.
  'jobs.recordContact': z.strictObject({ jobId: nonEmptyText, note: requiredNoteText }),
  /** The customer answered: wait for the package until `until`. */
  'jobs.extendWait': z.strictObject({ jobId: nonEmptyText, until: isoDate, note: requiredNoteText }),
  /** 30 days without the customer's answer: Shipping → Closed, never earlier. */
  'jobs.closeUnanswered': z.strictObject({ jobId: nonEmptyText, supervisorBadge, note: noteText.optional() }),
  /** A cancelled job none of whose drives arrived (all NeverReceived): nothing to ship back, so it is closed. */
  'jobs.closeCancelled': z.strictObject({ jobId: nonEmptyText, reason: requiredNoteText, supervisorBadge }),
  /** A job blocked on its return address for 90 days: its drives at the desk are destroyed, with the certificate. */
  'jobs.destroyDrives': z.strictObject({ jobId: nonEmptyText, ...destructionFields }),

  // Shifts.
  /** Per operator: packages and drives received, discrepancies, open packages, Needs attention, labels printed. */
  'shifts.summary': z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }),
  /** Signs the operator out with a note; the summary of the shift comes back to print or export. */
  'shifts.handover': z.strictObject({ note: noteText.default('') }),

  /** Removes the demo jobs (and nothing the desk recorded for real); a supervisor action once the desk has one. */
  'demo.remove': z.strictObject({ supervisorBadge: supervisorBadge.optional() }),
} as const;

export interface MethodResults {
  'desk.ping': { readonly at: string };
  'jobs.import': ImportResult;
  'jobs.list': JobsPage;
  'jobs.get': JobDetail;
  'packages.checkIn': CheckInResult;
  'packages.get': PackageDetail;
  'scans.record': ScanResult;
  'packages.close': CloseResult;
  'scans.undo': UndoScanResult;
  'deadlines.list': Deadlines;
  'jobs.purge': PurgeResult;
  'drives.transition': DriveTransitionResult;
  'drives.history': DriveHistory;
  'drives.remove': RemoveDriveResult;
  'codes.lookup': CodeLookup;
  'packages.list': PackageBoard;
  'jobs.shipBackPlan': ShipBackPlan;
  'settings.get': DeskSettings;
  'settings.set': DeskSettings;
  'labels.render': LabelDocument;
  'labels.print': PrintResult;
  'labels.printLog': PrintLog;
  'printers.testPrint': PrintResult;
  'printers.testRender': LabelDocument;
  'jobs.shipBack': ShipBackResult;
  'operators.list': { readonly operators: readonly OperatorInfo[] };
  'operators.save': { readonly operators: readonly OperatorInfo[] };
  'operators.remove': { readonly operators: readonly OperatorInfo[] };
  'operators.signIn': DeskSettings;
  'reports.daily': DailyReport;
  'backups.list': BackupList;
  'backups.create': BackupList;
  'sync.status': SyncStatus;
  'sync.run': SyncStatus;
  'sync.resolve': SyncResolveResult;
  'sync.enroll': DeskSettings;
  'packages.recordContact': HeldPackageResult;
  'packages.release': ReleaseResult;
  'packages.returnHeld': HeldPackageResult;
  'packages.destroy': DestroyResult;
  'packages.markDamaged': PackageHistory;
  'packages.addPhoto': { readonly photo: PhotoInfo };
  'packages.photo': PhotoData;
  'packages.history': PackageHistory;
  'packages.document': LabelDocument;
  'certificates.render': LabelDocument;
  'certificates.print': PrintResult;
  'jobs.recordContact': JobFollowUpResult;
  'jobs.extendWait': JobFollowUpResult;
  'jobs.closeUnanswered': JobFollowUpResult;
  'jobs.closeCancelled': JobFollowUpResult;
  'jobs.destroyDrives': JobDestroyResult;
  'shifts.summary': ShiftSummary;
  'shifts.handover': HandoverResult;
  'demo.remove': DemoRemoveResult;
}

export type MethodName = keyof typeof methodParams & keyof MethodResults;
/** What a caller passes (defaults may be left out). */
export type MethodInput<M extends MethodName> = z.input<(typeof methodParams)[M]>;
/** What a handler receives, after validation and defaults. */
export type MethodParams<M extends MethodName> = z.output<(typeof methodParams)[M]>;
export type MethodResult<M extends MethodName> = MethodResults[M];

export const METHOD_NAMES = Object.keys(methodParams) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methodParams, name);
}
