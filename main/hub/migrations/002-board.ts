/**
 * The site board (docs/site-board.md): each desk's last status report, the board's
 * accounts and sessions, and login throttling. Everything the board needs is here, in the
 * database, so any number of hub processes serve the same board, sessions and throttles.
 */
import type { HubMigration } from './migration-types';

export const boardSchema: HubMigration = {
  version: 2,
  name: 'board',
  sql: `
    -- The last status report of each desk (docs/sync-protocol.md, "Status report"): a whole
    -- snapshot, replaced by the next one unless that one is older (generated_at, the desk's clock).
    CREATE TABLE desk_reports (
      desk_id      text PRIMARY KEY REFERENCES desks (desk_id),
      generated_at timestamptz NOT NULL,
      received_at  timestamptz NOT NULL DEFAULT now(),
      report       jsonb NOT NULL
    );

    -- A supervisor who may sign in to the board. The password is kept only as a scrypt hash
    -- ('scrypt$N$r$p$salt$hash', base64url); the user name is stored as typed, matched lower-cased.
    CREATE TABLE board_accounts (
      username            text PRIMARY KEY CHECK (username = lower(username)),
      display_name        text NOT NULL,
      password_hash       text NOT NULL,
      created_at          timestamptz NOT NULL DEFAULT now(),
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at     timestamptz
    );

    -- A signed-in browser. The cookie carries 256 random bits; only their SHA-256 is kept. The CSRF
    -- token is not a secret from the page (it reads it), only from other sites.
    CREATE TABLE board_sessions (
      session_hash text PRIMARY KEY,
      username     text NOT NULL REFERENCES board_accounts (username) ON DELETE CASCADE,
      csrf_token   text NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL
    );
    CREATE INDEX board_sessions_by_user ON board_sessions (username);
    CREATE INDEX board_sessions_by_expiry ON board_sessions (expires_at);

    -- Failed sign-ins, per user name and per remote address ('user:…', 'address:…'), in a window.
    CREATE TABLE board_login_throttle (
      key           text PRIMARY KEY,
      failures      integer NOT NULL CHECK (failures >= 0),
      window_start  timestamptz NOT NULL,
      locked_until  timestamptz
    );
  `,
};
