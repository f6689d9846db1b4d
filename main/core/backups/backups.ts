import path from 'node:path';
import type { BackupList } from '../../../shared/rpc/results';
import { backupFolder } from '../../db/backups';
import type { CoreContext } from '../context';
import { backupPhotos } from '../packages/damage';

/** How often a desk takes a backup on its own. */
export const BACKUP_INTERVAL_MS = 6 * 60 * 60 * 1000;

export function listDeskBackups(context: CoreContext, databaseFile: string): BackupList {
  return {
    folder: backupFolder(databaseFile),
    backups: context.store.listBackups().map(({ name, createdAt, bytes, reason }) => ({ name, createdAt, bytes, reason })),
    restoreCommand: `npm run restore -- --data ${JSON.stringify(path.dirname(databaseFile))} --backup <name>`,
  };
}

/** A backup of the database, and of the photos taken at the dock (copied once each: they never change). */
export async function createDeskBackup(context: CoreContext, databaseFile: string): Promise<BackupList> {
  await context.store.backup(context.clock.now());
  backupPhotos(path.dirname(databaseFile));
  return listDeskBackups(context, databaseFile);
}

/** The first check waits this long, so a backup never competes with the desk's start. */
export const FIRST_BACKUP_DELAY_MS = 60_000;

export interface BackupScheduler {
  /** Stops the schedule; settles once a backup under way has finished. */
  stop(): Promise<void>;
}

/**
 * Backs up every BACKUP_INTERVAL_MS, and soon after start when the newest backup is older than that.
 * `onBackup` hears of each backup taken (the host announces it to open screens).
 */
export function startBackupScheduler(
  context: CoreContext,
  databaseFile: string,
  logError: (error: unknown) => void,
  onBackup: () => void = () => undefined,
): BackupScheduler {
  const due = () => {
    const newest = context.store.listBackups()[0];
    return newest === undefined || Date.parse(newest.createdAt) + BACKUP_INTERVAL_MS <= context.clock.now().getTime();
  };
  let running: Promise<void> | null = null;
  const run = () => {
    if (running !== null || !due()) return;
    running = createDeskBackup(context, databaseFile)
      .then(onBackup, logError)
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, FIRST_BACKUP_DELAY_MS);
  first.unref();
  const timer = setInterval(run, BACKUP_INTERVAL_MS / 12);
  timer.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
