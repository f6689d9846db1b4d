import type { Migration } from '../migration-types';

/**
 * Operators who sign in at the desk, by badge or by name (every transition carries who it was), and
 * the time indexes a day's report reads by.
 */
export const migration005Operators: Migration = {
  version: 5,
  name: 'operators and daily reports',
  sql: `
    CREATE TABLE operators (
      name        TEXT PRIMARY KEY,
      badge       TEXT UNIQUE,
      created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX transitions_by_time ON transitions (at);
    CREATE INDEX scans_by_time ON scans (scanned_at);
  `,
};
