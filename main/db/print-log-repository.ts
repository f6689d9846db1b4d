import type { Database } from 'better-sqlite3';

export interface PrintLogRow {
  readonly rowId: number;
  readonly jobName: string | null;
  readonly kind: string;
  readonly format: string;
  readonly printer: string;
  readonly outcome: 'printed' | 'sentToDialog' | 'failed';
  readonly error: string | null;
  readonly reprintReason: string | null;
  readonly sha256: string;
  readonly operator: string;
  readonly deskId: string;
  readonly at: string;
}

const COLUMNS = `id AS rowId, job_name AS jobName, kind, format, printer, outcome, error, reprint_reason AS reprintReason,
  content_sha256 AS sha256, operator, desk_id AS deskId, at`;

/** What was printed, when, by whom, on which printer: append-only. */
export function createPrintLogRepository(db: Database) {
  const insert = db.prepare(`INSERT INTO print_log (job_name, kind, format, printer, outcome, error, reprint_reason,
      content_sha256, operator, desk_id, at)
    VALUES (@jobName, @kind, @format, @printer, @outcome, @error, @reprintReason, @sha256, @operator, @deskId, @at)`);
  const byRowId = db.prepare(`SELECT ${COLUMNS} FROM print_log WHERE id = ?`);
  const printedBefore = db.prepare(
    "SELECT 1 FROM print_log WHERE job_name = ? AND kind = ? AND outcome IN ('printed', 'sentToDialog') LIMIT 1",
  );
  const recentForJob = db.prepare(`SELECT ${COLUMNS} FROM print_log WHERE job_name = ? ORDER BY id DESC LIMIT ?`);
  const recent = db.prepare(`SELECT ${COLUMNS} FROM print_log ORDER BY id DESC LIMIT ?`);
  return {
    append(entry: Omit<PrintLogRow, 'rowId'>): PrintLogRow {
      const rowId = Number(insert.run(entry).lastInsertRowid);
      return byRowId.get(rowId) as PrintLogRow;
    },
    /** A document of this kind already went to a printer for this job: printing it again is a reprint. */
    wasPrinted: (jobName: string, kind: string) => printedBefore.get(jobName, kind) !== undefined,
    recent: (jobName: string | undefined, limit: number) =>
      (jobName === undefined ? recent.all(limit) : recentForJob.all(jobName, limit)) as PrintLogRow[],
  };
}
export type PrintLogRepository = ReturnType<typeof createPrintLogRepository>;
