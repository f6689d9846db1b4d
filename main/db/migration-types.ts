import type { Database } from 'better-sqlite3';

/** One forward-only schema step. Versions are consecutive from 1; the database records the last applied. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** A step SQL alone cannot take (hashing, re-projecting JSON), run after `sql` in the same transaction. */
  readonly run?: (db: Database) => void;
}
