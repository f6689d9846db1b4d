import type { Database } from 'better-sqlite3';
import type { Actor } from './rows';

export type PackageEventKind = 'contact' | 'release' | 'return' | 'destroy' | 'damage' | 'photo';
export type JobEventKind = 'contact' | 'extendWait' | 'closeUnanswered' | 'closeCancelled';

export interface PackageEventRow {
  readonly rowId: number;
  readonly packageId: number;
  readonly kind: PackageEventKind;
  readonly note: string | null;
  readonly operator: string;
  readonly confirmedBy: string | null;
  readonly deskId: string;
  readonly at: string;
  readonly certificateId: number | null;
}

export interface JobEventRow {
  readonly rowId: number;
  readonly jobRowId: number;
  readonly kind: JobEventKind;
  readonly note: string | null;
  readonly waitUntil: string | null;
  readonly operator: string;
  readonly confirmedBy: string | null;
  readonly deskId: string;
  readonly at: string;
}

/** What was done about a held package or an overdue job, by whom and when: append-only, like the transitions. */
export function createEventsRepository(db: Database) {
  const insertPackage = db.prepare(`INSERT INTO package_events (package_id, kind, note, operator, confirmed_by, desk_id, at, certificate_id)
    VALUES (@packageId, @kind, @note, @operator, @confirmedBy, @deskId, @at, @certificateId)`);
  const forPackage = db.prepare(`SELECT id AS rowId, package_id AS packageId, kind, note, operator, confirmed_by AS confirmedBy,
      desk_id AS deskId, at, certificate_id AS certificateId FROM package_events WHERE package_id = ? ORDER BY id`);
  const insertJob = db.prepare(`INSERT INTO job_events (job_id, kind, note, wait_until, operator, confirmed_by, desk_id, at)
    VALUES (@jobRowId, @kind, @note, @waitUntil, @operator, @confirmedBy, @deskId, @at)`);
  const forJob = db.prepare(`SELECT id AS rowId, job_id AS jobRowId, kind, note, wait_until AS waitUntil, operator,
      confirmed_by AS confirmedBy, desk_id AS deskId, at FROM job_events WHERE job_id = ? ORDER BY id`);
  return {
    appendPackageEvent(
      event: { packageId: number; kind: PackageEventKind; note: string | null; confirmedBy?: string | null; certificateId?: number | null },
      actor: Actor,
    ): number {
      return Number(
        insertPackage.run({ confirmedBy: null, certificateId: null, ...event, operator: actor.operator, deskId: actor.deskId, at: actor.at })
          .lastInsertRowid,
      );
    },
    listForPackage: (packageId: number) => forPackage.all(packageId) as PackageEventRow[],
    appendJobEvent(
      event: { jobRowId: number; kind: JobEventKind; note: string | null; waitUntil?: string | null; confirmedBy?: string | null },
      actor: Actor,
    ): number {
      return Number(
        insertJob.run({ waitUntil: null, confirmedBy: null, ...event, operator: actor.operator, deskId: actor.deskId, at: actor.at }).lastInsertRowid,
      );
    },
    listForJob: (jobRowId: number) => forJob.all(jobRowId) as JobEventRow[],
  };
}
export type EventsRepository = ReturnType<typeof createEventsRepository>;
