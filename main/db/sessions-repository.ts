import type { Database } from 'better-sqlite3';

export interface SessionRow {
  readonly sessionId: number;
  readonly operator: string;
  readonly signedInAt: string;
  readonly signedOutAt: string | null;
  readonly handoverNote: string | null;
}

const COLUMNS = 'id AS sessionId, operator, signed_in_at AS signedInAt, signed_out_at AS signedOutAt, handover_note AS handoverNote';

/** Who was signed in at this desk, from when to when: a shift, ended by a handover or the next sign-in. */
export function createSessionsRepository(db: Database) {
  const current = db.prepare(`SELECT ${COLUMNS} FROM operator_sessions WHERE signed_out_at IS NULL ORDER BY id DESC LIMIT 1`);
  const open = db.prepare('INSERT INTO operator_sessions (operator, desk_id, signed_in_at) VALUES (?, ?, ?)');
  const closeAll = db.prepare('UPDATE operator_sessions SET signed_out_at = @at, handover_note = coalesce(@note, handover_note) WHERE signed_out_at IS NULL');
  return {
    current: () => current.get() as SessionRow | undefined,
    open: (operator: string, deskId: string, at: string) => Number(open.run(operator, deskId, at).lastInsertRowid),
    /** Ends whatever session is open; the note is the handover's. */
    closeOpen: (at: string, note: string | null) => void closeAll.run({ at, note }),
  };
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
