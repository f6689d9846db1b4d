import type { Migration } from '../migration-types';

/**
 * A scan can be undone (its drive moves back by a compensating transition; the scan row is
 * marked, never deleted), and ended jobs can be purged from the desk while their history stays.
 */
export const migration002UndoAndPurge: Migration = {
  version: 2,
  name: 'undo scans, purge ended jobs',
  sql: `
    ALTER TABLE scans ADD COLUMN undone_at TEXT;
    ALTER TABLE scans ADD COLUMN undone_by TEXT;
    ALTER TABLE jobs ADD COLUMN purged_at TEXT;
    CREATE INDEX transitions_by_scan ON transitions (scan_id);
    CREATE INDEX transitions_by_drive ON transitions (drive_id);
    CREATE INDEX packages_held_open ON packages (held, status);
  `,
};
