import type { Migration } from '../migration-types';

/**
 * Fewer index pages written per scan (docs/performance.md: a scan's commit costs what it writes to the WAL).
 * - History by serial goes through the drives with that serial (drives_by_serial), then by drive.
 * - "When did this job last enter a state" needs job transitions only: a partial index.
 * - A day's report reads by time rarely; it scans instead of every scan paying for two time indexes.
 */
export const migration006LeanScanPath: Migration = {
  version: 6,
  name: 'lean scan path',
  sql: `
    DROP INDEX transitions_by_serial;
    DROP INDEX transitions_by_job;
    CREATE INDEX job_transitions_by_job ON transitions (job_id, to_state) WHERE entity = 'job';
    DROP INDEX transitions_by_time;
    DROP INDEX scans_by_time;
  `,
};
