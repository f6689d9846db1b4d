/**
 * What the site board (`/board/`, docs/site-board.md) shows, as the hub sends it to the
 * board's page: every desk, the site's open and held packages with their deadlines, overdue jobs,
 * Needs attention across desks, and today's receipts per desk and operator.
 */
import type { HeldStage, ShippingStage } from '../domain/deadlines';
import type { ReportedAttention } from '../sync/status-report';

export const BOARD_PATH = '/board/';
export const BOARD_API_PREFIX = '/board/api/';
/** The header the board's page sends its session's CSRF token in, on every state-changing request. */
export const BOARD_CSRF_HEADER = 'x-board-csrf';

/**
 * How a desk is doing, worst first: not heard from lately; sync paused or failing; rows needing
 * attention; fine. A desk made at the hub but not yet enrolled waits for its code to be used.
 */
export const DESK_HEALTHS = ['silent', 'failing', 'attention', 'ok', 'notEnrolled'] as const;
export type DeskHealth = (typeof DESK_HEALTHS)[number];

export interface BoardDesk {
  /** The hub's id of the desk. */
  readonly deskId: string;
  /** The name the admin gave it at the hub. */
  readonly name: string;
  readonly health: DeskHealth;
  readonly version: string | null;
  readonly lastSeenAt: string | null;
  /** When the desk made its last status report (its clock); null before the first. */
  readonly reportedAt: string | null;
  readonly pending: number | null;
  readonly rejected: number | null;
  readonly failures: number | null;
  readonly lastError: string | null;
  readonly pausedReason: string | null;
  readonly lastSuccessAt: string | null;
  readonly openPackages: number | null;
  readonly heldPackages: number | null;
  readonly attention: number | null;
  readonly receivedToday: number | null;
}

export interface BoardPackage {
  readonly deskId: string;
  readonly deskName: string;
  readonly packageId: number;
  readonly trackingNumber: string;
  readonly carrierName: string | null;
  readonly jobName: string | null;
  readonly held: boolean;
  readonly checkedInAt: string;
  readonly scanned: number;
  readonly declaredDriveCount: number | null;
  readonly returnBy: string | null;
  readonly destroyBy: string | null;
  /** For a held package: contact the customer, return the drives, or destroy them. */
  readonly stage: HeldStage | null;
  readonly serials: readonly string[];
}

export interface BoardOverdueJob {
  readonly jobName: string;
  readonly trackingNumber: string | null;
  readonly shippingSince: string;
  readonly overdueAt: string;
  readonly closeAt: string;
  readonly stage: Exclude<ShippingStage, 'onTime'>;
}

export interface BoardAttention extends ReportedAttention {
  readonly deskId: string;
  readonly deskName: string;
}

/** A job document some desks could not read: fixed at the hub (a corrected document taken in). */
export interface BoardUnreadable {
  readonly jobName: string | null;
  readonly reason: string;
  /** The desks that could not read it. */
  readonly deskNames: readonly string[];
  /** When the first of them met it. */
  readonly since: string;
}

export interface BoardReceipts {
  readonly deskId: string;
  readonly deskName: string;
  readonly day: string;
  readonly operator: string;
  readonly received: number;
  readonly recovered: number;
  readonly registered: number;
  readonly extra: number;
}

export interface SiteView {
  readonly asOf: string;
  readonly desks: readonly BoardDesk[];
  /** Open and held packages at every desk: held first, then by check-in time. */
  readonly packages: readonly BoardPackage[];
  /** Some desk had more open packages than its report lists. */
  readonly packagesTruncated: boolean;
  readonly overdueJobs: readonly BoardOverdueJob[];
  readonly attention: readonly BoardAttention[];
  /** Every desk's Needs attention rows, also those its report did not list. */
  readonly attentionTotal: number;
  readonly unreadable: readonly BoardUnreadable[];
  readonly receipts: readonly BoardReceipts[];
}

export interface BoardAccountInfo {
  readonly username: string;
  readonly displayName: string;
}

export interface BoardSession {
  readonly account: BoardAccountInfo;
  /** Sent back in the BOARD_CSRF_HEADER header on every state-changing request. */
  readonly csrfToken: string;
}

export interface BoardImportResult {
  readonly created: number;
  readonly replaced: number;
  readonly jobs: readonly string[];
}

/**
 * A refusal from the board's routes: `key` names a text in the catalogues' `board.errors` section
 * (or `core` when `section` says so); `message` is the English text for logs and scripts.
 */
export interface BoardError {
  readonly error: string;
  readonly key?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}
