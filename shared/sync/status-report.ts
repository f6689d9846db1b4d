/**
 * The desk's status report to the hub (docs/sync-protocol.md, "Status report"): what the site's
 * board shows that transitions do not carry. A whole snapshot each time, replacing the last one:
 * the desk's sync counts, its open and held packages, its Needs attention rows and today's receipts
 * per operator. Both sides validate with these schemas.
 */
import { z } from 'zod';
import { lineText, noteText } from '../rpc/text-schemas';
import { MAX_TEXT_FIELD_LENGTH } from '../rpc/limits';

export const STATUS_PATH = '/v1/desks/status';
/** Open packages one report lists (oldest first); `packagesTotal` counts the rest. */
export const MAX_REPORTED_PACKAGES = 500;
/** Needs attention rows one report lists (oldest first); `attentionTotal` counts the rest. */
export const MAX_REPORTED_ATTENTION = 100;
/** Operators with receipts today in one report. */
export const MAX_REPORTED_OPERATORS = 200;
/** Job documents the desk could not read, listed in one report (newest first). */
export const MAX_REPORTED_UNREADABLE = 100;
/** Serials listed for one held package (a package holds a few dozen drives at most). */
export const MAX_REPORTED_SERIALS = 200;
/** The largest count any field may carry: a desk never holds more rows than this. */
const MAX_COUNT = 100_000_000;

const count = z.number().int().min(0).max(MAX_COUNT);
/** An instant as the desk writes it (ISO 8601, UTC); anything a Date cannot read is refused. */
const instant = z
  .string()
  .min(1)
  .max(64)
  .refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 date and time');
const id = z.string().min(1).max(64);

export const reportedPackageSchema = z.strictObject({
  /** The desk's own number for the package (unique at that desk only). */
  packageId: z.number().int().positive(),
  trackingNumber: lineText.pipe(z.string().min(1)),
  carrierName: lineText.nullable(),
  /** The job it was checked in for; null when the job is unknown (a held package). */
  jobName: lineText.nullable(),
  /** Held: its job is Creating or unknown; the drives wait for the customer. */
  held: z.boolean(),
  checkedInAt: instant,
  /** Drives scanned into it so far (undone scans not counted). */
  scanned: count,
  declaredDriveCount: count.nullable(),
  /** For a held package: when its drives go back to the sender, and when they are destroyed. */
  returnBy: instant.nullable(),
  destroyBy: instant.nullable(),
  /** For a held package: the serials scanned into it. */
  serials: z.array(z.string().min(1).max(MAX_TEXT_FIELD_LENGTH)).max(MAX_REPORTED_SERIALS),
});
export type ReportedPackage = z.infer<typeof reportedPackageSchema>;

export const reportedAttentionSchema = z.strictObject({
  /** The outbox row at the desk (what an operator resolves there). */
  seq: z.number().int().positive(),
  /** rejected: the upstream refused it; held: waiting behind a rejected move of the same drive or job. */
  status: z.enum(['rejected', 'held']),
  entity: z.enum(['drive', 'job']),
  jobName: lineText,
  serial: lineText.nullable(),
  from: lineText.nullable(),
  to: lineText,
  at: instant,
  operator: lineText,
  upstreamState: lineText.nullable(),
  upstreamReason: noteText.nullable(),
});
export type ReportedAttention = z.infer<typeof reportedAttentionSchema>;

export const reportedReceiptsSchema = z.strictObject({
  operator: lineText,
  /** Specified → Received. */
  received: count,
  /** NeverReceived → Received: it came after all. */
  recovered: count,
  /** Registered in an export job's package. */
  registered: count,
  /** Found in the box, not on the job's list. */
  extra: count,
});
export type ReportedReceipts = z.infer<typeof reportedReceiptsSchema>;

export const reportedUnreadableSchema = z.strictObject({
  /** The job's name when the document had one. */
  jobName: lineText.nullable(),
  /** What was wrong, naming the field (English, as the desk's check said it). */
  reason: noteText,
  at: instant,
});
export type ReportedUnreadable = z.infer<typeof reportedUnreadableSchema>;

export const deskStatusReportSchema = z.strictObject({
  /** The desk's own id (as in a push); must be the desk the token was issued to. */
  deskId: id,
  deskName: lineText,
  version: z.string().max(64),
  /** When the desk made this report, by its clock: a late-arriving older report never replaces a newer one. */
  generatedAt: instant,
  sync: z.strictObject({
    pending: count,
    held: count,
    rejected: count,
    /** Failed attempts in a row (0 after a clean run). */
    failures: count,
    lastError: noteText.nullable(),
    pausedReason: noteText.nullable(),
    lastSuccessAt: instant.nullable(),
  }),
  packages: z.array(reportedPackageSchema).max(MAX_REPORTED_PACKAGES),
  packagesTotal: count,
  attention: z.array(reportedAttentionSchema).max(MAX_REPORTED_ATTENTION),
  attentionTotal: count,
  /** Job documents from the hub this desk could not read (the pull went on past them). */
  unreadable: z.array(reportedUnreadableSchema).max(MAX_REPORTED_UNREADABLE).default([]),
  today: z.strictObject({
    /** The desk's local day (YYYY-MM-DD) and the instants it runs between. */
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    from: instant,
    to: instant,
    receipts: z.array(reportedReceiptsSchema).max(MAX_REPORTED_OPERATORS),
  }),
});
export type DeskStatusReport = z.infer<typeof deskStatusReportSchema>;

export const statusResponseSchema = z.object({
  /** False when the hub already holds a newer report from this desk (this one was older). */
  stored: z.boolean(),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;
