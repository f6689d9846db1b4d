/**
 * Forward-only migrations (docs/hub.md, "upgrades"). Several hub processes may start at once on one
 * database: an advisory lock lets one of them migrate while the others wait and then find nothing
 * to do. A database migrated by a newer hub is refused, not misread.
 */
import { HUB_MIGRATIONS } from '../migrations';
import type { HubMigration } from '../migrations/migration-types';
import type { SqlPool } from './sql';

/** Any fixed number: the key of the advisory lock every starting hub takes while it migrates. */
const MIGRATION_LOCK_KEY = 7_310_017;

export class NewerSchemaError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`the hub database has schema version ${found}, but this hub knows versions up to ${known}: run the newer hub, or restore a backup taken before it migrated`);
    this.name = 'NewerSchemaError';
  }
}

export function latestVersion(migrations: readonly HubMigration[] = HUB_MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Applies every migration the database lacks, all in one transaction; returns the versions applied. */
export async function migrateHub(pool: SqlPool, migrations: readonly HubMigration[] = HUB_MIGRATIONS): Promise<number[]> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`hub migration ${migration.name} is numbered ${migration.version}, expected ${index + 1}`);
  });
  const known = latestVersion(migrations);
  return pool.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS hub_schema (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM hub_schema');
    const current = Number(rows[0]?.version ?? 0);
    if (current > known) throw new NewerSchemaError(current, known);
    const applied: number[] = [];
    for (const migration of migrations.slice(current)) {
      await client.exec(migration.sql);
      await client.query('INSERT INTO hub_schema (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
