import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database';
import { MIGRATIONS } from '../../main/db/migrations';
import { makeTempDir } from '../helpers/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function freshFile(): string {
  const temp = makeTempDir('db');
  cleanups.push(temp.remove);
  return path.join(temp.dir, 'desk.sqlite');
}

describe('openDatabase', () => {
  it('opens durably: WAL, synchronous FULL, foreign keys, every migration applied', () => {
    const db = openDatabase(freshFile());
    cleanups.unshift(() => db.close());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['jobs', 'drives', 'packages', 'scans', 'transitions', 'outbox', 'settings']));
  });

  it('refuses a database written by a newer version, and leaves it as it was', () => {
    const file = freshFile();
    const db = openDatabase(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this Receiving Desk/);
    const reopened = openDatabase(file, { readonly: true });
    expect(reopened.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5);
    reopened.close();
  });

  it('keeps the transition log append-only', () => {
    const db = openDatabase(freshFile());
    cleanups.unshift(() => db.close());
    db.prepare("INSERT INTO jobs (name, job_type, state, document_json, imported_at, updated_at) VALUES ('j', 'Import', 'Shipping', '{}', 'now', 'now')").run();
    db.prepare(
      "INSERT INTO transitions (client_id, entity, job_id, job_name, to_state, operator, desk_id, at) VALUES ('c1', 'job', 1, 'j', 'Received', 'op', 'd', 'now')",
    ).run();
    expect(() => db.prepare("UPDATE transitions SET to_state = 'Closed'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM transitions').run()).toThrow(/append-only/);
  });
});
