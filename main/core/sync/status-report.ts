/**
 * The desk's status report to the hub (docs/sync-protocol.md, "Status report"): what the site's
 * board shows that transitions do not carry: this desk's sync counts, its open and held packages
 * with their deadlines, its Needs attention rows and today's receipts per operator. Sent at the end
 * of a sync run that reached the hub, when it changed, and at least every few minutes; a hub that does not know the
 * route (an older one) is not asked again for a while. A report that fails never fails the run:
 * the transitions are what must get through; the board shows the desk as not heard from.
 */
import { APP_VERSION } from '../../../shared/app-version';
import { addDays, HELD_DESTROY_AFTER_DAYS, HELD_RETURN_AFTER_DAYS } from '../../../shared/domain/deadlines';
import { MAX_NOTE_LENGTH, MAX_TEXT_FIELD_LENGTH } from '../../../shared/rpc/limits';
import type { SyncStatus } from '../../../shared/rpc/results';
import {
  MAX_REPORTED_ATTENTION,
  MAX_REPORTED_OPERATORS,
  MAX_REPORTED_PACKAGES,
  MAX_REPORTED_SERIALS,
  MAX_REPORTED_UNREADABLE,
  type DeskStatusReport,
  type StatusResponse,
} from '../../../shared/sync/status-report';
import type { CoreContext } from '../context';

/** An unchanged report is sent again this often, so the board knows the desk is still there. */
export const STATUS_REPORT_REFRESH_MS = 5 * 60_000;
/** A hub that answered 404 (it has no status route) is asked again only after this long. */
export const STATUS_REPORT_UNSUPPORTED_RETRY_MS = 60 * 60_000;

export interface StatusReportClient {
  reportStatus(report: DeskStatusReport): Promise<StatusResponse>;
}

/** Removed from report text: what the hub refuses (controls, direction overrides, invalid Unicode). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LINE_BREAKS = /[\t\n\r]/g;

/**
 * Text as the hub takes it: a value stored before today's input checks (or cut by a limit) must
 * not make the hub refuse the whole report, so it is cleaned and shortened here, on whole characters.
 */
export function reportText(text: string, max = MAX_TEXT_FIELD_LENGTH, multiLine = false): string {
  let clean = text.replace(UNSAFE, ' ');
  if (!multiLine) clean = clean.replace(LINE_BREAKS, ' ');
  if (clean.length <= max) return clean;
  let cut = '';
  for (const character of clean) {
    if (cut.length + character.length > max) break;
    cut += character;
  }
  return cut;
}

const optionalText = (text: string | null, max = MAX_TEXT_FIELD_LENGTH, multiLine = false) => (text === null ? null : reportText(text, max, multiLine));

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The desk's local day (its machine's time zone), and the instants it starts and ends. */
export function localDay(now: Date): { day: string; from: string; to: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { day: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`, from: start.toISOString(), to: end.toISOString() };
}

export function buildStatusReport(context: CoreContext, status: SyncStatus): DeskStatusReport {
  const { store } = context;
  const settings = context.settings();
  const now = context.clock.now();
  const rows = store.statusReport.openPackages(MAX_REPORTED_PACKAGES);
  const today = localDay(now);
  const attention = store.outbox.needsAttention(MAX_REPORTED_ATTENTION);
  return {
    deskId: settings.deskId,
    deskName: reportText(settings.deskName),
    version: APP_VERSION,
    generatedAt: now.toISOString(),
    sync: {
      pending: status.pending,
      held: status.held,
      rejected: status.rejected,
      failures: status.failures,
      lastError: optionalText(status.lastError, MAX_NOTE_LENGTH, true),
      pausedReason: optionalText(status.pausedReason, MAX_NOTE_LENGTH, true),
      lastSuccessAt: status.lastSuccessAt,
    },
    packages: rows.map((row) => {
      const held = row.held === 1;
      return {
        packageId: row.packageId,
        trackingNumber: reportText(row.trackingNumber) || '?',
        carrierName: optionalText(row.carrierName),
        jobName: optionalText(row.jobName),
        held,
        checkedInAt: row.checkedInAt,
        scanned: row.scanned,
        declaredDriveCount: row.declaredDriveCount,
        // The deadlines of docs/receiving-rules.md, as the desk's Deadlines screen shows them.
        returnBy: held ? addDays(row.checkedInAt, HELD_RETURN_AFTER_DAYS) : null,
        destroyBy: held ? addDays(row.checkedInAt, HELD_DESTROY_AFTER_DAYS) : null,
        serials: held ? store.statusReport.serialsOf(row.packageId, MAX_REPORTED_SERIALS).map((serial) => reportText(serial)) : [],
      };
    }),
    packagesTotal: store.statusReport.openPackageCount(),
    attention: attention.map((row) => ({
      seq: row.seq,
      status: row.status === 'rejected' ? 'rejected' : 'held',
      entity: row.entity,
      jobName: reportText(row.jobName),
      serial: optionalText(row.serial),
      from: optionalText(row.fromState),
      to: reportText(row.toState),
      at: row.at,
      operator: reportText(row.operator),
      upstreamState: optionalText(row.upstreamState),
      upstreamReason: optionalText(row.upstreamReason, MAX_NOTE_LENGTH, true),
    })),
    attentionTotal: status.rejected + status.held,
    unreadable: status.unreadable.slice(0, MAX_REPORTED_UNREADABLE).map((document) => ({
      jobName: optionalText(document.jobName),
      reason: reportText(document.reason, MAX_NOTE_LENGTH, true),
      at: document.at,
    })),
    today: {
      ...today,
      receipts: store.statusReport.receiptsBetween(today.from, today.to, MAX_REPORTED_OPERATORS).map((row) => ({
        operator: reportText(row.operator),
        received: Number(row.received),
        recovered: Number(row.recovered),
        registered: Number(row.registered),
        extra: Number(row.extra),
      })),
    },
  };
}

export interface StatusReporter {
  /** Sends the report if it changed since the last one the hub took, or that was long ago. */
  afterRun(client: StatusReportClient, status: SyncStatus): Promise<void>;
  /** The hub changed (new URL, new token): the next run reports whatever happened before. */
  reset(): void;
}

/** Whether a failed report means "this hub has no such route" (an older hub, or a plain upstream). */
export type UnsupportedCheck = (error: unknown) => boolean;

export function createStatusReporter(context: CoreContext, isUnsupported: UnsupportedCheck, logError?: (error: unknown) => void): StatusReporter {
  let lastSent: { fingerprint: string; at: number } | null = null;
  let unsupportedUntil = 0;
  return {
    async afterRun(client, status) {
      const nowMs = context.clock.now().getTime();
      if (nowMs < unsupportedUntil) return;
      const report = buildStatusReport(context, status);
      // Every clean run moves lastSuccessAt: that alone is no news (the hub sees the desk's pulls anyway).
      const fingerprint = JSON.stringify({ ...report, generatedAt: null, sync: { ...report.sync, lastSuccessAt: null } });
      if (lastSent !== null && lastSent.fingerprint === fingerprint && nowMs - lastSent.at < STATUS_REPORT_REFRESH_MS) return;
      try {
        await client.reportStatus(report);
        lastSent = { fingerprint, at: nowMs };
      } catch (error) {
        if (isUnsupported(error)) unsupportedUntil = nowMs + STATUS_REPORT_UNSUPPORTED_RETRY_MS;
        else logError?.(error);
      }
    },
    reset() {
      lastSent = null;
      unsupportedUntil = 0;
    },
  };
}
