import type { Database } from 'better-sqlite3';

export type OperatorRole = 'operator' | 'supervisor';

export interface OperatorRow {
  readonly name: string;
  readonly role: OperatorRole;
  /** `scrypt$…` (badge-hash.ts); the badge itself is never stored. */
  readonly badgeHash: string | null;
  /** For the destruction certificate's "person performing": a title and a phone number. */
  readonly title: string | null;
  readonly phone: string | null;
}

const COLUMNS = 'name, role, badge_hash AS badgeHash, title, phone';

export function createOperatorsRepository(db: Database) {
  const all = db.prepare(`SELECT ${COLUMNS} FROM operators ORDER BY name COLLATE NOCASE`);
  const withBadges = db.prepare(`SELECT ${COLUMNS} FROM operators WHERE badge_hash IS NOT NULL ORDER BY name`);
  const byName = db.prepare(`SELECT ${COLUMNS} FROM operators WHERE name = ?`);
  const supervisors = db.prepare("SELECT count(*) AS n FROM operators WHERE role = 'supervisor' AND badge_hash IS NOT NULL");
  const upsert = db.prepare(`INSERT INTO operators (name, role, badge_hash, title, phone, created_at)
      VALUES (@name, @role, @badgeHash, @title, @phone, @at)
    ON CONFLICT (name) DO UPDATE SET role = excluded.role, badge_hash = excluded.badge_hash, title = excluded.title, phone = excluded.phone`);
  const remove = db.prepare('DELETE FROM operators WHERE name = ?');
  return {
    list: () => all.all() as OperatorRow[],
    /** Every operator with a badge: a scanned badge is compared against each hash in turn. */
    listWithBadges: () => withBadges.all() as OperatorRow[],
    findByName: (name: string) => byName.get(name) as OperatorRow | undefined,
    /** Supervisors who can confirm with a badge; none means the desk is still being set up. */
    countSupervisors: () => Number((supervisors.get() as { n: number }).n),
    save: (operator: OperatorRow, at: string) => void upsert.run({ ...operator, at }),
    remove: (name: string) => remove.run(name).changes === 1,
  };
}
export type OperatorsRepository = ReturnType<typeof createOperatorsRepository>;
