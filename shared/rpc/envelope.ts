/** The `{ok, value}` / `{ok: false, error}` envelope every method answers with (docs/architecture.md, "Methods"). */
export const ERROR_CODES = [
  'invalid_params',
  'unknown_method',
  'not_found',
  'illegal_transition',
  'invalid_document',
  'conflict',
  'storage',
  'internal',
  'unauthorized',
  'not_configured',
  'missing_fields',
  'printer',
  'upstream',
  /** The desk is shutting down (or not started): nothing was run. */
  'unavailable',
  /** A tracking number that fits a carrier's format but fails its check digit: scan it again. */
  'misread',
  /** A supervisor action without a supervisor's badge, or with someone else's. */
  'forbidden',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The values a message key is filled with; plain, so they cross every transport unchanged. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * What a screen needs to say an error in the operator's language: a stable key of the `core`
 * section of the catalogues (docs/i18n.md) and the values it is filled with. `message` stays the
 * English sentence for scripts and logs.
 */
export interface ErrorText {
  readonly key: string;
  readonly params?: MessageParams;
}

/**
 * Anything the core says to an operator (a refusal, a scan's verdict, what an action did): a key of
 * the `core` section and its params. Params named `state`, `from`, `to` hold drive states,
 * `jobState` a job state and `faultReason` a fault reason code, which a screen says in words too.
 */
export type CoreText = ErrorText;

export interface RpcError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Stable message key in the catalogues' `core` section; see ErrorText. */
  readonly key?: string;
  readonly params?: MessageParams;
  /** Structured facts a screen can use (legal moves, the offending field …). */
  readonly details?: unknown;
}

export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RpcError };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: unknown, text?: ErrorText): Envelope<never> {
  const error: RpcError = {
    code,
    message,
    ...(text === undefined ? {} : { key: text.key, ...(text.params === undefined ? {} : { params: text.params }) }),
    ...(details === undefined ? {} : { details }),
  };
  return { ok: false, error };
}

/** Thrown inside the core to end a method with a domain error; the dispatcher turns it into an envelope. */
export class DeskError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly text: ErrorText | undefined;
  /** `text` lets a screen say it in the operator's language; every new error should carry one. */
  constructor(code: ErrorCode, message: string, details?: unknown, text?: ErrorText) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
    this.details = details;
    this.text = text;
  }
}
