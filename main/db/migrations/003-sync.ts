import type { Migration } from '../migration-types';

/**
 * Sync upstream (docs/sync-protocol.md). The outbox is rebuilt because SQLite cannot widen a CHECK:
 * a rejected row may now be overruled by an operator, and each row names its subject (the drive or
 * job it moves) so later moves of a subject with a rejected move are held back. The sync schedule
 * lives on disk so a restart keeps it. An undo names the transition it compensates.
 */
export const migration003Sync: Migration = {
  version: 3,
  name: 'sync upstream',
  sql: `
    ALTER TABLE transitions ADD COLUMN compensates_id INTEGER REFERENCES transitions (id);

    CREATE TABLE outbox_v3 (
      seq             INTEGER PRIMARY KEY AUTOINCREMENT,
      transition_id   INTEGER NOT NULL UNIQUE REFERENCES transitions (id),
      subject         TEXT NOT NULL,
      status          TEXT NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'sent', 'rejected', 'overruled')),
      attempts        INTEGER NOT NULL DEFAULT 0,
      -- The seq the upstream processed it under (docs/sync-protocol.md, "Push").
      wire_seq        INTEGER,
      last_error      TEXT,
      upstream_state  TEXT,
      sent_at         TEXT,
      rejected_at     TEXT,
      resolved_by     TEXT
    ) STRICT;
    INSERT INTO outbox_v3 (seq, transition_id, subject, status, attempts, last_error, upstream_state, sent_at)
      SELECT o.seq, o.transition_id,
             CASE WHEN t.entity = 'drive' THEN 'drive:' || t.drive_id ELSE 'job:' || t.job_id END,
             o.status, o.attempts, o.last_error, o.upstream_state, o.sent_at
        FROM outbox o JOIN transitions t ON t.id = o.transition_id;
    DROP TABLE outbox;
    ALTER TABLE outbox_v3 RENAME TO outbox;
    CREATE INDEX outbox_by_status ON outbox (status, seq);
    CREATE INDEX outbox_by_subject ON outbox (subject, status);

    CREATE TABLE sync_state (
      id               INTEGER PRIMARY KEY CHECK (id = 1),
      pull_cursor      TEXT,
      -- The seq the upstream expects next from this desk: the next push numbers from here.
      expected_seq     INTEGER NOT NULL DEFAULT 1,
      failures         INTEGER NOT NULL DEFAULT 0,
      next_attempt_at  TEXT,
      last_attempt_at  TEXT,
      last_success_at  TEXT,
      last_error       TEXT,
      paused_reason    TEXT
    ) STRICT;
    INSERT INTO sync_state (id) VALUES (1);
  `,
};
