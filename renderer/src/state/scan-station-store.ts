import { create } from 'zustand';
import type {
  CheckInVerdict,
  CloseResult,
  DriveInfo,
  JobSummary,
  PackageTally,
  PackageInfo,
  ScanVerdict,
} from '../../../shared/rpc/results';
import type { InvalidScanReason } from '../../../shared/domain/serial';
import { REMOVED_DRIVE_STATE } from '../../../shared/domain/drive-states';
import { deskClient } from './desk-client';
import type { RpcError } from '../../../shared/rpc/envelope';

export type Tone = 'success' | 'warning' | 'error' | 'info';

/** What the verdict banner shows: structured, so the banner can translate it. */
export interface VerdictDisplay {
  readonly kind: ScanVerdict | CheckInVerdict | 'closed' | 'undone' | 'error';
  readonly tone: Tone;
  readonly serial: string | null;
  readonly jobId: string | null;
  readonly trackingNumber: string | null;
  readonly reason: InvalidScanReason | null;
  readonly code: string | null;
  /** For `error`: what the core refused, said by describeError when shown. */
  readonly error: Pick<RpcError, 'message' | 'key' | 'params'> | null;
  readonly counts: { readonly received: number; readonly neverReceived: number } | null;
  /** Listed serials one look-alike character from an extra scan: probably a misread. */
  readonly nearMisses: readonly string[];
  /** The job of the package being scanned, to tell when a drive belongs elsewhere. */
  readonly currentJobId: string | null;
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
  submit(code: string, keyed: boolean): void;
  undo(scanId: number): void;
  /** Re-reads the package after a change made elsewhere (a fault, a resolution). */
  refresh(): void;
  closePackage(): void;
  leavePackage(): void;
}

let sequence = 0;
/** The one queue every scan and package action goes through, so order is kept whatever the speed. */
let queue: Promise<void> = Promise.resolve();

function display(partial: Partial<VerdictDisplay> & Pick<VerdictDisplay, 'kind'>): VerdictDisplay {
  sequence += 1;
  return {
    tone: SCAN_TONES[partial.kind],
    serial: null,
    jobId: null,
    trackingNumber: null,
    reason: null,
    code: null,
    error: null,
    counts: null,
    nearMisses: [],
    currentJobId: null,
    sequence,
    ...partial,
  };
}

function replaceDrive(expected: readonly DriveInfo[], drive: DriveInfo): readonly DriveInfo[] {
  const index = expected.findIndex((item) => item.serial === drive.serial && item.jobId === drive.jobId);
  if (index === -1) return drive.isExtra ? [...expected, drive] : expected;
  return expected.map((item, position) => (position === index ? drive : item));
}

export const useScanStation = create<ScanStationState>((set, get) => {
  function logEntry(code: string, verdict: VerdictDisplay, keyed: boolean, scanId: number | null = null): readonly ScanLogEntry[] {
    const entry: ScanLogEntry = { sequence: verdict.sequence, code, verdict: verdict.kind, tone: verdict.tone, keyed, scanId, undone: false };
    return [entry, ...get().log].slice(0, MAX_LOG_ENTRIES);
  }

  async function checkIn(code: string, keyed: boolean): Promise<void> {
    const result = await deskClient().call('packages.checkIn', { trackingNumber: code });
    if (!result.ok) {
      const verdict = display({ kind: 'error', code, error: result.error });
      set({ verdict, log: logEntry(code, verdict, keyed) });
      return;
    }
    const { value } = result;
    const verdict = display({
      kind: value.verdict,
      jobId: value.package.jobId,
      trackingNumber: value.package.trackingNumber,
    });
    set({
      package: value.package,
      job: value.job,
      expected: value.expected,
      tally: value.tally,
      lastClose: null,
      verdict,
      log: logEntry(code, verdict, keyed),
    });
  }

  async function scanDrive(packageId: number, code: string, keyed: boolean): Promise<void> {
    const result = await deskClient().call('scans.record', { packageId, code, keyed });
    if (!result.ok) {
      const verdict = display({ kind: 'error', code, error: result.error });
      set({ verdict, log: logEntry(code, verdict, keyed) });
      return;
    }
    const { value } = result;
    const verdict = display({
      kind: value.verdict,
      serial: value.serial,
      jobId: value.belongsToJobId ?? value.drive?.jobId ?? get().job?.id ?? null,
      reason: value.reason,
      code,
      nearMisses: value.nearMisses,
      currentJobId: get().job?.id ?? null,
    });
    set({
      tally: value.tally,
      expected: value.drive === null ? get().expected : replaceDrive(get().expected, value.drive),
      verdict,
      log: logEntry(code, verdict, keyed, value.scanId),
    });
  }

  function enqueue(work: () => Promise<void>): void {
    set({ pending: get().pending + 1 });
    queue = queue
      .then(work)
      .catch((error: unknown) => {
        const verdict = display({ kind: 'error', error: { message: String(error), key: 'requestFailed' } });
        set({ verdict });
      })
      .finally(() => set({ pending: get().pending - 1 }));
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
    submit(code, keyed) {
      enqueue(async () => {
        const open = get().package;
        if (open === null || open.status !== 'open') await checkIn(code, keyed);
        else await scanDrive(open.id, code, keyed);
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
          verdict: display({ kind: 'undone', serial: value.serial }),
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
        const open = get().package;
        if (open === null || open.status !== 'open') return;
        const result = await deskClient().call('packages.close', { packageId: open.id });
        if (!result.ok) {
          set({ verdict: display({ kind: 'error', error: result.error }) });
          return;
        }
        const { value } = result;
        const job = get().job;
        set({
          package: value.package,
          job: job === null || value.jobState === null ? job : { ...job, state: value.jobState },
          expected: value.expected,
          tally: value.tally,
          lastClose: value,
          verdict: display({
            kind: 'closed',
            trackingNumber: value.package.trackingNumber,
            jobId: value.package.jobId,
            counts: {
              received: value.expected.filter((drive) => !drive.isExtra && drive.state === 'Received').length,
              neverReceived: value.neverReceived.length,
            },
          }),
        });
      });
    },
    leavePackage() {
      enqueue(async () => {
        set({ package: null, job: null, expected: [], tally: null, lastClose: null, log: [], verdict: null });
        return Promise.resolve();
      });
    },
  };
});
