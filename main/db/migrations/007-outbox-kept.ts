import type { Migration } from '../migration-types';

/**
 * Outbox rows are kept for good (a sent row is the record that the upstream has it), and the sync
 * counts rely on it: with no row ever deleted, max(seq) is the number of rows.
 */
export const migration007OutboxKept: Migration = {
  version: 7,
  name: 'outbox rows are kept',
  sql: `
    CREATE TRIGGER outbox_rows_are_kept BEFORE DELETE ON outbox
      BEGIN SELECT RAISE(ABORT, 'outbox rows are kept'); END;
  `,
};
