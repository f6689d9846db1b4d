/**
 * The desk's one event stream (docs/architecture.md, "Events"): what the host tells every open
 * screen, over the MessagePort in the desktop app and Server-Sent Events in web mode. Screens load
 * through RPC and refresh when an event names a topic they show; nothing polls.
 */
import type { MethodName } from './rpc/contract';
import type { DeskSettings, PrintLogEntry, SyncStatus } from './rpc/results';

/** What a change touched; a screen refreshes when a change names a topic it shows. */
export const CHANGE_TOPICS = ['jobs', 'packages', 'drives', 'settings', 'operators', 'prints', 'backups', 'sync'] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];

/**
 * Methods that change nothing. Every other method announces a change when it succeeds, so a method
 * added later is announced unless someone declares it read-only here.
 */
export const READ_ONLY_METHODS = [
  'desk.ping',
  'jobs.list',
  'jobs.get',
  'packages.get',
  'deadlines.list',
  'drives.history',
  'settings.get',
  'labels.printLog',
  'operators.list',
  'reports.daily',
  'backups.list',
  'sync.status',
  'codes.lookup',
  'packages.list',
  'jobs.shipBackPlan',
  'packages.photo',
  'packages.history',
  'certificates.render',
  'printers.testRender',
  'shifts.summary',
] as const satisfies readonly MethodName[];
export type ReadOnlyMethod = (typeof READ_ONLY_METHODS)[number];
export type ChangingMethod = Exclude<MethodName, ReadOnlyMethod>;

const EVERY_TOPIC: readonly ChangeTopic[] = CHANGE_TOPICS;
/** A recorded transition moves a drive or a job and queues a row for upstream. */
const TRANSITIONS: readonly ChangeTopic[] = ['jobs', 'packages', 'drives', 'sync'];

/**
 * What each changing method touches. Typed over every method that is not read-only: a method
 * added to the contract fails the type check until it is placed here or in READ_ONLY_METHODS.
 */
export const METHOD_CHANGES: { readonly [M in ChangingMethod]: readonly ChangeTopic[] } = {
  'jobs.import': TRANSITIONS,
  'packages.checkIn': TRANSITIONS,
  'scans.record': TRANSITIONS,
  'packages.close': TRANSITIONS,
  'scans.undo': TRANSITIONS,
  'jobs.purge': TRANSITIONS,
  'drives.transition': TRANSITIONS,
  'jobs.shipBack': TRANSITIONS,
  'settings.set': ['settings', 'sync'],
  'operators.save': ['operators'],
  'operators.remove': ['operators'],
  'operators.signIn': ['settings'],
  // A print, or a document rendered for one, flags the job for the operations team when its
  // address is incomplete (and answers missing_fields): announced even then.
  'labels.print': ['prints', 'jobs'],
  'labels.render': ['jobs'],
  'certificates.print': ['prints'],
  'printers.testPrint': ['prints'],
  'backups.create': ['backups'],
  'sync.run': EVERY_TOPIC,
  'sync.resolve': TRANSITIONS,
  'drives.remove': TRANSITIONS,
  'sync.enroll': ['settings', 'sync'],
  'packages.recordContact': ['packages'],
  'packages.release': TRANSITIONS,
  'packages.returnHeld': [...TRANSITIONS, 'prints'],
  'packages.destroy': TRANSITIONS,
  'packages.markDamaged': ['packages'],
  'packages.addPhoto': ['packages', 'backups'],
  // Like labels.render: a return label for an incomplete address flags the job.
  'packages.document': ['jobs'],
  'jobs.recordContact': ['jobs'],
  'jobs.extendWait': ['jobs'],
  'jobs.closeUnanswered': TRANSITIONS,
  'jobs.closeCancelled': TRANSITIONS,
  'jobs.destroyDrives': TRANSITIONS,
  'shifts.handover': ['settings', 'operators'],
  'demo.remove': EVERY_TOPIC,
};

/**
 * Refusals that still record something: a print that failed is logged, a label refused for missing
 * address fields flags its job. The host announces these like a success.
 */
export const ERRORS_THAT_RECORD: readonly string[] = ['printer', 'missing_fields'];

export function isReadOnlyMethod(method: string): method is ReadOnlyMethod {
  return (READ_ONLY_METHODS as readonly string[]).includes(method);
}

/** The topics a call of `method` may have changed: none for a read-only one, every topic for one nobody placed. */
export function changedTopics(method: string): readonly ChangeTopic[] {
  if (isReadOnlyMethod(method)) return [];
  return Object.prototype.hasOwnProperty.call(METHOD_CHANGES, method) ? METHOD_CHANGES[method as ChangingMethod] : EVERY_TOPIC;
}

/** What made a change: a method (from any client: this screen, another tab, a script) or the desk's own schedules. */
export type ChangeSource = MethodName | 'sync' | 'backup';

interface EventStamp {
  /** Increases by one per event of this desk process; a gap means events were missed. */
  readonly seq: number;
  /** When the host published it (ISO 8601, milliseconds): for measuring delivery. */
  readonly at: string;
}

export type DeskEventBody =
  /**
   * Data changed. `packageId` names the package when the change was made through one; `client`
   * names the connection that made it (the same id its own `hello` carried), so a screen can tell
   * another client's change from the answer it already has.
   */
  | {
      readonly type: 'changed';
      readonly source: ChangeSource;
      readonly topics: readonly ChangeTopic[];
      readonly packageId?: number;
      readonly client?: string;
    }
  /** The sync status moved (a run started, progressed or ended). */
  | { readonly type: 'sync'; readonly status: SyncStatus }
  /** A document went to a printer, or failed to. */
  | { readonly type: 'printed'; readonly entry: PrintLogEntry }
  /** The desk's settings changed (language, operator, printers, upstream …). */
  | { readonly type: 'settings'; readonly settings: DeskSettings }
  /**
   * First on every connection and after any gap: the client may have missed changes, so whatever
   * it shows is refreshed. `client` is this connection's id, as later `changed` events name it.
   */
  | { readonly type: 'hello'; readonly client?: string };

export type DeskEvent = DeskEventBody & EventStamp;

/** A client's id as the desk's transports carry it (web mode's X-Desk-Client header, a port's number). */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The request header web mode takes a page's client id from. */
export const CLIENT_ID_HEADER = 'x-desk-client';

const EVENT_TYPES: readonly string[] = ['changed', 'sync', 'printed', 'settings', 'hello'];

/** Accepts what a transport delivered when it has the shape of an event; null otherwise. */
export function asDeskEvent(value: unknown): DeskEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as Partial<Record<'type' | 'seq' | 'at', unknown>>;
  if (typeof candidate.type !== 'string' || !EVENT_TYPES.includes(candidate.type)) return null;
  if (typeof candidate.seq !== 'number' || typeof candidate.at !== 'string') return null;
  return value as DeskEvent;
}

/** Whether an event may change what a screen showing `topics` displays. */
export function eventTouches(event: DeskEvent, topics: readonly ChangeTopic[]): boolean {
  switch (event.type) {
    case 'hello':
      return true;
    case 'changed':
      return event.topics.some((topic) => topics.includes(topic));
    case 'sync':
      return topics.includes('sync');
    case 'printed':
      return topics.includes('prints');
    case 'settings':
      return topics.includes('settings');
  }
}
