import type { Migration } from '../migration-types';

/**
 * Return labels and printing: the return shipment a job leaves with, a flag for the operations team
 * (a job whose return address is incomplete cannot get a label), and the print log: what, when,
 * who, which printer, and why it was printed again. The log is append-only like the transitions.
 */
export const migration004Labels: Migration = {
  version: 4,
  name: 'labels and printing',
  sql: `
    ALTER TABLE jobs ADD COLUMN ops_flag TEXT;
    ALTER TABLE jobs ADD COLUMN return_carrier TEXT;
    ALTER TABLE jobs ADD COLUMN return_tracking_number TEXT;

    CREATE TABLE print_log (
      id              INTEGER PRIMARY KEY,
      job_name        TEXT,
      kind            TEXT NOT NULL,
      format          TEXT NOT NULL,
      printer         TEXT NOT NULL,
      outcome         TEXT NOT NULL CHECK (outcome IN ('printed', 'sentToDialog', 'failed')),
      error           TEXT,
      reprint_reason  TEXT,
      content_sha256  TEXT NOT NULL,
      operator        TEXT NOT NULL,
      desk_id         TEXT NOT NULL,
      at              TEXT NOT NULL
    ) STRICT;
    CREATE INDEX print_log_by_job ON print_log (job_name, kind);
    CREATE TRIGGER print_log_is_append_only_update BEFORE UPDATE ON print_log
      BEGIN SELECT RAISE(ABORT, 'the print log is append-only'); END;
    CREATE TRIGGER print_log_is_append_only_delete BEFORE DELETE ON print_log
      BEGIN SELECT RAISE(ABORT, 'the print log is append-only'); END;
  `,
};
