import type { Database } from 'better-sqlite3';
import { jobDocumentSchema, projectJobDocument } from '../../../shared/domain/job-document';
import { normalizeCode } from '../../../shared/domain/serial';
import { hashBadgeSync } from '../badge-hash';
import type { Migration } from '../migration-types';

const appendOnly = (table: string) => `
    CREATE TRIGGER ${table}_are_append_only_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} are append-only'); END;
    CREATE TRIGGER ${table}_are_append_only_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} are append-only'); END;`;

/**
 * The supervisor's desk (docs/receiving-rules.md, "Held packages", "Roles", "Shifts"):
 * - a held package ends released, returned or destroyed, each a recorded step; contacts with the
 *   customer are logged on the package or the job (append-only event logs);
 * - destruction certificates are kept with the SHA-256 of their content (append-only);
 * - operators have a role, and a badge only as a salted scrypt hash: the plain badges are hashed
 *   here and their column is gone (secure_delete zeroes the freed pages);
 * - who confirmed a supervisor action is recorded beside who did it;
 * - sign-ins are kept as shift sessions, ended by a handover;
 * - a package can be marked damaged at the dock, with photos kept as files beside the database;
 * - the carrier read from a tracking number, and any difference from the job's, stay on the package;
 * - the print log also knows a download (a file, not a print).
 * Job documents stored before the allow-listed projection are projected again, so a BitLocker key
 * kept under an unexpected spelling by an older desk is removed too.
 */
export const migration010SupervisorsDesk: Migration = {
  version: 10,
  name: "supervisor's desk",
  sql: `
    ALTER TABLE packages ADD COLUMN outcome TEXT CHECK (outcome IN ('released', 'returned', 'destroyed'));
    ALTER TABLE packages ADD COLUMN outcome_at TEXT;
    ALTER TABLE packages ADD COLUMN return_carrier TEXT;
    ALTER TABLE packages ADD COLUMN return_tracking_number TEXT;
    ALTER TABLE packages ADD COLUMN damaged INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE packages ADD COLUMN damage_note TEXT;
    ALTER TABLE packages ADD COLUMN carrier_read TEXT;
    ALTER TABLE packages ADD COLUMN carrier_note TEXT;
    CREATE INDEX packages_by_outcome ON packages (held, outcome);

    ALTER TABLE jobs ADD COLUMN wait_until TEXT;
    ALTER TABLE jobs ADD COLUMN ops_flag_at TEXT;
    ALTER TABLE transitions ADD COLUMN confirmed_by TEXT;
    -- "Was this move undone?" for reports read in windows: only undo moves are in this index, so a
    -- scan's commit writes no page of it.
    CREATE INDEX transitions_by_compensated ON transitions (compensates_id) WHERE compensates_id IS NOT NULL;

    CREATE TABLE certificates (
      id              INTEGER PRIMARY KEY,
      kind            TEXT NOT NULL CHECK (kind IN ('package', 'batch', 'job')),
      package_id      INTEGER REFERENCES packages (id),
      job_name        TEXT,
      content_json    TEXT NOT NULL,
      content_sha256  TEXT NOT NULL,
      performed_by    TEXT NOT NULL,
      validated_by    TEXT NOT NULL,
      desk_id         TEXT NOT NULL,
      created_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX certificates_by_package ON certificates (package_id);
    ${appendOnly('certificates')}

    CREATE TABLE package_events (
      id              INTEGER PRIMARY KEY,
      package_id      INTEGER NOT NULL REFERENCES packages (id),
      kind            TEXT NOT NULL CHECK (kind IN ('contact', 'release', 'return', 'destroy', 'damage', 'photo')),
      note            TEXT,
      operator        TEXT NOT NULL,
      confirmed_by    TEXT,
      desk_id         TEXT NOT NULL,
      at              TEXT NOT NULL,
      certificate_id  INTEGER REFERENCES certificates (id)
    ) STRICT;
    CREATE INDEX package_events_by_package ON package_events (package_id, id);
    ${appendOnly('package_events')}

    CREATE TABLE job_events (
      id              INTEGER PRIMARY KEY,
      job_id          INTEGER NOT NULL REFERENCES jobs (id),
      kind            TEXT NOT NULL CHECK (kind IN ('contact', 'extendWait', 'closeUnanswered', 'closeCancelled')),
      note            TEXT,
      wait_until      TEXT,
      operator        TEXT NOT NULL,
      confirmed_by    TEXT,
      desk_id         TEXT NOT NULL,
      at              TEXT NOT NULL
    ) STRICT;
    CREATE INDEX job_events_by_job ON job_events (job_id, id);
    ${appendOnly('job_events')}

    CREATE TABLE package_photos (
      id              INTEGER PRIMARY KEY,
      package_id      INTEGER NOT NULL REFERENCES packages (id),
      file_name       TEXT NOT NULL UNIQUE,
      sha256          TEXT NOT NULL,
      bytes           INTEGER NOT NULL,
      content_type    TEXT NOT NULL,
      operator        TEXT NOT NULL,
      desk_id         TEXT NOT NULL,
      taken_at        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX package_photos_by_package ON package_photos (package_id);
    ${appendOnly('package_photos')}

    CREATE TABLE operator_sessions (
      id              INTEGER PRIMARY KEY,
      operator        TEXT NOT NULL,
      desk_id         TEXT NOT NULL,
      signed_in_at    TEXT NOT NULL,
      signed_out_at   TEXT,
      handover_note   TEXT
    ) STRICT;
    CREATE INDEX operator_sessions_open ON operator_sessions (signed_out_at, id);

    CREATE TABLE operators_v9 (
      name        TEXT PRIMARY KEY,
      role        TEXT NOT NULL DEFAULT 'operator' CHECK (role IN ('operator', 'supervisor')),
      badge_hash  TEXT,
      title       TEXT,
      phone       TEXT,
      created_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE print_log_v9 (
      id              INTEGER PRIMARY KEY,
      job_name        TEXT,
      kind            TEXT NOT NULL,
      format          TEXT NOT NULL,
      printer         TEXT NOT NULL,
      outcome         TEXT NOT NULL CHECK (outcome IN ('printed', 'sentToDialog', 'downloaded', 'failed')),
      error           TEXT,
      reprint_reason  TEXT,
      content_sha256  TEXT NOT NULL,
      operator        TEXT NOT NULL,
      desk_id         TEXT NOT NULL,
      at              TEXT NOT NULL,
      package_id      INTEGER REFERENCES packages (id),
      certificate_id  INTEGER REFERENCES certificates (id)
    ) STRICT;
    INSERT INTO print_log_v9 (id, job_name, kind, format, printer, outcome, error, reprint_reason, content_sha256, operator, desk_id, at)
      SELECT id, job_name, kind, format, printer, outcome, error, reprint_reason, content_sha256, operator, desk_id, at FROM print_log ORDER BY id;
    DROP TABLE print_log;
    ALTER TABLE print_log_v9 RENAME TO print_log;
    CREATE INDEX print_log_by_job ON print_log (job_name, kind);
    CREATE INDEX print_log_by_time ON print_log (at);
    CREATE TRIGGER print_log_is_append_only_update BEFORE UPDATE ON print_log
      BEGIN SELECT RAISE(ABORT, 'the print log is append-only'); END;
    CREATE TRIGGER print_log_is_append_only_delete BEFORE DELETE ON print_log
      BEGIN SELECT RAISE(ABORT, 'the print log is append-only'); END;
  `,
  run(db: Database) {
    // Freed pages holding the plain badges or an old document are zeroed, not left in the file.
    db.pragma('secure_delete = ON');
    const insert = db.prepare('INSERT INTO operators_v9 (name, role, badge_hash, created_at) VALUES (?, ?, ?, ?)');
    for (const row of db.prepare('SELECT name, badge, created_at AS createdAt FROM operators').all() as { name: string; badge: string | null; createdAt: string }[]) {
      insert.run(row.name, 'operator', row.badge === null ? null : hashBadgeSync(normalizeCode(row.badge)), row.createdAt);
    }
    db.exec('DROP TABLE operators; ALTER TABLE operators_v9 RENAME TO operators;');

    const update = db.prepare('UPDATE jobs SET document_json = ? WHERE id = ?');
    for (const row of db.prepare("SELECT id, document_json AS documentJson FROM jobs WHERE document_json <> '{}'").all() as { id: number; documentJson: string }[]) {
      let projected = '{}';
      try {
        const parsed = jobDocumentSchema.safeParse(JSON.parse(row.documentJson));
        if (parsed.success) projected = JSON.stringify(projectJobDocument(parsed.data));
      } catch {
        // A document this desk cannot read any more keeps nothing rather than something unchecked.
      }
      if (projected !== row.documentJson) update.run(projected, row.id);
    }
  },
};
