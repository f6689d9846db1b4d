import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/core/desk-core';
import { MAX_BACKUPS } from '../../main/db/backups';
import { MIGRATIONS } from '../../main/db/migrations';
import { openDatabase } from '../../main/db/open-database';
import { jobDocument } from '../helpers/desk';
import { makeTempDir } from '../helpers/temp-dir';

const RESTORE_CLI = path.resolve(__dirname, '..', '..', 'dist', 'main', 'restore-cli.cjs');
const WEB_CLI = path.resolve(__dirname, '..', '..', 'dist', 'main', 'web-cli.cjs');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function freshDesk(label: string): { dir: string; file: string; core: DeskCore } {
  const temp = makeTempDir(label);
  cleanups.push(temp.remove);
  const file = path.join(temp.dir, 'desk.sqlite');
  const core = createDeskCore({ databaseFile: file });
  cleanups.unshift(() => core.close());
  return { dir: temp.dir, file, core };
}

const jobNames = (file: string) => {
  const db = openDatabase(file, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM jobs ORDER BY name').all() as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
};

describe('backups', () => {
  it('an online backup is a whole, consistent database; the newest ten are kept', async () => {
    const { core } = freshDesk('backup');
    await core.dispatch('jobs.import', { document: jobDocument('before-backup', { drives: ['BB-1'] }) });
    const first = await core.dispatch('backups.create', {});
    if (!first.ok) throw new Error(first.error.message);
    const view = first.value as { backups: { name: string; reason: string }[]; folder: string; restoreCommand: string };
    expect(view.backups).toHaveLength(1);
    expect(view.backups[0]?.reason).toBe('scheduled');
    const copy = path.join(view.folder, view.backups[0]?.name ?? '');
    const db = openDatabase(copy, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(jobNames(copy)).toEqual(['before-backup']);
    expect(view.restoreCommand).toMatch(/^npm run restore -- --data ".*" --backup <name>$/);

    for (let index = 0; index < MAX_BACKUPS + 2; index += 1) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      await core.dispatch('backups.create', {});
    }
    const listed = await core.dispatch('backups.list', {});
    expect(listed.ok && (listed.value as { backups: unknown[] }).backups).toHaveLength(MAX_BACKUPS);
    expect(readdirSync(view.folder), readdirSync(view.folder).join(' ')).toHaveLength(MAX_BACKUPS);
  });

  it('a database is backed up before a migration changes it', async () => {
    const temp = makeTempDir('premigration');
    cleanups.push(temp.remove);
    const file = path.join(temp.dir, 'desk.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 5) });
    old.exec(`INSERT INTO jobs (name, job_type, state, document_json, imported_at, updated_at) VALUES ('old-job', 'Import', 'Shipping', '{}', 'x', 'x')`);
    old.close();
    const core = createDeskCore({ databaseFile: file });
    cleanups.unshift(() => core.close());
    const listed = await core.dispatch('backups.list', {});
    const backups = listed.ok ? (listed.value as { backups: { name: string; reason: string }[]; folder: string }) : null;
    expect(backups?.backups.map((backup) => backup.reason)).toEqual([`before-v${MIGRATIONS.length}`]);
    const copy = openDatabase(path.join(backups?.folder ?? '', backups?.backups[0]?.name ?? ''), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(5);
    copy.close();
  });

  it('npm run restore puts a backup back, keeps the replaced database, and refuses while a desk runs', async () => {
    const { dir, file, core } = freshDesk('restore');
    await core.dispatch('jobs.import', { document: jobDocument('kept', { drives: ['K-1'] }) });
    const made = await core.dispatch('backups.create', {});
    const name = made.ok ? (made.value as { backups: { name: string }[] }).backups[0]?.name ?? '' : '';
    await core.dispatch('jobs.import', { document: jobDocument('after-backup', { drives: ['A-1'] }) });
    core.close();

    // A desk running on the folder (a real one, holding the folder's lock): refused, naming it, nothing changed.
    const desk = spawn(process.execPath, [WEB_CLI, '--data', dir, '--no-open', '--no-demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.unshift(() => desk.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      desk.stdout.on('data', (chunk: Buffer) => (chunk.toString().includes('Receiving Desk web mode:') ? resolve() : undefined));
      desk.once('exit', (code) => reject(new Error(`the desk exited with ${String(code)}`)));
    });
    const refused = spawnSync(process.execPath, [RESTORE_CLI, '--data', dir, '--backup', name], { encoding: 'utf8' });
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain(`(process ${desk.pid}) is running on ${dir}`);
    expect(refused.stderr).toMatch(/Close it first.*Restore refused; nothing was changed/);
    expect(jobNames(file)).toEqual(['after-backup', 'kept']);
    // Killed outright, the desk leaves nothing behind that blocks the restore: the OS dropped its lock.
    desk.kill('SIGKILL');
    await new Promise((resolve) => desk.once('exit', resolve));

    const unknown = spawnSync(process.execPath, [RESTORE_CLI, '--data', dir, '--backup', 'desk-nope.sqlite'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/No backup named desk-nope\.sqlite/);

    const listed = spawnSync(process.execPath, [RESTORE_CLI, '--data', dir, '--list'], { encoding: 'utf8' });
    expect(listed.stdout).toContain(name);

    const restored = spawnSync(process.execPath, [RESTORE_CLI, '--data', dir, '--backup', name], { encoding: 'utf8' });
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/Restored desk-.*The database it replaced is kept as .*before-restore-/);
    // The old WAL went with the old database: the restored file is read on its own.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(jobNames(file)).toEqual(['kept']);
    const kept = readdirSync(dir).find((entry) => /^desk\.sqlite\.before-restore-\d+T\d+Z$/.test(entry));
    expect(kept).toBeDefined();
    expect(jobNames(path.join(dir, kept ?? ''))).toEqual(['after-backup', 'kept']);
  });
});
