/**
 * The upstream sync protocol's wire types (docs/sync-protocol.md): what the desk sends and what
 * it accepts back. Both sides validate with these schemas; an upstream reply that does not fit is
 * treated as a failed attempt, never applied in part.
 */
import { z } from 'zod';
import { MAX_NOTE_LENGTH, MAX_TEXT_FIELD_LENGTH, MAX_UPSTREAM_TOKEN_LENGTH } from '../rpc/limits';

export const TRANSITIONS_PATH = '/v1/transitions';
export const CHANGES_PATH = '/v1/jobs/changes';
/** Server-Sent Events: "something changed at the site", for a desk to pull at once. */
export const EVENTS_PATH = '/v1/events';
/** Where a desk exchanges its one-use enrollment code for its own token. */
export const ENROLL_PATH = '/v1/enroll';
/** The most transitions one push request carries. */
export const MAX_PUSH_BATCH = 100;
/** The most job documents one changes page carries; the upstream may send fewer. */
export const MAX_CHANGES_PAGE = 200;

const text = z.string().max(MAX_TEXT_FIELD_LENGTH);

export const pushItemSchema = z.strictObject({
  /** Per-desk sequence: 1, 2, 3 … with no gap, in the order the desk recorded the transitions. */
  seq: z.number().int().positive(),
  /** Made by the desk when it recorded the transition; the upstream applies each id at most once. */
  clientId: z.string().min(1).max(64),
  entity: z.enum(['drive', 'job']),
  jobName: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH),
  /** Normalised serial; null for a job transition. */
  serial: text.nullable(),
  /** The serial as the document or the scan gave it; null for a job transition. */
  driveId: text.nullable(),
  /** The state the desk saw before the move; null when the desk created the drive (extra or export). */
  from: text.nullable(),
  to: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH),
  reason: text.nullable(),
  note: z.string().max(MAX_NOTE_LENGTH).nullable(),
  operator: text,
  /** When the desk recorded it (ISO 8601, UTC). */
  at: z.string().min(1).max(64),
  /** For an undo: the client id of the transition this one reverses. */
  compensates: z.string().max(64).nullable(),
  /** The drive is not on the job's list: the desk found it in the box. */
  extra: z.boolean(),
});
export type PushItem = z.infer<typeof pushItemSchema>;

export const pushRequestSchema = z.strictObject({
  deskId: z.string().min(1).max(64),
  deskName: text,
  items: z.array(pushItemSchema).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const PUSH_STATUSES = ['applied', 'duplicate', 'rejected'] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

export const pushResultSchema = z.object({
  clientId: z.string().min(1).max(64),
  seq: z.number().int().positive(),
  status: z.enum(PUSH_STATUSES),
  /** The upstream's state of the drive or job after this item (null when it knows no such drive). */
  state: text.nullable(),
  /** Why an item was rejected, in words an operator can act on. */
  reason: z.string().max(MAX_NOTE_LENGTH).optional(),
});
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  /** One result per item the upstream processed, in seq order; items after a gap are left out. */
  results: z.array(pushResultSchema).max(MAX_PUSH_BATCH),
  /** The next seq the upstream expects from this desk: resend from here. */
  expectedSeq: z.number().int().positive(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const changesResponseSchema = z.object({
  /** Job documents in the public API's JSON shape (validated one by one by the desk's import). */
  value: z.array(z.unknown()).max(MAX_CHANGES_PAGE),
  /** Opaque: pass it back as `after` to continue. */
  cursor: z.string().max(200),
  hasMore: z.boolean(),
  /** Jobs still to come after this page, for a progress bar. */
  remaining: z.number().int().min(0).optional(),
  /** The cursor sent is too old or unknown: drop it and fetch everything from the start. */
  mustRefetch: z.boolean().optional(),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

export const enrollRequestSchema = z.strictObject({
  enrollmentCode: z.string().min(1).max(64),
  /** The desk's own id (made once by the desk); the token will speak for this desk only. */
  deskId: z.string().min(1).max(64),
  deskName: text,
  /** The desk's version, shown to the site's supervisor. */
  version: z.string().max(64).optional(),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const enrollResponseSchema = z.object({
  /** The hub's id of this desk (what its admin lists and revokes). */
  deskId: z.string().min(1).max(64),
  /** The name the admin gave the desk. */
  name: text,
  /** The desk's own token: 256 random bits, shown this once; the hub keeps only its hash. */
  token: z.string().min(32).max(MAX_UPSTREAM_TOKEN_LENGTH),
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;
