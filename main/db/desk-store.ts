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
import { createReportsRepository } from './reports-repository';
import { createTransitionsRepository } from './transitions-repository';
import { openDatabase, type OpenDatabaseOptions } from './open-database';

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
  readonly reports: ReturnType<typeof createReportsRepository>;
  /** Runs `work` as one IMMEDIATE transaction: all of it commits, or none. */
  transaction<T>(work: () => T): T;
  close(): void;
}

export function createDeskStore(db: Database): DeskStore {
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
    reports: createReportsRepository(db),
    // IMMEDIATE takes the write lock up front, so a read-then-write never fails half way with SQLITE_BUSY.
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
    close: () => {
      if (!db.open) return;
      db.pragma('optimize');
      db.close();
    },
  };
}

export function openDeskStore(file: string, options: OpenDatabaseOptions = {}): DeskStore {
  return createDeskStore(openDatabase(file, options));
}
