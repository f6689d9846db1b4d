/**
 * The one face the hub's code sees of its database, whichever engine is behind it: a PostgreSQL
 * server through `pg`, or embedded PostgreSQL (PGlite) in the hub's data folder. The same SQL runs
 * on both (docs/hub.md).
 */

export interface SqlResult<R> {
  readonly rows: R[];
  readonly rowCount: number;
}

export interface SqlClient {
  /**
   * `name` makes it a prepared statement on a server (parsed and planned once per connection): for
   * the statements every push and pull runs. The same name must always come with the same text.
   */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], name?: string): Promise<SqlResult<R>>;
  /** Runs a script of several statements without parameters (a migration). */
  exec(script: string): Promise<void>;
}

export type Notification = (payload: string) => void;

export interface SqlPool extends SqlClient {
  /** 'postgres' for a server, 'embedded' for PGlite. */
  readonly kind: 'postgres' | 'embedded';
  /**
   * Runs `work` in one transaction (READ COMMITTED; the work takes the row locks it needs). A
   * deadlock or serialization failure rolls back and runs `work` again from the start, a few times.
   */
  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; the returned function stops listening. */
  listen(channel: string, onNotify: Notification): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** PostgreSQL's codes for "run the transaction again": serialization failure, deadlock detected. */
const RETRYABLE_CODES = new Set(['40001', '40P01']);
/** A transaction that keeps losing races this often is reported, not retried for ever. */
export const MAX_TRANSACTION_ATTEMPTS = 8;

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/** The SQLSTATE of a unique violation: another process committed the same key first. */
export const UNIQUE_VIOLATION = '23505';

export function sqlState(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** A short wait before a retry, so two transactions that deadlocked do not meet again at once. */
export function retryDelayMs(attempt: number): number {
  return Math.floor(Math.random() * 5 * 2 ** Math.min(attempt, 6));
}

/** Channel names are SQL identifiers here: only these characters, so they need no quoting. */
export function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  return channel;
}
