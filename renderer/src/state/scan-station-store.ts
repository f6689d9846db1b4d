import { create } from 'zustand';
import type {
  CheckInVerdict,
  CloseResult,
  DriveInfo,
  JobSummary,
  PackageTally,
  PackageInfo,
  ScanInfo,
  ScanVerdict,
} from '../../../shared/rpc/results';
import { REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import { deskClient, isOwnChange, onDeskEvent } from './desk-client';
import { eventTouches } from '../../../shared/events';
import type { CoreText, RpcError } from '../../../shared/rpc/envelope';

export type Tone = 'success' | 'warning' | 'error' | 'info';

/** What the verdict banner shows: the verdict's kind for its title, and what the core said happened. */
export interface VerdictDisplay {
  readonly kind: ScanVerdict | CheckInVerdict | 'closed' | 'undone' | 'error';
  readonly tone: Tone;
  /** What happened, in the catalogue's words, and its English for a key this renderer lacks. */
  readonly text: CoreText | null;
  readonly english: string;
  /** For `error`: what the core refused, said by describeError when shown. */
  readonly error: Pick<RpcError, 'message' | 'key' | 'params'> | null;
  /** Listed serials one look-alike character from an extra scan: probably a misread. */
  readonly nearMisses: readonly string[];
  /** Increments with every verdict so the banner can replay its flash for a repeated verdict. */
  readonly sequence: number;
}

export interface ScanLogEntry {
  readonly sequence: number;
  readonly code: string;
  readonly verdict: VerdictDisplay['kind'];
  readonly tone: Tone;
  readonly keyed: boolean;
  /** The recorded scan, while it can still be undone. */
  readonly scanId: number | null;
  readonly undone: boolean;
  /** When it was scanned, for a scan read back from the package after a reload. */
  readonly scannedAt: string | null;
}

const SCAN_TONES: Readonly<Record<VerdictDisplay['kind'], Tone>> = {
  received: 'success',
  recovered: 'success',
  registered: 'success',
  matched: 'success',
  closed: 'info',
  undone: 'info',
  reopened: 'info',
  duplicate: 'warning',
  otherJob: 'warning',
  extra: 'warning',
  held: 'warning',
  notShipping: 'warning',
  unknown: 'warning',
  invalid: 'error',
  error: 'error',
};

/** Scans kept on screen for the current package; older ones stay in the database. */
const MAX_LOG_ENTRIES = 200;
/** The open package survives a reload of the page (docs/receiving-rules.md, "Open packages"). */
const OPEN_PACKAGE_STORAGE_KEY = 'receiving-desk.open-package';

/** Asked when the operator leaves a package whose listed drives are still missing. */
export interface LeaveQuestion {
  readonly trackingNumber: string;
  readonly missing: number;
}

interface ScanStationState {
  readonly package: PackageInfo | null;
  readonly job: JobSummary | null;
  readonly expected: readonly DriveInfo[];
  readonly tally: PackageTally | null;
  readonly lastClose: CloseResult | null;
  readonly verdict: VerdictDisplay | null;
  readonly log: readonly ScanLogEntry[];
  /** Scans read but not yet answered: they are applied strictly in the order they were read. */
  readonly pending: number;
  /** Set while the desk asks whether to close the package or keep it open before leaving it. */
  readonly leaving: LeaveQuestion | null;
  submit(code: string, keyed: boolean): void;
  /** Checks a package in from anywhere (a scan on another screen), leaving the current one open. */
  openPackage(trackingNumber: string, keyed: boolean): void;
  undo(scanId: number): void;
  /** Re-reads the package after a change made elsewhere (a fault, a resolution, a removed drive). */
  refresh(): void;
  closePackage(): void;
  /** Esc or Next package: asks first when listed drives are still missing. */
  leavePackage(): void;
  /** The answer to the question: close it now, or keep it open (it stays on the packages board). */
  answerLeave(answer: 'close' | 'keepOpen' | 'stay'): void;
  /** Brings back the package that was open before a reload, with its scan list. */
  restore(): void;
}

let sequence = 0;
/** The one queue every scan and package action goes through, so order is kept whatever the speed. */
let queue: Promise<void> = Promise.resolve();

function display(partial: Partial<VerdictDisplay> & Pick<VerdictDisplay, 'kind'>): VerdictDisplay {
  sequence += 1;
  return { tone: SCAN_TONES[partial.kind], text: null, english: '', error: null, nearMisses: [], sequence, ...partial };
}

function replaceDrive(expected: readonly DriveInfo[], drive: DriveInfo): readonly DriveInfo[] {
  const index = expected.findIndex((item) => item.serial === drive.serial && item.jobId === drive.jobId);
  if (index === -1) return drive.isExtra ? [...expected, drive] : expected;
  return expected.map((item, position) => (position === index ? drive : item));
}

/** The package's recorded scans as log entries, newest first, undoable while the package is open. */
function logFromScans(scans: readonly ScanInfo[]): ScanLogEntry[] {
  return [...scans].reverse().map((scan) => {
    sequence += 1;
    return {
      sequence,
      code: scan.serial,
      verdict: scan.verdict,
      tone: SCAN_TONES[scan.verdict],
      keyed: scan.keyed,
      scanId: scan.id,
      undone: scan.undone,
      scannedAt: scan.scannedAt,
    };
  });
}

function rememberOpenPackage(pkg: PackageInfo | null): void {
  try {
    if (pkg === null || pkg.status !== 'open') sessionStorage.removeItem(OPEN_PACKAGE_STORAGE_KEY);
    else sessionStorage.setItem(OPEN_PACKAGE_STORAGE_KEY, String(pkg.id));
  } catch {
    // A browser without session storage forgets the package on reload; the packages board still lists it.
  }
}

const missingDrives = (expected: readonly DriveInfo[]) => expected.filter((drive) => !drive.isExtra && drive.state === 'Specified').length;

/** Another client changed the open package while this page's own scans were under way: re-read it once they are done. */
let staleWhileBusy = false;

export const useScanStation = create<ScanStationState>((set, get) => {
  function logEntry(code: string, verdict: VerdictDisplay, keyed: boolean, scanId: number | null = null): readonly ScanLogEntry[] {
    const entry: ScanLogEntry = { sequence: verdict.sequence, code, verdict: verdict.kind, tone: verdict.tone, keyed, scanId, undone: false, scannedAt: null };
    return [entry, ...get().log].slice(0, MAX_LOG_ENTRIES);
  }

  async function checkIn(code: string, keyed: boolean): Promise<void> {
    const result = await deskClient().call('packages.checkIn', { trackingNumber: code });
    if (!result.ok) {
      const verdict = display({ kind: 'error', error: result.error });
      set({ verdict, log: logEntry(code, verdict, keyed) });
      return;
    }
    const { value } = result;
    const verdict = display({ kind: value.verdict, text: value.text, english: value.message });
    // A package checked in before comes back with every scan it had, each undoable again.
    const earlier = logFromScans(value.scans);
    const entry: ScanLogEntry = { sequence: verdict.sequence, code, verdict: verdict.kind, tone: verdict.tone, keyed, scanId: null, undone: false, scannedAt: null };
    rememberOpenPackage(value.package);
    set({
      package: value.package,
      job: value.job,
      expected: value.expected,
      tally: value.tally,
      lastClose: null,
      verdict,
      log: [entry, ...earlier].slice(0, MAX_LOG_ENTRIES),
    });
  }

  async function scanDrive(packageId: number, code: string, keyed: boolean): Promise<void> {
    const result = await deskClient().call('scans.record', { packageId, code, keyed });
    if (!result.ok) {
      const verdict = display({ kind: 'error', error: result.error });
      set({ verdict, log: logEntry(code, verdict, keyed) });
      return;
    }
    const { value } = result;
    const verdict = display({ kind: value.verdict, text: value.text, english: value.message, nearMisses: value.nearMisses });
    set({
      tally: value.tally,
      expected: value.drive === null ? get().expected : replaceDrive(get().expected, value.drive),
      verdict,
      log: logEntry(code, verdict, keyed, value.scanId),
    });
  }

  async function close(): Promise<boolean> {
    const open = get().package;
    if (open === null || open.status !== 'open') return false;
    const result = await deskClient().call('packages.close', { packageId: open.id });
    if (!result.ok) {
      set({ verdict: display({ kind: 'error', error: result.error }) });
      return false;
    }
    const { value } = result;
    const job = get().job;
    rememberOpenPackage(value.package);
    set({
      package: value.package,
      job: job === null || value.jobState === null ? job : { ...job, state: value.jobState },
      expected: value.expected,
      tally: value.tally,
      lastClose: value,
      verdict: display({ kind: 'closed', text: value.text, english: value.message }),
    });
    return true;
  }

  function clearPackage(): void {
    rememberOpenPackage(null);
    set({ package: null, job: null, expected: [], tally: null, lastClose: null, log: [], verdict: null, leaving: null });
  }

  function enqueue(work: () => Promise<void>): void {
    set({ pending: get().pending + 1 });
    queue = queue
      .then(work)
      .catch((error: unknown) => {
        const verdict = display({ kind: 'error', error: { message: String(error), key: 'requestFailed' } });
        set({ verdict });
      })
      .finally(() => {
        set({ pending: get().pending - 1 });
        if (get().pending === 0 && staleWhileBusy) {
          staleWhileBusy = false;
          get().refresh();
        }
      });
  }

  return {
    package: null,
    job: null,
    expected: [],
    tally: null,
    lastClose: null,
    verdict: null,
    log: [],
    pending: 0,
    leaving: null,
    submit(code, keyed) {
      enqueue(async () => {
        const open = get().package;
        if (open === null || open.status !== 'open') await checkIn(code, keyed);
        else await scanDrive(open.id, code, keyed);
      });
    },
    openPackage(trackingNumber, keyed) {
      enqueue(async () => {
        clearPackage();
        await checkIn(trackingNumber, keyed);
      });
    },
    undo(scanId) {
      enqueue(async () => {
        const result = await deskClient().call('scans.undo', { scanId });
        if (!result.ok) {
          set({ verdict: display({ kind: 'error', error: result.error }) });
          return;
        }
        const { value } = result;
        set({
          tally: value.tally,
          expected:
            value.drive === null
              ? get().expected
              : value.drive.state === REMOVED_DRIVE_STATE
                ? get().expected.filter((drive) => !(drive.serial === value.drive?.serial && drive.jobId === value.drive.jobId))
                : replaceDrive(get().expected, value.drive),
          log: get().log.map((entry) => (entry.scanId === scanId ? { ...entry, undone: true } : entry)),
          verdict: display({ kind: 'undone', text: value.text, english: value.message }),
        });
      });
    },
    refresh() {
      enqueue(async () => {
        const open = get().package;
        if (open === null) return;
        const result = await deskClient().call('packages.get', { packageId: open.id });
        if (result.ok) set({ package: result.value.package, job: result.value.job, expected: result.value.expected, tally: result.value.tally });
      });
    },
    closePackage() {
      enqueue(async () => {
        await close();
      });
    },
    leavePackage() {
      enqueue(async () => {
        const open = get().package;
        const missing = open === null || open.status !== 'open' || open.held ? 0 : missingDrives(get().expected);
        if (open !== null && missing > 0) {
          set({ leaving: { trackingNumber: open.trackingNumber, missing } });
          return;
        }
        clearPackage();
        return Promise.resolve();
      });
    },
    answerLeave(answer) {
      enqueue(async () => {
        if (answer === 'stay') {
          set({ leaving: null });
          return;
        }
        if (answer === 'close' && !(await close())) {
          set({ leaving: null });
          return;
        }
        clearPackage();
      });
    },
    restore() {
      let stored: string | null;
      try {
        stored = sessionStorage.getItem(OPEN_PACKAGE_STORAGE_KEY);
      } catch {
        return;
      }
      const packageId = Number(stored);
      if (stored === null || !Number.isInteger(packageId) || packageId <= 0) return;
      enqueue(async () => {
        const result = await deskClient().call('packages.get', { packageId });
        if (!result.ok || result.value.package.status !== 'open') {
          rememberOpenPackage(null);
          return;
        }
        const { value } = result;
        set({ package: value.package, job: value.job, expected: value.expected, tally: value.tally, lastClose: null, log: logFromScans(value.scans), verdict: null });
      });
    },
  };
});

/**
 * The open package follows changes made by anyone else (another tab, a script over the API, a
 * sync): the desk's event names the package, or a drive or job it may hold. This page's own scans
 * are skipped (their answers already updated it); while they are under way, one re-read waits for
 * the queue to drain, so a burst never waits behind a refresh.
 */
export function followPackageChanges(): () => void {
  return onDeskEvent((event) => {
    const open = useScanStation.getState().package;
    if (open === null || isOwnChange(event) || !eventTouches(event, ['packages', 'drives'])) return;
    if (event.type === 'changed' && event.packageId !== undefined && event.packageId !== open.id) return;
    if (useScanStation.getState().pending > 0) staleWhileBusy = true;
    else useScanStation.getState().refresh();
  });
}
