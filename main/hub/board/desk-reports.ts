/**
 * Desks' status reports (docs/sync-protocol.md, "Status report"): the last one of each desk,
 * stored whole in PostgreSQL so every hub process's board reads the same, and announced on the
 * board's channel so open boards refresh at once.
 */
import type { DeskStatusReport } from '../../../shared/sync/status-report';
import type { SqlPool } from '../storage/sql';
import { BOARD_CHANNEL, type BoardNotice } from './board-notices';

/**
 * A stored report older than this (by the hub's clock) is replaced by any new one, even one the
 * desk dated earlier: a request cannot be in flight this long (the desk gives up after 30 s), so
 * the new one is not a late copy, and the desk's clock was set back.
 */
export const REPORT_CLOCK_GRACE_MS = 5 * 60_000;

/** Stores a desk's report unless the hub holds a newer one from it; returns whether it was stored. */
export async function storeReport(pool: SqlPool, deskId: string, report: DeskStatusReport, now: Date): Promise<boolean> {
  return pool.transaction(async (client) => {
    const { rowCount } = await client.query(
      `INSERT INTO desk_reports (desk_id, generated_at, received_at, report) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (desk_id) DO UPDATE SET generated_at = excluded.generated_at, received_at = excluded.received_at, report = excluded.report
         WHERE desk_reports.generated_at <= excluded.generated_at OR desk_reports.received_at < $5`,
      [deskId, report.generatedAt, now.toISOString(), JSON.stringify(report), new Date(now.getTime() - REPORT_CLOCK_GRACE_MS).toISOString()],
    );
    await client.query('UPDATE desks SET client_version = $2, client_desk_name = $3, last_seen_at = $4 WHERE desk_id = $1', [
      deskId,
      report.version,
      report.deskName,
      now.toISOString(),
    ]);
    if (rowCount !== 1) return false;
    const notice: BoardNotice = { reportedDeskId: deskId };
    await client.query('SELECT pg_notify($1, $2)', [BOARD_CHANNEL, JSON.stringify(notice)]);
    return true;
  });
}
