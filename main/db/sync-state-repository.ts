import type { Database } from 'better-sqlite3';

/** The sync schedule and cursor, one row, kept on disk so a restart resumes where it stopped. */
export interface SyncStateRow {
  readonly pullCursor: string | null;
  readonly expectedSeq: number;
  readonly failures: number;
  readonly nextAttemptAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly pausedReason: string | null;
}

const COLUMNS = `pull_cursor AS pullCursor, expected_seq AS expectedSeq, failures, next_attempt_at AS nextAttemptAt,
  last_attempt_at AS lastAttemptAt, last_success_at AS lastSuccessAt, last_error AS lastError, paused_reason AS pausedReason`;

const FIELD_COLUMNS: Readonly<Record<keyof SyncStateRow, string>> = {
  pullCursor: 'pull_cursor',
  expectedSeq: 'expected_seq',
  failures: 'failures',
  nextAttemptAt: 'next_attempt_at',
  lastAttemptAt: 'last_attempt_at',
  lastSuccessAt: 'last_success_at',
  lastError: 'last_error',
  pausedReason: 'paused_reason',
};

export function createSyncStateRepository(db: Database) {
  const read = db.prepare(`SELECT ${COLUMNS} FROM sync_state WHERE id = 1`);
  const updates = new Map(
    Object.entries(FIELD_COLUMNS).map(([field, column]) => [field, db.prepare(`UPDATE sync_state SET ${column} = ? WHERE id = 1`)]),
  );
  return {
    read: () => read.get() as SyncStateRow,
    update(changes: Partial<SyncStateRow>): void {
      for (const [field, value] of Object.entries(changes)) updates.get(field)?.run(value);
    },
  };
}
export type SyncStateRepository = ReturnType<typeof createSyncStateRepository>;
