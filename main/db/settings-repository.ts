import type { Database } from 'better-sqlite3';

export function createSettingsRepository(db: Database) {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  return {
    remove: (key: string) => void remove.run(key),
    get: (key: string) => (get.get(key) as { value: string } | undefined)?.value,
    set: (key: string, value: string) => void set.run(key, value),
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
