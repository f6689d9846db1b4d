import { openDeskStore, type DeskStore } from '../db/desk-store';
import type { OpenDatabaseOptions } from '../db/open-database';
import { systemClock, type Clock } from './clock';
import { createCoreContext, type CoreContext } from './context';
import { DEMO_DOCUMENT } from './demo-data';
import { createDispatcher, type Dispatch } from './dispatcher';
import { driveHistory } from './drives/drive-history';
import { transitionDrive } from './drives/transition-drive';
import { importJobs } from './import/import-jobs';
import { getJob } from './jobs/get-job';
import { listJobs } from './jobs/list-jobs';
import { checkInPackage } from './receiving/check-in';
import { closePackage } from './receiving/close-package';
import { getPackage } from './receiving/get-package';
import { recordScan } from './receiving/record-scan';
import { undoScan } from './receiving/undo-scan';
import { listDeadlines } from './deadlines/list-deadlines';
import { purgeJobs } from './deadlines/purge-jobs';
import { ensureDeskIdentity, readSettings, writeSettings } from './settings';

export interface DeskCoreOptions {
  /** The SQLite file; created with its schema on first open. */
  readonly databaseFile: string;
  readonly clock?: Clock;
  readonly database?: OpenDatabaseOptions;
  /** Seed the demo set when the database holds no job (what `npm start` does on a new desk). */
  readonly seedDemoWhenEmpty?: boolean;
  readonly logError?: (method: string, error: unknown) => void;
}

export interface DeskCore {
  readonly dispatch: Dispatch;
  readonly context: CoreContext;
  readonly seededDemo: boolean;
  close(): void;
}

/** Opens the desk: database, services, and the one dispatcher both adapters use. */
export function createDeskCore(options: DeskCoreOptions): DeskCore {
  const store: DeskStore = openDeskStore(options.databaseFile, options.database);
  try {
    store.transaction(() => ensureDeskIdentity(store));
    const context = createCoreContext(store, options.clock ?? systemClock);
    let seededDemo = false;
    if (options.seedDemoWhenEmpty === true && store.jobs.count() === 0) {
      importJobs(context, { document: DEMO_DOCUMENT }, true);
      seededDemo = true;
    }
    const dispatch = createDispatcher(
      {
        'jobs.import': (params) => importJobs(context, params),
        'jobs.list': (params) => listJobs(context, params),
        'jobs.get': (params) => getJob(context, params),
        'packages.checkIn': (params) => checkInPackage(context, params),
        'packages.get': (params) => getPackage(context, params),
        'scans.record': (params) => recordScan(context, params),
        'packages.close': (params) => closePackage(context, params),
        'scans.undo': (params) => undoScan(context, params),
        'deadlines.list': (params) => listDeadlines(context, params),
        'jobs.purge': (params) => purgeJobs(context, params),
        'drives.transition': (params) => transitionDrive(context, params),
        'drives.history': (params) => driveHistory(context, params),
        'settings.get': () => readSettings(store),
        'settings.set': (params) => {
          const settings = writeSettings(store, params);
          context.settingsChanged();
          return settings;
        },
      },
      options.logError === undefined ? {} : { logError: options.logError },
    );
    return { dispatch, context, seededDemo, close: () => store.close() };
  } catch (error) {
    store.close();
    throw error;
  }
}
