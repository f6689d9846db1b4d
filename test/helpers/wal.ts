import { existsSync, statSync } from 'node:fs';
import { openDatabase } from '../../main/db/open-database';

/** A WAL frame is one page plus its 24-byte frame header. */
const WAL_FRAME_HEADER_BYTES = 24;

const walSize = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

/**
 * Checkpoints everything and cuts the WAL to nothing, so two databases start a measurement from a
 * WAL of the same size (zero) however their setup went.
 */
export function truncateWal(file: string): void {
  const db = openDatabase(file);
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy !== 0) throw new Error(`${file}: the WAL could not be truncated (a reader or writer held it)`);
  } finally {
    db.close();
  }
}

export interface WalGrowth {
  /** Frames appended to the WAL per operation (a frame is one page written). */
  readonly framesPerOperation: number;
  readonly bytesPerOperation: number;
}

/**
 * What `operations` runs of `work` append to the WAL. A second connection holds a read snapshot
 * meanwhile, so no checkpoint can restart the WAL and every frame written stays counted.
 */
export async function walGrowth(file: string, operations: number, work: () => Promise<void> | void): Promise<WalGrowth> {
  const reader = openDatabase(file, { readonly: true });
  try {
    const pageSize = Number(reader.pragma('page_size', { simple: true }));
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM sqlite_schema').get();
    const before = walSize(file);
    await work();
    const bytes = walSize(file) - before;
    reader.exec('COMMIT');
    return { framesPerOperation: bytes / (pageSize + WAL_FRAME_HEADER_BYTES) / operations, bytesPerOperation: bytes / operations };
  } finally {
    reader.close();
  }
}
