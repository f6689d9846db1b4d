import { Worker } from 'node:worker_threads';

/** How often the background connection moves committed WAL pages into the database file. */
export const BACKGROUND_CHECKPOINT_INTERVAL_MS = 200;

export interface BackgroundCheckpointer {
  stop(): Promise<void>;
}

/**
 * WAL checkpoints on a second connection in a worker thread, so the fsync of the database file
 * never stalls a scan on the main thread, and the WAL restarts from its beginning instead of growing
 * (a growing WAL makes every commit's fsync carry file-size metadata too).
 */
export function startBackgroundCheckpointer(file: string, nativeBinding?: string): BackgroundCheckpointer {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.module);
    let db;
    try {
      db = new Database(workerData.file, { fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
      db.pragma('busy_timeout = 0');
    } catch {
      // The desk closed (and its folder went) before this thread started: nothing to checkpoint.
      process.exit(0);
    }
    const timer = setInterval(() => {
      try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick tries again */ }
    }, workerData.intervalMs);
    parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
  `;
  const worker = new Worker(source, {
    eval: true,
    workerData: { module: require.resolve('better-sqlite3'), file, nativeBinding, intervalMs: BACKGROUND_CHECKPOINT_INTERVAL_MS },
  });
  worker.unref();
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  // An optimisation only: if the thread fails, SQLite's own backstop checkpoint still runs.
  worker.on('error', () => undefined);
  return {
    stop: () =>
      new Promise((resolve) => {
        if (exited) {
          resolve();
          return;
        }
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
