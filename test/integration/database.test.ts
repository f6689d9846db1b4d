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

describe('migration 3 (sync)', () => {
  it('keeps every outbox row of a version-2 database, names its subject, and starts the sync schedule', () => {
    const file = freshFile();
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    expect(old.pragma('user_version', { simple: true })).toBe(2);
    old.exec(`
      INSERT INTO jobs (id, name, job_type, state, document_json, imported_at, updated_at)
        VALUES (1, 'old-job', 'Import', 'Received', '{}', '2026-01-01', '2026-01-01');
      INSERT INTO drives (id, job_id, serial, drive_id_raw, state) VALUES (7, 1, 'OLD1', 'OLD-1', 'Received');
      INSERT INTO transitions (id, client_id, entity, job_id, job_name, drive_id, serial, from_state, to_state, operator, desk_id, at)
        VALUES (1, 'c-1', 'drive', 1, 'old-job', 7, 'OLD1', 'Specified', 'Received', 'op', 'desk', '2026-01-01'),
               (2, 'c-2', 'job', 1, 'old-job', NULL, NULL, 'Shipping', 'Received', 'op', 'desk', '2026-01-01');
      INSERT INTO outbox (seq, transition_id, status) VALUES (1, 1, 'sent'), (2, 2, 'pending');
    `);
    old.close();

    const db = openDatabase(file);
    cleanups.unshift(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    // Migration 8 keys each row by its transition: the numbers were the same all along.
    expect(db.prepare('SELECT seq, subject, status FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 1, subject: 'drive:7', status: 'sent' },
      { seq: 2, subject: 'job:1', status: 'pending' },
    ]);
    expect(db.prepare('SELECT expected_seq AS expectedSeq, failures, pull_cursor AS cursor FROM sync_state').all()).toEqual([
      { expectedSeq: 1, failures: 0, cursor: null },
    ]);
    // The next transition's row comes after the old ones.
    db.prepare("INSERT INTO transitions (client_id, entity, job_id, job_name, to_state, operator, desk_id, at) VALUES ('c-3', 'job', 1, 'old-job', 'Transferring', 'op', 'desk', 'now')").run();
    db.prepare("INSERT INTO outbox (seq, subject) VALUES (3, 'job:1')").run();
    expect(db.prepare('SELECT max(seq) AS seq FROM outbox').get()).toEqual({ seq: 3 });
    expect(() => db.prepare('DELETE FROM outbox WHERE seq = 1').run()).toThrow(/outbox rows are kept/);
    // The log stays append-only after the rebuild.
    expect(() => db.prepare("UPDATE transitions SET to_state = 'x' WHERE id = 1").run()).toThrow(/append-only/);
  });
});
