/**
 * The one RPC contract (docs/architecture.md, "Methods"): every method's name, its params schema and its result type.
 * The dispatcher in main/core validates against these schemas; both adapters and the renderer's
 * client are typed from them.
 */
import { z } from 'zod';
import { requiredNoteText } from './text-schemas';
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
  PrintLogEntry,
  PrintResult,
  ShipBackResult,
  OperatorInfo,
  DailyReport,
  BackupList,
} from './results';
import { LABEL_DPIS, LABEL_FORMATS, LABEL_KINDS } from './results';
import {
  DEFAULT_PAGE_SIZE,
  MAX_NOTE_LENGTH,
  MAX_PAGE_SIZE,
  MAX_SCAN_PAYLOAD_LENGTH,
  MAX_TEXT_FIELD_LENGTH,
  MAX_UPSTREAM_TOKEN_LENGTH,
} from './limits';

const text = z.string().max(MAX_TEXT_FIELD_LENGTH);
const nonEmptyText = z.string().trim().min(1).max(MAX_TEXT_FIELD_LENGTH);
const packageId = z.number().int().positive();
/** How drives are destroyed; printed on the certificate. */
export const DESTRUCTION_METHODS = ['shredding', 'degaussingAndShredding', 'crushing', 'incineration'] as const;
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
  destruction: z.strictObject({ method: z.enum(DESTRUCTION_METHODS), witness: nonEmptyText }).optional(),
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
  }),
  'jobs.list': z.strictObject({
    state: text.optional(),
    search: text.optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    offset: z.number().int().min(0).default(0),
  }),
  'jobs.get': z.strictObject({ jobId: nonEmptyText }),
  'packages.checkIn': z.strictObject({ trackingNumber: nonEmptyText, carrierName: text.optional() }),
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
  'jobs.purge': z.strictObject({ asOf: isoDate.optional() }),
  'drives.transition': z.strictObject({
    jobId: nonEmptyText,
    driveId: nonEmptyText,
    to: nonEmptyText,
    reason: z.enum(FAULT_REASONS).optional(),
    note: z.string().max(MAX_NOTE_LENGTH).optional(),
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
    deskName: nonEmptyText.optional(),
    operator: nonEmptyText.optional(),
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
  }),
  'labels.render': z.strictObject(labelRequest),
  'labels.print': z.strictObject({
    ...labelRequest,
    /** `network`: raw ZPL to the Zebra printer in settings; `dialog`: the browser's or the app's print. */
    printer: z.enum(['network', 'dialog']),
    /** Required when this job already has this kind printed. */
    reprintReason: z.string().trim().min(1).max(MAX_NOTE_LENGTH).optional(),
  }),
  'labels.printLog': z.strictObject({ jobId: nonEmptyText.optional(), limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE) }),
  'printers.testPrint': z.strictObject({ printer: z.enum(['network', 'dialog']) }),
  'jobs.shipBack': z.strictObject({ jobId: nonEmptyText, carrierName: nonEmptyText, trackingNumber: nonEmptyText }),
  'operators.list': z.strictObject({}),
  /** Adds or updates an operator; an empty badge removes the badge. */
  'operators.save': z.strictObject({ name: nonEmptyText, badge: z.string().trim().max(MAX_TEXT_FIELD_LENGTH).optional() }),
  'operators.remove': z.strictObject({ name: nonEmptyText }),
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
  }),
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
  'labels.printLog': { readonly entries: readonly PrintLogEntry[] };
  'printers.testPrint': PrintResult;
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
