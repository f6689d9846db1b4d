import type { Database } from 'better-sqlite3';
import { createDrivesRepository } from './drives-repository';
import { createJobsRepository } from './jobs-repository';
import { createPackagesRepository } from './packages-repository';
import { createScansRepository } from './scans-repository';
import { createSettingsRepository } from './settings-repository';
import { createOutboxRepository } from './outbox-repository';
import { createSyncStateRepository } from './sync-state-repository';
import { createPrintLogRepository } from './print-log-repository';
import { createOperatorsRepository } from './operators-repository';
import { createEventsRepository } from './events-repository';
import { createCertificatesRepository } from './certificates-repository';
import { createPhotosRepository } from './photos-repository';
import { createSessionsRepository } from './sessions-repository';
import { createReportsRepository } from './reports-repository';
import { createStatusReportRepository } from './status-report-repository';
import { createTransitionsRepository } from './transitions-repository';
import { openDatabase, type OpenDatabaseOptions } from './open-database';
import { startBackgroundCheckpointer } from './background-checkpointer';
import { listBackups, onlineBackup, type BackupFile } from './backups';

/** Everything the core reads and writes, with its statements prepared once. */
export interface DeskStore {
  readonly jobs: ReturnType<typeof createJobsRepository>;
  readonly drives: ReturnType<typeof createDrivesRepository>;
  readonly packages: ReturnType<typeof createPackagesRepository>;
  readonly scans: ReturnType<typeof createScansRepository>;
  readonly transitions: ReturnType<typeof createTransitionsRepository>;
  readonly settings: ReturnType<typeof createSettingsRepository>;
  readonly outbox: ReturnType<typeof createOutboxRepository>;
  readonly syncState: ReturnType<typeof createSyncStateRepository>;
  readonly printLog: ReturnType<typeof createPrintLogRepository>;
  readonly operators: ReturnType<typeof createOperatorsRepository>;
  readonly events: ReturnType<typeof createEventsRepository>;
  readonly certificates: ReturnType<typeof createCertificatesRepository>;
  readonly photos: ReturnType<typeof createPhotosRepository>;
  readonly sessions: ReturnType<typeof createSessionsRepository>;
  readonly reports: ReturnType<typeof createReportsRepository>;
  readonly statusReport: ReturnType<typeof createStatusReportRepository>;
  /** An online backup into the backups folder beside the database, rotated. */
  backup(at: Date): Promise<BackupFile>;
  listBackups(): BackupFile[];
  /** Runs `work` as one IMMEDIATE transaction: all of it commits, or none. */
  transaction<T>(work: () => T): T;
  /**
   * Closes the database. The returned promise settles once the background checkpointer's thread has
   * ended too: a thread ended mid-checkpoint by its parent's exit could leave SQLite's shared lock
   * state held in this process.
   */
  close(): Promise<void>;
}

/**
 * WAL checkpoints copy committed pages into the database file. SQLite runs them inside whichever
 * commit crosses its threshold, putting a 5–15 ms stall on that one scan. The desk's file-backed store
 * checkpoints from a background thread instead (background-checkpointer.ts) and keeps SQLite's own
 * checkpoint only as a backstop. Durability does not change: every commit is on disk in the WAL.
 */
export const WAL_BACKSTOP_PAGES = 4_000;

export function createDeskStore(db: Database, onClose: () => Promise<void> = () => Promise.resolve()): DeskStore {
  return {
    jobs: createJobsRepository(db),
    drives: createDrivesRepository(db),
    packages: createPackagesRepository(db),
    scans: createScansRepository(db),
    transitions: createTransitionsRepository(db),
    settings: createSettingsRepository(db),
    outbox: createOutboxRepository(db),
    syncState: createSyncStateRepository(db),
    printLog: createPrintLogRepository(db),
    operators: createOperatorsRepository(db),
    events: createEventsRepository(db),
    certificates: createCertificatesRepository(db),
    photos: createPhotosRepository(db),
    sessions: createSessionsRepository(db),
    reports: createReportsRepository(db),
    statusReport: createStatusReportRepository(db),
    // IMMEDIATE takes the write lock up front, so a read-then-write never fails half way with SQLITE_BUSY.
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
    backup: (at) => onlineBackup(db, db.name, at),
    listBackups: () => listBackups(db.name),
    close: () => {
      if (!db.open) return Promise.resolve();
      const stopped = onClose();
      db.pragma('optimize');
      db.close();
      return stopped;
    },
  };
}

export function openDeskStore(file: string, options: OpenDatabaseOptions = {}): DeskStore {
  const db = openDatabase(file, options);
  if (options.readonly === true) return createDeskStore(db);
  db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  const checkpointer = startBackgroundCheckpointer(file, options.nativeBinding);
  return createDeskStore(db, () => checkpointer.stop());
}
