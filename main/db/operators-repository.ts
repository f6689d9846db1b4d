import type { Database } from 'better-sqlite3';

export interface OperatorRow {
  readonly name: string;
  readonly badge: string | null;
}

export function createOperatorsRepository(db: Database) {
  const all = db.prepare('SELECT name, badge FROM operators ORDER BY name COLLATE NOCASE');
  const byBadge = db.prepare('SELECT name, badge FROM operators WHERE badge = ?');
  const byName = db.prepare('SELECT name, badge FROM operators WHERE name = ?');
  const upsert = db.prepare(`INSERT INTO operators (name, badge, created_at) VALUES (@name, @badge, @at)
    ON CONFLICT (name) DO UPDATE SET badge = excluded.badge`);
  const remove = db.prepare('DELETE FROM operators WHERE name = ?');
  return {
    list: () => all.all() as OperatorRow[],
    findByBadge: (badge: string) => byBadge.get(badge) as OperatorRow | undefined,
    findByName: (name: string) => byName.get(name) as OperatorRow | undefined,
    save: (operator: OperatorRow, at: string) => void upsert.run({ ...operator, at }),
    remove: (name: string) => remove.run(name).changes === 1,
  };
}
export type OperatorsRepository = ReturnType<typeof createOperatorsRepository>;
