/**
 * The hub's first schema (docs/hub.md, docs/sync-protocol.md). What must hold across any number of
 * hub processes is written as constraints here, not kept in a process's memory:
 * - a client id is applied at most once (UNIQUE client_id);
 * - a desk's seq is consumed at most once (UNIQUE (desk_id, seq) on both logs);
 * - the logs are append-only (triggers refuse UPDATE and DELETE).
 */
import type { HubMigration } from './migration-types';

export const initialSchema: HubMigration = {
  version: 1,
  name: 'initial',
  sql: `
    -- One row: who this hub database is (every cursor carries it, so a cursor from another hub or
    -- from before a rebuild is recognised) and the global change counter the feed orders jobs by.
    CREATE TABLE hub_instance (
      only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      instance_id text NOT NULL,
      change_seq  bigint NOT NULL DEFAULT 0 CHECK (change_seq >= 0)
    );
    INSERT INTO hub_instance (instance_id) VALUES (replace(gen_random_uuid()::text, '-', ''));

    -- A desk the admin created. Codes and tokens are kept only as SHA-256 hashes.
    CREATE TABLE desks (
      desk_id               text PRIMARY KEY,
      name                  text NOT NULL,
      created_at            timestamptz NOT NULL DEFAULT now(),
      enrollment_code_hash  text UNIQUE,
      enrollment_expires_at timestamptz,
      enrolled_at           timestamptz,
      token_hash            text UNIQUE,
      -- The desk's own id (made once by the desk), bound at enrollment: the token speaks for it only.
      client_desk_id        text,
      client_desk_name      text,
      revoked_at            timestamptz,
      -- The last seq the hub processed for this desk (docs/sync-protocol.md, "Push").
      last_seq              bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
      last_seen_at          timestamptz,
      client_version        text
    );

    -- The job document without state, cancelRequested and driveList: those live in columns and in
    -- drives, and the feed rebuilds the document from them.
    CREATE TABLE jobs (
      name             text PRIMARY KEY,
      -- json, not jsonb: the document keeps the customer's field order and text.
      document         json NOT NULL,
      state            text NOT NULL,
      faulted_from     text,
      cancel_requested boolean NOT NULL DEFAULT false,
      -- Checked at commit: a new job takes its seq at the end of the transaction that writes it.
      change_seq       bigint NOT NULL CONSTRAINT jobs_change_seq_unique UNIQUE DEFERRABLE INITIALLY DEFERRED,
      -- The desk transition that set the current state; null after an admin move (undo needs it).
      last_client_id   text,
      updated_at       timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE drives (
      job_name       text NOT NULL REFERENCES jobs (name) ON DELETE CASCADE,
      serial         text NOT NULL,
      drive_id_raw   text NOT NULL,
      state          text NOT NULL,
      faulted_from   text,
      -- Found in the box by a desk, not on the customer's list: kept, but not sent in driveList.
      extra          boolean NOT NULL DEFAULT false,
      position       integer NOT NULL,
      fields         jsonb NOT NULL DEFAULT '{}'::jsonb,
      last_client_id text,
      PRIMARY KEY (job_name, serial)
    );
    CREATE INDEX drives_in_list_order ON drives (job_name, position);

    CREATE TABLE applied_transitions (
      id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      desk_id               text NOT NULL REFERENCES desks (desk_id),
      seq                   bigint NOT NULL CHECK (seq > 0),
      client_id             text NOT NULL UNIQUE,
      entity                text NOT NULL CHECK (entity IN ('drive', 'job')),
      job_name              text NOT NULL,
      serial                text,
      from_state            text,
      to_state              text NOT NULL,
      reason                text,
      note                  text,
      operator              text NOT NULL,
      at                    text NOT NULL,
      compensates           text,
      -- What the hub had before and set after: differs from the desk's from/to when desks raced.
      upstream_from_state   text,
      upstream_to_state     text NOT NULL,
      upstream_faulted_from text,
      applied_at            timestamptz NOT NULL DEFAULT now(),
      UNIQUE (desk_id, seq)
    );

    -- Rejected items: kept so that a resent batch (same seq) gets the same answer.
    CREATE TABLE rejected_items (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      desk_id     text NOT NULL REFERENCES desks (desk_id),
      seq         bigint NOT NULL CHECK (seq > 0),
      client_id   text NOT NULL,
      reason      text NOT NULL,
      rejected_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (desk_id, seq)
    );

    CREATE FUNCTION hub_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
    END
    $$;
    CREATE TRIGGER applied_transitions_append_only BEFORE UPDATE OR DELETE ON applied_transitions
      FOR EACH ROW EXECUTE FUNCTION hub_refuse_change();
    CREATE TRIGGER rejected_items_append_only BEFORE UPDATE OR DELETE ON rejected_items
      FOR EACH ROW EXECUTE FUNCTION hub_refuse_change();
  `,
};
