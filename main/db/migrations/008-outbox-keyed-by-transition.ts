import type { Migration } from '../migration-types';

/**
 * The outbox row of a transition is keyed by the transition's own id: there is exactly one per
 * transition, written in the same transaction, so the two numbers always agreed. Dropping the
 * separate AUTOINCREMENT key saves the counter page and a unique index page on every scan's commit
 * (docs/performance.md). seq keeps its meaning: the order the desk recorded.
 */
export const migration008OutboxKeyedByTransition: Migration = {
  version: 8,
  name: 'outbox keyed by transition',
  sql: `
    CREATE TABLE outbox_v8 (
      seq             INTEGER PRIMARY KEY REFERENCES transitions (id),
      subject         TEXT NOT NULL,
      status          TEXT NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'sent', 'rejected', 'overruled')),
      attempts        INTEGER NOT NULL DEFAULT 0,
      wire_seq        INTEGER,
      last_error      TEXT,
      upstream_state  TEXT,
      sent_at         TEXT,
      rejected_at     TEXT,
      resolved_by     TEXT
    ) STRICT;
    INSERT INTO outbox_v8 (seq, subject, status, attempts, wire_seq, last_error, upstream_state, sent_at, rejected_at, resolved_by)
      SELECT transition_id, subject, status, attempts, wire_seq, last_error, upstream_state, sent_at, rejected_at, resolved_by
        FROM outbox ORDER BY seq;
    DROP TABLE outbox;
    ALTER TABLE outbox_v8 RENAME TO outbox;
    CREATE INDEX outbox_by_status ON outbox (status, seq);
    CREATE INDEX outbox_by_subject ON outbox (subject, status);
    CREATE TRIGGER outbox_rows_are_kept BEFORE DELETE ON outbox
      BEGIN SELECT RAISE(ABORT, 'outbox rows are kept'); END;
  `,
};
