import type { Database } from 'better-sqlite3';

export type PrintLogOutcome = 'printed' | 'sentToDialog' | 'downloaded' | 'failed';

export interface PrintLogRow {
  readonly rowId: number;
  readonly jobName: string | null;
  readonly kind: string;
  readonly format: string;
  readonly printer: string;
  readonly outcome: PrintLogOutcome;
  readonly error: string | null;
  readonly reprintReason: string | null;
  readonly sha256: string;
  readonly operator: string;
  readonly deskId: string;
  readonly at: string;
  readonly packageId: number | null;
  readonly certificateId: number | null;
}

export interface PrintLogFilter {
  /** Entries of these jobs (a job's name, or what a scanned code named). */
  readonly jobNames?: readonly string[] | undefined;
  readonly kind?: string | undefined;
  readonly operator?: string | undefined;
  readonly outcome?: PrintLogOutcome | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

const COLUMNS = `id AS rowId, job_name AS jobName, kind, format, printer, outcome, error, reprint_reason AS reprintReason,
  content_sha256 AS sha256, operator, desk_id AS deskId, at, package_id AS packageId, certificate_id AS certificateId`;

/** What was printed, when, by whom, on which printer: append-only. */
export function createPrintLogRepository(db: Database) {
  const insert = db.prepare(`INSERT INTO print_log (job_name, kind, format, printer, outcome, error, reprint_reason,
      content_sha256, operator, desk_id, at, package_id, certificate_id)
    VALUES (@jobName, @kind, @format, @printer, @outcome, @error, @reprintReason, @sha256, @operator, @deskId, @at, @packageId, @certificateId)`);
  const byRowId = db.prepare(`SELECT ${COLUMNS} FROM print_log WHERE id = ?`);
  // A download is a file, not a print: only paper makes the next print a reprint.
  const printedBefore = db.prepare(
    "SELECT 1 FROM print_log WHERE job_name = ? AND kind = ? AND outcome IN ('printed', 'sentToDialog') LIMIT 1",
  );

  const certificatePrintedBefore = db.prepare(
    "SELECT 1 FROM print_log WHERE certificate_id = ? AND outcome IN ('printed', 'sentToDialog') LIMIT 1",
  );

  function where(filter: PrintLogFilter): { clause: string; params: Record<string, unknown> } {
    const conditions: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.jobNames !== undefined) {
      if (filter.jobNames.length === 0) conditions.push('0');
      else {
        conditions.push(`job_name IN (${filter.jobNames.map((_name, index) => `@job${index}`).join(', ')})`);
        filter.jobNames.forEach((name, index) => (params[`job${index}`] = name));
      }
    }
    if (filter.kind !== undefined) {
      conditions.push('kind = @kind');
      params.kind = filter.kind;
    }
    if (filter.operator !== undefined) {
      conditions.push('operator = @operator');
      params.operator = filter.operator;
    }
    if (filter.outcome !== undefined) {
      conditions.push('outcome = @outcome');
      params.outcome = filter.outcome;
    }
    if (filter.from !== undefined) {
      conditions.push('at >= @from');
      params.from = filter.from;
    }
    if (filter.to !== undefined) {
      conditions.push('at < @to');
      params.to = filter.to;
    }
    return { clause: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
  }

  return {
    append(entry: Omit<PrintLogRow, 'rowId' | 'packageId' | 'certificateId'> & { packageId?: number | null; certificateId?: number | null }): PrintLogRow {
      const rowId = Number(insert.run({ packageId: null, certificateId: null, ...entry }).lastInsertRowid);
      return byRowId.get(rowId) as PrintLogRow;
    },
    /** A document of this kind already went to a printer for this job: printing it again is a reprint. */
    wasPrinted: (jobName: string, kind: string) => printedBefore.get(jobName, kind) !== undefined,
    /** This certificate already went to a printer: printing it again is a reprint. */
    wasCertificatePrinted: (certificateId: number) => certificatePrintedBefore.get(certificateId) !== undefined,
    /** Newest first, filtered, a page at a time; with the total the filter matches. */
    search(filter: PrintLogFilter): { rows: PrintLogRow[]; total: number } {
      const { clause, params } = where(filter);
      const total = Number((db.prepare(`SELECT count(*) AS n FROM print_log ${clause}`).get(params) as { n: number }).n);
      const rows = db
        .prepare(`SELECT ${COLUMNS} FROM print_log ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: filter.limit, offset: filter.offset }) as PrintLogRow[];
      return { rows, total };
    },
  };
}
export type PrintLogRepository = ReturnType<typeof createPrintLogRepository>;
