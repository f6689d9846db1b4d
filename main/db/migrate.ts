import type { Database } from 'better-sqlite3';
import { DeskError } from '../../shared/rpc/envelope';
import type { Migration } from './migration-types';

/** Applies the missing migrations, each in its own transaction; refuses a database newer than this code. */
export function migrate(
  db: Database,
  migrations: readonly Migration[],
  beforeMigrating: (from: number, to: number) => void = () => undefined,
): { from: number; to: number } {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration list is not consecutive at ${migration.name} (version ${migration.version})`);
    }
  });
  const latest = migrations.length;
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > latest) {
    throw new DeskError(
      'storage',
      `This database is at schema version ${current}, newer than this Receiving Desk (version ${latest}). ` +
        'Install the newer Receiving Desk that wrote it, or restore a backup made by this version.',
      { databaseVersion: current, codeVersion: latest },
      { key: 'databaseTooNew', params: { databaseVersion: current, codeVersion: latest } },
    );
  }
  // A database with data gets a backup before its schema changes; a new one has nothing to keep.
  if (current > 0 && current < latest) beforeMigrating(current, latest);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      migration.run?.(db);
      // PRAGMA takes no bound parameters; the version is an integer from our own list.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from: current, to: latest };
}
