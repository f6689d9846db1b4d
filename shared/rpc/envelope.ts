/** The `{ok, value}` / `{ok: false, error}` envelope every method answers with (DESIGN §3). */
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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface RpcError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Structured facts a screen can use (legal moves, the offending field …). */
  readonly details?: unknown;
}

export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RpcError };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: unknown): Envelope<never> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
}

/** Thrown inside the core to end a method with a domain error; the dispatcher turns it into an envelope. */
export class DeskError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
    this.details = details;
  }
}
