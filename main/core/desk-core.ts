import { openDeskStore, type DeskStore } from '../db/desk-store';
import { openFailure } from '../db/storage-errors';
import type { OpenDatabaseOptions } from '../db/open-database';
import { systemClock, type Clock } from './clock';
import { createCoreContext, type CoreContext } from './context';
import { DEMO_DOCUMENT } from './demo-data';
import { createDispatcher, type Dispatch } from './dispatcher';
import { driveHistory } from './drives/drive-history';
import { transitionDrive } from './drives/transition-drive';
import { importDemoJobs, importJobs } from './import/import-jobs';
import { getJob } from './jobs/get-job';
import { listJobs } from './jobs/list-jobs';
import { checkInPackage } from './receiving/check-in';
import { closePackage } from './receiving/close-package';
import { getPackage } from './receiving/get-package';
import { recordScan } from './receiving/record-scan';
import { undoScan } from './receiving/undo-scan';
import { listDeadlines } from './deadlines/list-deadlines';
import { purgeJobs } from './deadlines/purge-jobs';
import { printLabel, printLog, renderLabel, renderTestLabel, testPrint } from './labels/labels-service';
import { shipBack, shipBackPlan } from './drives/ship-back';
import { removeDrive } from './drives/remove-drive';
import { lookupCode } from './lookup/lookup-code';
import { listPackages } from './packages/list-packages';
import { dailyReport } from './reports/daily-report';
import { createDeskBackup, listDeskBackups } from './backups/backups';
import { listOperators, removeOperator, saveOperator, signIn } from './operators/operators';
import { SUPERVISED_SETTINGS, ensureDeskIdentity, readSettings, writeSettings } from './settings';
import { requireSupervisor } from './operators/authorize';
import { packageHistory, recordPackageContact, returnHeldPackage } from './packages/held';
import { releasePackage } from './packages/release';
import { destroyJobDrives, destroyPackages } from './packages/destroy';
import { PHOTOS_DIR_NAME, addPhoto, markDamaged, readPhoto } from './packages/damage';
import { packageDocument, printCertificate, renderCertificate } from './packages/documents';
import { closeCancelled, closeUnanswered, extendWait, recordJobContact } from './jobs/follow-up';
import { removeDemo } from './jobs/demo';
import { handover, shiftSummary } from './shifts/shifts';
import { createFileSecretStore, type SecretStore } from './sync/secret-store';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync/sync-engine';
import path from 'node:path';
import { isReadOnlyMethod } from '../../shared/events';

/** Beside the database, readable only by the user (web mode and tests; Electron passes safeStorage). */
export const UPSTREAM_TOKEN_FILE_NAME = 'upstream-token';

export interface DeskCoreOptions {
  /** The SQLite file; created with its schema on first open. */
  readonly databaseFile: string;
  readonly clock?: Clock;
  readonly database?: OpenDatabaseOptions;
  /** Seed the demo set when the database holds no job (what `npm start` does on a new desk). */
  readonly seedDemoWhenEmpty?: boolean;
  readonly logError?: (method: string, error: unknown) => void;
  /** Where the upstream token is kept; a file beside the database unless the shell has better. */
  readonly secrets?: SecretStore;
  readonly sync?: Omit<SyncEngineOptions, 'secrets' | 'logError'>;
}

export interface DeskCore {
  readonly dispatch: Dispatch;
  readonly context: CoreContext;
  readonly sync: SyncEngine;
  readonly seededDemo: boolean;
  /** Settles once the database and its background thread are closed (db/desk-store.ts). */
  close(): Promise<void>;
}

/** Opens the desk: database, services, and the one dispatcher both adapters use. */
export function createDeskCore(options: DeskCoreOptions): DeskCore {
  const store: DeskStore = openDeskStore(options.databaseFile, options.database);
  try {
    store.transaction(() => ensureDeskIdentity(store));
    const secrets = options.secrets ?? createFileSecretStore(path.join(path.dirname(options.databaseFile), UPSTREAM_TOKEN_FILE_NAME));
    const context = createCoreContext(store, options.clock ?? systemClock, secrets, path.join(path.dirname(options.databaseFile), PHOTOS_DIR_NAME));
    const sync = createSyncEngine(context, {
      ...options.sync,
      secrets,
      ...(options.logError === undefined ? {} : { logError: (error: unknown) => options.logError?.('sync', error) }),
    });
    let seededDemo = false;
    if (options.seedDemoWhenEmpty === true && store.jobs.count() === 0) {
      importDemoJobs(context, DEMO_DOCUMENT);
      seededDemo = true;
    }
    const dispatch = createDispatcher(
      {
        'desk.ping': () => ({ at: context.clock.now().toISOString() }),
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
        'drives.remove': (params) => removeDrive(context, params),
        'codes.lookup': (params) => lookupCode(context, params),
        'packages.list': (params) => listPackages(context, params),
        'jobs.shipBackPlan': (params) => shipBackPlan(context, params),
        'settings.get': () => readSettings(store, secrets, context.clock.now()),
        'settings.set': async (params) => {
          if (SUPERVISED_SETTINGS.some((field) => params[field] !== undefined)) {
            await requireSupervisor(context, params.supervisorBadge, { kind: 'configuration', name: 'settings.set (printers, upstream)' });
          }
          const written = writeSettings(store, secrets, params, context.clock.now());
          context.settingsChanged();
          if (written.credentialsChanged) sync.credentialsChanged();
          return written.settings;
        },
        'labels.render': (params) => renderLabel(context, params),
        'labels.print': (params) => printLabel(context, params),
        'labels.printLog': (params) => printLog(context, params),
        'printers.testPrint': (params) => testPrint(context, params),
        'printers.testRender': () => renderTestLabel(context),
        'jobs.shipBack': (params) => shipBack(context, params),
        'operators.list': () => listOperators(context),
        'operators.save': (params) => saveOperator(context, params),
        'operators.remove': (params) => removeOperator(context, params),
        'operators.signIn': (params) => signIn(context, secrets, params),
        'reports.daily': (params) => dailyReport(context, params),
        'backups.list': () => listDeskBackups(context, options.databaseFile),
        'backups.create': () => createDeskBackup(context, options.databaseFile),
        'sync.status': () => sync.status(),
        'sync.run': () => sync.run('manual'),
        'sync.resolve': async (params) => {
          // Taking the upstream's state overrules the desk's own record: a supervisor confirms it.
          if (params.action === 'acceptUpstream') await requireSupervisor(context, params.supervisorBadge, { kind: 'irreversible', name: 'sync.resolve acceptUpstream' });
          return sync.resolve(params);
        },
        'sync.enroll': (params) => sync.enroll(params),
        'packages.recordContact': (params) => recordPackageContact(context, params),
        'packages.release': (params) => releasePackage(context, params),
        'packages.returnHeld': (params) => returnHeldPackage(context, params),
        'packages.destroy': (params) => destroyPackages(context, params),
        'packages.markDamaged': (params) => markDamaged(context, params),
        'packages.addPhoto': (params) => addPhoto(context, params),
        'packages.photo': (params) => readPhoto(context, params),
        'packages.history': (params) => packageHistory(context, params.packageId),
        'packages.document': (params) => packageDocument(context, params),
        'certificates.render': (params) => renderCertificate(context, params),
        'certificates.print': (params) => printCertificate(context, params),
        'jobs.recordContact': (params) => recordJobContact(context, params),
        'jobs.extendWait': (params) => extendWait(context, params),
        'jobs.closeUnanswered': (params) => closeUnanswered(context, params),
        'jobs.closeCancelled': (params) => closeCancelled(context, params),
        'jobs.destroyDrives': (params) => destroyJobDrives(context, params),
        'shifts.summary': (params) => shiftSummary(context, params),
        'shifts.handover': (params) => handover(context, params),
        'demo.remove': (params) => removeDemo(context, params),
      },
      options.logError === undefined ? {} : { logError: options.logError },
    );
    return {
      // After a method that may have recorded something, sync soon: a live site hears of it within a second.
      dispatch: async (method, params) => {
        const envelope = await dispatch(method, params);
        // One list of read-only methods (shared/events.ts); sync's own methods run (or set up) a sync themselves.
        if (envelope.ok && !isReadOnlyMethod(method) && method !== 'sync.run' && method !== 'sync.enroll') sync.nudge();
        return envelope;
      },
      context,
      sync,
      seededDemo,
      close: () => {
        sync.stopLive();
        return store.close();
      },
    };
  } catch (error) {
    void store.close();
    throw openFailure(error, options.databaseFile);
  }
}
