/**
 * Shift summary and handover (docs/receiving-rules.md, "Shifts"): per operator, packages checked in
 * and drives received, discrepancies, packages left open, moves the upstream refused and nobody
 * resolved, labels printed, boxes marked damaged. A handover signs the operator out with a note.
 */
import Papa from 'papaparse';
import { siteMidnight } from '../../../shared/domain/site-time';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { HandoverResult, PackageInfo, ShiftDiscrepancies, ShiftOperatorSummary, ShiftSummary } from '../../../shared/rpc/results';
import type { CoreContext } from '../context';
import { resolveAsOf } from '../deadlines/list-deadlines';
import { readInWindows } from '../reports/daily-report';
import { signOut } from '../settings';
import { toPackageInfo } from '../to-results';

const SUMMARY_COLUMNS = [
  'operator',
  'packagesCheckedIn',
  'drivesReceived',
  'neverReceived',
  'extra',
  'otherJob',
  'held',
  'faulted',
  'openPackages',
  'unresolvedAttention',
  'labelsPrinted',
  'damagedPackages',
] as const;

interface Tally {
  packagesCheckedIn: number;
  drivesReceived: number;
  discrepancies: { -readonly [K in keyof ShiftDiscrepancies]: number };
  openPackages: PackageInfo[];
  unresolvedAttention: number;
  labelsPrinted: number;
  damagedPackages: number;
}

const emptyTally = (): Tally => ({
  packagesCheckedIn: 0,
  drivesReceived: 0,
  discrepancies: { neverReceived: 0, extra: 0, otherJob: 0, held: 0, faulted: 0 },
  openPackages: [],
  unresolvedAttention: 0,
  labelsPrinted: 0,
  damagedPackages: 0,
});

/** The shift's start when none is given: the signed-in operator's sign-in, else midnight today at the site. */
function defaultFrom(context: CoreContext): string {
  const session = context.store.sessions.current();
  if (session !== undefined) return session.signedInAt;
  const timeZone = context.settings().siteTimeZone;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(context.clock.now());
  return siteMidnight(today, timeZone) ?? context.clock.now().toISOString();
}

/** `shifts.summary`: per operator, between `from` (the shift's start) and `to` (now). */
export async function shiftSummary(context: CoreContext, params: MethodParams<'shifts.summary'>): Promise<ShiftSummary> {
  const { store } = context;
  const from = params.from === undefined ? defaultFrom(context) : resolveAsOf(context, params.from);
  // Up to and including now: what was recorded this very millisecond is in the shift.
  const to = params.to === undefined ? new Date(context.clock.now().getTime() + 1).toISOString() : resolveAsOf(context, params.to);
  const byOperator = new Map<string, Tally>();
  const tally = (operator: string): Tally => {
    let found = byOperator.get(operator);
    if (found === undefined) {
      found = emptyTally();
      byOperator.set(operator, found);
    }
    return found;
  };

  for (const pkg of store.packages.listCheckedInBetween(from, to)) {
    tally(pkg.checkedInBy).packagesCheckedIn += 1;
    if (pkg.damaged) tally(pkg.checkedInBy).damagedPackages += 1;
  }
  const transitions = await readInWindows(store.reports.lastTransitionId(), (low, high) => store.reports.driveTransitionsBetween(from, to, low, high));
  for (const move of transitions) {
    if (move.undone === 1) continue;
    const counts = tally(move.operator);
    if (move.toState === 'Received' && (move.fromState === 'Specified' || move.fromState === 'NeverReceived' || (move.fromState === null && move.isExtra === 0))) {
      counts.drivesReceived += 1;
    }
    if (move.toState === 'NeverReceived') counts.discrepancies.neverReceived += 1;
    if (move.toState === 'Faulted') counts.discrepancies.faulted += 1;
    if (move.fromState === null && move.isExtra === 1) counts.discrepancies.extra += 1;
  }
  const verdicts = await readInWindows(store.reports.lastScanId(), (low, high) => store.reports.scanVerdictsBetween(from, to, low, high));
  for (const { operator, verdict, n } of verdicts) {
    if (verdict === 'otherJob') tally(operator).discrepancies.otherJob += n;
    if (verdict === 'held') tally(operator).discrepancies.held += n;
  }
  const openPackages = store.packages.listOpen();
  for (const pkg of openPackages) tally(pkg.checkedInBy).openPackages.push(toPackageInfo(pkg));
  let unresolvedAttention = 0;
  for (const { operator, n } of store.reports.rejectedByOperator()) {
    tally(operator).unresolvedAttention += n;
    unresolvedAttention += n;
  }
  for (const { operator, n } of store.reports.printedByOperator(from, to)) tally(operator).labelsPrinted += n;

  const operators: ShiftOperatorSummary[] = [...byOperator.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operator, counts]) => ({ operator, ...counts }));
  const sum = (pick: (row: ShiftOperatorSummary) => number) => operators.reduce((total, row) => total + pick(row), 0);
  const totals = {
    packagesCheckedIn: sum((row) => row.packagesCheckedIn),
    drivesReceived: sum((row) => row.drivesReceived),
    discrepancies: {
      neverReceived: sum((row) => row.discrepancies.neverReceived),
      extra: sum((row) => row.discrepancies.extra),
      otherJob: sum((row) => row.discrepancies.otherJob),
      held: sum((row) => row.discrepancies.held),
      faulted: sum((row) => row.discrepancies.faulted),
    },
    openPackages: openPackages.length,
    unresolvedAttention,
    labelsPrinted: sum((row) => row.labelsPrinted),
    damagedPackages: sum((row) => row.damagedPackages),
  };
  const csv = Papa.unparse(
    {
      fields: [...SUMMARY_COLUMNS],
      data: operators.map((row) => [
        row.operator,
        row.packagesCheckedIn,
        row.drivesReceived,
        row.discrepancies.neverReceived,
        row.discrepancies.extra,
        row.discrepancies.otherJob,
        row.discrepancies.held,
        row.discrepancies.faulted,
        row.openPackages.length,
        row.unresolvedAttention,
        row.labelsPrinted,
        row.damagedPackages,
      ]),
    },
    // An operator's name starting with = + - @ would run as a formula in a spreadsheet.
    { escapeFormulae: true, newline: '\r\n' },
  );
  return {
    from,
    to,
    operators,
    totals,
    openPackages: openPackages.map(toPackageInfo),
    unresolvedAttention,
    csv,
    fileName: `shift-summary-${from.slice(0, 16).replace(/[:T]/g, '-')}.csv`,
  };
}

/**
 * `shifts.handover`: the shift's summary, then the operator is signed out (the desk's default
 * operator acts until the next sign-in) with the handover note kept on the shift.
 */
export async function handover(context: CoreContext, params: MethodParams<'shifts.handover'>): Promise<HandoverResult> {
  const summary = await shiftSummary(context, {});
  const signedOut = context.settings().operator;
  const note = params.note.trim();
  context.store.transaction(() => signOut(context.store, context.clock.now(), note === '' ? null : note));
  context.settingsChanged();
  return { summary, signedOut, note };
}
