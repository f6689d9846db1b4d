/**
 * The hub on a PostgreSQL server (`--database postgres://…`), through `pg`. Every hub process on
 * the same database keeps its own small pool; what must hold across processes (exactly once, each
 * desk's order, the change cursor) is held by the database's transactions and constraints.
 */
import pg from 'pg';
import { checkChannel, isRetryable, MAX_TRANSACTION_ATTEMPTS, retryDelayMs, type Notification, type SqlClient, type SqlPool, type SqlResult } from './sql';

/** Connections per hub process: pushes hold one for a few milliseconds each. */
export const DEFAULT_POOL_SIZE = 10;
/** A query that cannot get a connection in this long fails (the server is gone or overloaded). */
const CONNECT_TIMEOUT_MS = 10_000;
/** No statement may run longer than this: a stuck query must not hold a desk's lock for ever. */
const STATEMENT_TIMEOUT_MS = 30_000;
/** How long to wait before the listening connection tries again after losing the server. */
const LISTEN_RECONNECT_MS = 1_000;

const wrap = (client: pg.ClientBase): SqlClient => ({
  async query<R>(text: string, params: readonly unknown[] = [], name?: string): Promise<SqlResult<R>> {
    const result = await client.query(name === undefined ? { text, values: params as unknown[] } : { name, text, values: params as unknown[] });
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  },
  async exec(script: string) {
    // Without parameters pg uses the simple query protocol, which runs several statements.
    await client.query(script);
  },
});

export function createPgPool(connectionString: string, size = DEFAULT_POOL_SIZE): SqlPool {
  const config: pg.PoolConfig = {
    connectionString,
    max: size,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: 'receiving-hub',
  };
  const pool = new pg.Pool(config);
  // An idle connection the server dropped is discarded by the pool; nothing to do but not crash.
  pool.on('error', () => undefined);
  const listeners = new Set<{ stop(): Promise<void> }>();

  return {
    kind: 'postgres',
    async query<R>(text: string, params: readonly unknown[] = [], name?: string) {
      const result = await pool.query(name === undefined ? { text, values: params as unknown[] } : { name, text, values: params as unknown[] });
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    async exec(script: string) {
      await pool.query(script);
    },
    async transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt += 1) {
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query('BEGIN');
          const value = await work(wrap(client));
          await client.query('COMMIT');
          return value;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true;
          }
          if (!isRetryable(error) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
        } finally {
          client.release(broken);
        }
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
      }
    },
    async listen(channel: string, onNotify: Notification) {
      checkChannel(channel);
      let client: pg.Client | null = null;
      let stopped = false;
      let timer: NodeJS.Timeout | null = null;
      const connect = async (): Promise<void> => {
        const next = new pg.Client({ connectionString, application_name: 'receiving-hub-listen' });
        next.on('notification', (message) => {
          if (message.channel === channel) onNotify(message.payload ?? '');
        });
        const retry = () => {
          if (stopped || timer !== null) return;
          client = null;
          timer = setTimeout(() => {
            timer = null;
            // Notifications sent while the connection was down are lost: say "something may have changed".
            connect().then(() => onNotify(''), retry);
          }, LISTEN_RECONNECT_MS);
          timer.unref();
        };
        next.on('error', () => {
          void next.end().catch(() => undefined);
          retry();
        });
        await next.connect();
        await next.query(`LISTEN ${channel}`);
        if (stopped) {
          await next.end();
          return;
        }
        client = next;
      };
      await connect();
      const handle = {
        async stop() {
          stopped = true;
          if (timer !== null) clearTimeout(timer);
          listeners.delete(handle);
          await client?.end().catch(() => undefined);
        },
      };
      listeners.add(handle);
      return () => handle.stop();
    },
    async close() {
      await Promise.all([...listeners].map((listener) => listener.stop()));
      await pool.end();
    },
  };
}
