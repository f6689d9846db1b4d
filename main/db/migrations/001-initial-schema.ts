import type { Migration } from '../migration-types';

/** Jobs, drives, packages, scans, the append-only transition log and the sync outbox. */
export const migration001InitialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE jobs (
      id                   INTEGER PRIMARY KEY,
      name                 TEXT NOT NULL UNIQUE,
      arm_id               TEXT,
      job_type             TEXT NOT NULL,
      state                TEXT NOT NULL,
      faulted_from         TEXT,
      cancel_requested     INTEGER NOT NULL DEFAULT 0,
      location             TEXT,
      tracking_number      TEXT,
      carrier_name         TEXT,
      declared_drive_count INTEGER,
      ship_date_raw        TEXT,
      -- The job document as imported, BitLocker keys removed: addresses, carrier account, etc.
      document_json        TEXT NOT NULL,
      is_demo              INTEGER NOT NULL DEFAULT 0,
      imported_at          TEXT NOT NULL,
      updated_at           TEXT NOT NULL
    ) STRICT;
    CREATE INDEX jobs_by_tracking_number ON jobs (tracking_number);
    CREATE INDEX jobs_by_state ON jobs (state);

    CREATE TABLE packages (
      id                   INTEGER PRIMARY KEY,
      tracking_number      TEXT NOT NULL UNIQUE,
      carrier_name         TEXT,
      job_id               INTEGER REFERENCES jobs (id),
      verdict              TEXT NOT NULL,
      held                 INTEGER NOT NULL,
      status               TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      declared_drive_count INTEGER,
      checked_in_at        TEXT NOT NULL,
      checked_in_by        TEXT NOT NULL,
      desk_id              TEXT NOT NULL,
      closed_at            TEXT,
      closed_by            TEXT
    ) STRICT;
    CREATE INDEX packages_by_job ON packages (job_id);

    CREATE TABLE drives (
      id                INTEGER PRIMARY KEY,
      job_id            INTEGER NOT NULL REFERENCES jobs (id),
      serial            TEXT NOT NULL,
      drive_id_raw      TEXT NOT NULL,
      state             TEXT NOT NULL,
      faulted_from      TEXT,
      is_extra          INTEGER NOT NULL DEFAULT 0,
      package_id        INTEGER REFERENCES packages (id),
      manifest_file     TEXT,
      manifest_hash     TEXT,
      drive_header_hash TEXT,
      copy_status       TEXT,
      percent_complete  INTEGER,
      UNIQUE (job_id, serial)
    ) STRICT;
    CREATE INDEX drives_by_serial ON drives (serial);

    CREATE TABLE scans (
      id          INTEGER PRIMARY KEY,
      package_id  INTEGER NOT NULL REFERENCES packages (id),
      serial      TEXT NOT NULL,
      verdict     TEXT NOT NULL,
      drive_id    INTEGER REFERENCES drives (id),
      keyed       INTEGER NOT NULL DEFAULT 0,
      scanned_at  TEXT NOT NULL,
      operator    TEXT NOT NULL,
      desk_id     TEXT NOT NULL
    ) STRICT;
    CREATE INDEX scans_by_package ON scans (package_id, verdict);

    -- Append-only: the triggers below refuse any UPDATE or DELETE. A wrong move is undone
    -- by a compensating transition, never by rewriting history.
    CREATE TABLE transitions (
      id          INTEGER PRIMARY KEY,
      client_id   TEXT NOT NULL UNIQUE,
      entity      TEXT NOT NULL CHECK (entity IN ('drive', 'job')),
      job_id      INTEGER NOT NULL REFERENCES jobs (id),
      job_name    TEXT NOT NULL,
      drive_id    INTEGER REFERENCES drives (id),
      serial      TEXT,
      from_state  TEXT,
      to_state    TEXT NOT NULL,
      reason      TEXT,
      note        TEXT,
      operator    TEXT NOT NULL,
      desk_id     TEXT NOT NULL,
      at          TEXT NOT NULL,
      package_id  INTEGER REFERENCES packages (id),
      scan_id     INTEGER REFERENCES scans (id)
    ) STRICT;
    CREATE INDEX transitions_by_serial ON transitions (serial);
    CREATE INDEX transitions_by_job ON transitions (job_id);
    CREATE TRIGGER transitions_are_append_only_update BEFORE UPDATE ON transitions
      BEGIN SELECT RAISE(ABORT, 'transitions are append-only'); END;
    CREATE TRIGGER transitions_are_append_only_delete BEFORE DELETE ON transitions
      BEGIN SELECT RAISE(ABORT, 'transitions are append-only'); END;

    -- One row per transition to send upstream; seq is the per-desk sequence of the sync protocol.
    CREATE TABLE outbox (
      seq             INTEGER PRIMARY KEY AUTOINCREMENT,
      transition_id   INTEGER NOT NULL UNIQUE REFERENCES transitions (id),
      status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'rejected')),
      attempts        INTEGER NOT NULL DEFAULT 0,
      last_error      TEXT,
      upstream_state  TEXT,
      sent_at         TEXT
    ) STRICT;
    CREATE INDEX outbox_pending ON outbox (status, seq);
  `,
};
