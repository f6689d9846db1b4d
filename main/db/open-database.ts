import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { migrate } from './migrate';
import type { Migration } from './migration-types';
import { openFailure } from './storage-errors';
import { backupBeforeMigration } from './backups';
import { createOwnerOnlyFile, tightenFile } from './owner-only';

export type { Database } from 'better-sqlite3';

/** How long a writer waits for another connection's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

export interface OpenDatabaseOptions {
  /**
   * An Electron-ABI build of better-sqlite3, absolute path. Under Electron the app passes it so
   * that the Node build the tests use is never overwritten (see docs/packaging.md).
   */
  readonly nativeBinding?: string;
  readonly readonly?: boolean;
  /** The migrations to bring it to; all of them unless a test builds an older schema on purpose. */
  readonly migrations?: readonly Migration[];
  /** A ceiling on the file's size in pages: how the tests make a disk that is full. */
  readonly maxPageCount?: number;
}

/**
 * Opens the desk's database durably: WAL so readers never block the scanner's writes,
 * synchronous=FULL so an acknowledged scan survives a power cut, foreign keys on.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  try {
    return openOrThrow(file, options);
  } catch (error) {
    // Nothing was written: SQLite opens, checks and migrates inside transactions or not at all.
    throw openFailure(error, file);
  }
}

/** The database and the files SQLite keeps beside it. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

function openOrThrow(file: string, options: OpenDatabaseOptions): Database {
  if (options.readonly !== true && file !== ':memory:') {
    // 0600 before SQLite creates it: its -wal and -shm take the database file's mode. Best effort:
    // where the folder cannot be written, SQLite's own open fails next and says why.
    try {
      createOwnerOnlyFile(file);
      for (const suffix of SIDE_FILES) tightenFile(file + suffix);
    } catch {
      // Reported by the open below.
    }
  }
  const db = new BetterSqlite3(file, {
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    ...(options.readonly === true ? { readonly: true } : {}),
  });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (options.readonly !== true) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // Freed space is zeroed: a purged customer document or a replaced credential does not linger in the file.
    db.pragma('secure_delete = ON');
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
    // A damaged file must be found now, before the desk takes a scan into it.
    db.pragma('schema_version');
    if (options.readonly !== true) {
      migrate(db, options.migrations ?? MIGRATIONS, (_from, to) => backupBeforeMigration(db, file, to));
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
