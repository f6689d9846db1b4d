/** What a route handler answers; the server writes it (or, for a fault, does not). */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** Every error body is `{ error }`: one sentence an operator or a test can read. */
export const failure = (status: number, message: string): Reply => ({ status, body: { error: message } });
