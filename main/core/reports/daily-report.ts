import Papa from 'papaparse';
import { DeskError } from '../../../shared/rpc/envelope';
import { isFaultReason } from '../../../shared/domain/drive-states';
import type { MethodParams } from '../../../shared/rpc/contract';
import { REPORT_COLUMNS, type DailyReport, type ReportDiscrepancy, type ReportReceipt, type ReportRow } from '../../../shared/rpc/results';
import { REPORT_WINDOW_ROWS, type ReportTransitionRow } from '../../db/reports-repository';
import { yieldToScans } from '../yield';
import { toPackageInfo } from '../to-results';
import { toPhotoInfo } from '../packages/held';
import type { CoreContext } from '../context';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

function receiptOf(transition: ReportTransitionRow): ReportReceipt {
  if (transition.toState !== 'Received') return '';
  // A listed drive that came in another job's box is received for its own job, and said so.
  if (transition.fromState === 'Specified') return transition.packageJobName !== null && transition.packageJobName !== transition.jobName ? 'otherJob' : 'received';
  if (transition.fromState === 'NeverReceived') return 'recovered';
  if (transition.fromState === null) return transition.isExtra === 1 ? 'extra' : 'registered';
  return '';
}

function discrepancyOf(transition: ReportTransitionRow): ReportDiscrepancy | null {
  if (transition.toState === 'NeverReceived') return 'neverReceived';
  if (transition.toState === 'Faulted') return 'faulted';
  if (transition.fromState === null && transition.isExtra === 1) return 'extra';
  return null;
}

/** One row per drive: its receipt, its discrepancies in the order they happened, and where it is now. */
function driveRows(day: string, transitions: readonly ReportTransitionRow[]): ReportRow[] {
  const byDrive = new Map<number, ReportTransitionRow[]>();
  for (const transition of transitions) {
    if (transition.undone === 1) continue;
    byDrive.set(transition.driveRowId, [...(byDrive.get(transition.driveRowId) ?? []), transition]);
  }
  return [...byDrive.values()].map((moves) => {
    const first = moves[0] as ReportTransitionRow;
    const last = moves[moves.length - 1] as ReportTransitionRow;
    const discrepancies = [...new Set(moves.map(discrepancyOf).filter((kind): kind is ReportDiscrepancy => kind !== null))];
    const fault = [...moves].reverse().find((move) => move.toState === 'Faulted');
    // Who received the drive, not who touched it last: the report answers "who took this in".
    const receiptMove = moves.find((move) => receiptOf(move) !== '');
    return {
      day,
      jobId: first.jobName,
      serial: first.serial,
      driveIdAsWritten: first.serialAsWritten,
      receipt: moves.map(receiptOf).find((receipt) => receipt !== '') ?? '',
      discrepancy: discrepancies.join(';'),
      discrepancies,
      faultReason: fault?.reason !== undefined && fault.reason !== null && isFaultReason(fault.reason) ? fault.reason : '',
      stateNow: first.stateNow,
      packageTracking: moves.map((move) => move.trackingNumber).find((tracking) => tracking !== null) ?? '',
      operator: (receiptMove ?? first).operator,
      lastEventAt: last.at,
    };
  });
}

/** Reads a log window by window of row ids, letting scans in between (docs/performance.md). */
export async function readInWindows<T>(lastId: number, read: (low: number, high: number) => T[]): Promise<T[]> {
  const rows: T[] = [];
  for (let low = 0; low < lastId; low += REPORT_WINDOW_ROWS) {
    rows.push(...read(low, low + REPORT_WINDOW_ROWS));
    if (low + REPORT_WINDOW_ROWS < lastId) await yieldToScans();
  }
  return rows;
}

/**
 * `reports.daily`: a day's receipts and discrepancies (NeverReceived, extra, faulted, held), one row
 * per drive, as rows for the screen and as CSV for a spreadsheet. The day is the desk's local day.
 */
export async function dailyReport(context: CoreContext, params: MethodParams<'reports.daily'>): Promise<DailyReport> {
  const start = Date.parse(`${params.day}T00:00:00.000Z`) - params.utcOffsetMinutes * MINUTE_MS;
  if (Number.isNaN(start)) throw new DeskError('invalid_params', `day: ${params.day} is not a date`, undefined, { key: 'fieldExpectedDate', params: { field: 'day' } });
  const from = new Date(start).toISOString();
  const to = new Date(start + DAY_MS).toISOString();
  const { reports } = context.store;
  const transitions = await readInWindows(reports.lastTransitionId(), (low, high) => reports.driveTransitionsBetween(from, to, low, high));
  const rows = driveRows(params.day, transitions);
  const heldScans = await readInWindows(reports.lastScanId(), (low, high) => reports.heldScansBetween(from, to, low, high));
  for (const scan of heldScans) {
    rows.push({
      day: params.day,
      jobId: scan.jobName ?? '',
      serial: scan.serial,
      driveIdAsWritten: scan.serial,
      receipt: '',
      discrepancy: 'held',
      discrepancies: ['held'],
      faultReason: '',
      stateNow: 'held',
      packageTracking: scan.trackingNumber,
      operator: scan.operator,
      lastEventAt: scan.at,
    });
  }
  const counts = { received: 0, recovered: 0, otherJob: 0, registered: 0, extra: 0, neverReceived: 0, faulted: 0, held: 0 };
  for (const row of rows) {
    if (row.receipt !== '' && row.receipt !== 'extra') counts[row.receipt] += 1;
    for (const kind of row.discrepancies) counts[kind] += 1;
  }
  const csv = Papa.unparse(
    { fields: [...REPORT_COLUMNS], data: rows.map((row) => REPORT_COLUMNS.map((column) => row[column])) },
    // A cell starting with = + - @ would run as a formula in a spreadsheet: such cells get a quote.
    { escapeFormulae: true, newline: '\r\n' },
  );
  const damagedPackages = context.store.packages.listDamagedBetween(from, to).map((pkg) => ({
    package: toPackageInfo(pkg),
    photos: context.store.photos.listForPackage(pkg.rowId).map(toPhotoInfo),
  }));
  return { day: params.day, from, to, rows, counts, damagedPackages, csv, fileName: `receiving-report-${params.day}.csv` };
}
