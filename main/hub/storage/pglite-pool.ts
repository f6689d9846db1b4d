/**
 * The hub's embedded default: PostgreSQL compiled to WebAssembly (PGlite), in-process, persisted
 * in the hub's data folder. One connection, so one hub process per folder; the same migrations and
 * queries as on a server (docs/hub.md, "one desk alone" and a small site).
 */
import { PGlite } from '@electric-sql/pglite';
import { checkChannel, type Notification, type SqlClient, type SqlPool, type SqlResult } from './sql';

interface Queryable {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(script: string): Promise<unknown>;
}

const wrap = (target: Queryable): SqlClient => ({
  // One connection that lives as long as the process: PGlite caches what it parses itself.
  async query<R>(text: string, params: readonly unknown[] = [], _name?: string): Promise<SqlResult<R>> {
    const result = await target.query<R>(text, [...params]);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  },
  async exec(script: string) {
    await target.exec(script);
  },
});

export async function createPgLitePool(dataDir: string): Promise<SqlPool> {
  const db = await PGlite.create(dataDir);
  const direct = wrap(db);
  return {
    kind: 'embedded',
    query: (text, params, name) => direct.query(text, params, name),
    exec: (script) => direct.exec(script),
    // PGlite runs one transaction at a time (its own lock), so two cannot deadlock each other.
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async listen(channel: string, onNotify: Notification) {
      const stop = await db.listen(checkChannel(channel), onNotify);
      return async () => {
        await stop();
      };
    },
    close: () => db.close(),
  };
}
