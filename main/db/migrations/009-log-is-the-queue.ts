import type { Migration } from '../migration-types';

/**
 * Fewer pages per scan (docs/performance.md: a scan's commit costs what it writes to the WAL).
 * - The transition log is the upstream queue: a transition no longer gets its outbox row in the
 *   commit that records it, but when the sync engine sends it (outbox-repository.ts). The outbox
 *   row, its status index and its subject index were three of a scan's ten pages. Existing rows
 *   stay as they are.
 * - A scan's moves are found through its drive (transitions_by_drive), not by an index on scan_id.
 */
export const migration009LogIsTheQueue: Migration = {
  version: 9,
  name: 'the transition log is the upstream queue',
  sql: `
    DROP INDEX transitions_by_scan;
  `,
};
