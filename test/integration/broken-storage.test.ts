import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../main/core/desk-core';
import { DeskError } from '../../shared/rpc/envelope';
import { jobDocument } from '../helpers/desk';
import { makeTempDir } from '../helpers/temp-dir';

const WEB_CLI = path.resolve(__dirname, '..', '..', 'dist', 'main', 'web-cli.cjs');
/** Who the desk runs as when the test runs as root, for whom no folder is ever read-only. */
const UNPRIVILEGED_UID = 65534;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A data folder with a desk database holding one job and one received drive, closed cleanly. */
async function preparedDataFolder(label: string): Promise<{ dir: string; file: string }> {
  const temp = makeTempDir(label);
  cleanups.push(temp.remove);
  const file = path.join(temp.dir, 'desk.sqlite');
  const core = createDeskCore({ databaseFile: file });
  await core.dispatch('jobs.import', { document: jobDocument('kept-job', { trackingNumber: 'TRK-KEPT', drives: ['KEPT-1', 'KEPT-2'] }) });
  const checkIn = await core.dispatch('packages.checkIn', { trackingNumber: 'TRK-KEPT' });
  await core.dispatch('scans.record', { packageId: (checkIn as { value: { packageId: number } }).value.packageId, code: 'KEPT-1' });
  core.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { dir: temp.dir, file };
}

function openError(file: string): DeskError {
  try {
    createDeskCore({ databaseFile: file }).close();
  } catch (error) {
    if (error instanceof DeskError) return error;
    throw error;
  }
  throw new Error('the damaged database opened');
}

describe('broken storage', () => {
  it('a read-only data folder: web mode refuses to start, says why and what to do, and changes nothing', async () => {
    const { dir, file } = await preparedDataFolder('readonly');
    const before = sha256(file);
    const asRoot = process.getuid?.() === 0;
    // Root writes anywhere; the desk then runs as an unprivileged user, for whom root's folder is read-only.
    if (!asRoot) {
      chmodSync(file, 0o444);
      chmodSync(dir, 0o555);
      cleanups.unshift(() => {
        chmodSync(dir, 0o755);
        chmodSync(file, 0o644);
      });
    } else {
      chmodSync(dir, 0o755);
      chmodSync(file, 0o644);
    }
    const result = spawnSync(process.execPath, [WEB_CLI, '--port', '0', '--data', dir, '--no-open', '--no-demo'], {
      encoding: 'utf8',
      timeout: 20_000,
      ...(asRoot ? { uid: UNPRIVILEGED_UID, gid: UNPRIVILEGED_UID } : {}),
    });
    expect(result.status).toBe(1);
    // The folder's lock (desk.lock) is taken before the database is opened: whichever file meets the read-only folder first is named.
    expect(result.stderr).toMatch(/Receiving Desk could not start: The desk cannot open .*desk\.(sqlite|lock): .*(read-only|cannot be opened).*\(SQLITE_[A-Z_]+\)/);
    expect(result.stderr).toMatch(/write access|may write/);
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a full disk: the import is refused with the reason and the way out, nothing of it is kept, and reading goes on', async () => {
    const { file } = await preparedDataFolder('full');
    const pages = pageCountOf(file);
    const core = createDeskCore({ databaseFile: file, database: { maxPageCount: pages + 2 } });
    cleanups.unshift(() => core.close());
    const before = JSON.stringify(await core.dispatch('jobs.get', { jobId: 'kept-job' }));
    const outboxBefore = core.context.store.outbox.counts();
    // A job list large enough that it cannot fit in two more pages.
    const big = Array.from({ length: 50 }, (_, index) => jobDocument(`big-${index}`, { trackingNumber: `TRK-BIG-${index}`, drives: Array.from({ length: 20 }, (_, drive) => `BIG${index}X${drive}`) }));
    const refused = await core.dispatch('jobs.import', { document: { value: big } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage' } });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.error.message).toMatch(/^Nothing was recorded: the disk is full \(SQLITE_FULL\)\. Free space on the disk/);
    expect(JSON.stringify(await core.dispatch('jobs.get', { jobId: 'kept-job' }))).toBe(before);
    expect((await core.dispatch('jobs.list', {})) as { value: { total: number } }).toMatchObject({ value: { total: 1 } });
    expect(core.context.store.outbox.counts()).toEqual(outboxBefore);
  });

  it('a truncated database file: the desk refuses it with the way out, and leaves the file as it was', async () => {
    const { file } = await preparedDataFolder('truncated');
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    const before = sha256(file);
    const error = await openOrFirstRead(file);
    expect(error).toMatch(/(damaged|not a Receiving Desk database).*\(SQLITE_(CORRUPT|NOTADB)[A-Z_]*\)\. Restore the latest backup with `npm run restore`/);
    expect(sha256(file)).toBe(before);
  });

  it('a database file overwritten with garbage: refused as not a database, file untouched', async () => {
    const { file } = await preparedDataFolder('garbage');
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 0, 4096);
    writeFileSync(file, bytes);
    const before = sha256(file);
    const error = openError(file);
    expect(error.code).toBe('storage');
    expect(error.message).toMatch(/not a Receiving Desk database .*\(SQLITE_NOTADB\)\. Restore the latest backup/);
    expect(sha256(file)).toBe(before);
  });

  it('a database file with a damaged page: the read that meets it is refused with the reason, nothing changes', async () => {
    const { file } = await preparedDataFolder('corrupt');
    const bytes = readFileSync(file);
    // Page 2 onward: the tables, not the header.
    bytes.fill(0xff, 4096 + 100, 4096 * 3);
    writeFileSync(file, bytes);
    const before = sha256(file);
    const error = await openOrFirstRead(file);
    expect(error).toMatch(/damaged|not a Receiving Desk database/);
    expect(error).toMatch(/Restore the latest backup/);
    expect(sha256(file)).toBe(before);
  });
});

/** The storage error the desk gives: at open, or at the first read that meets the damage. */
async function openOrFirstRead(file: string): Promise<string> {
  let desk;
  try {
    desk = createDeskCore({ databaseFile: file });
  } catch (error) {
    if (error instanceof DeskError && error.code === 'storage') return error.message;
    throw error;
  }
  try {
    for (const [method, params] of [
      ['jobs.list', {}],
      ['jobs.get', { jobId: 'kept-job' }],
      ['drives.history', { driveId: 'KEPT-1' }],
    ] as const) {
      const envelope = await desk.dispatch(method, params);
      if (!envelope.ok) {
        expect(envelope.error.code).toBe('storage');
        return envelope.error.message;
      }
    }
    return 'no error';
  } finally {
    desk.close();
  }
}

function pageCountOf(file: string): number {
  return Math.ceil(readFileSync(file).length / 4096);
}
