import type { Database } from 'better-sqlite3';

export interface PhotoRow {
  readonly photoId: number;
  readonly packageId: number;
  /** The file's name in the photos folder beside the database. */
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly contentType: string;
  readonly operator: string;
  readonly takenAt: string;
}

const COLUMNS = `id AS photoId, package_id AS packageId, file_name AS fileName, sha256, bytes, content_type AS contentType, operator, taken_at AS takenAt`;

/** Photos of a package taken at the dock: the file beside the database, its hash here (append-only). */
export function createPhotosRepository(db: Database) {
  const insert = db.prepare(`INSERT INTO package_photos (package_id, file_name, sha256, bytes, content_type, operator, desk_id, taken_at)
    VALUES (@packageId, @fileName, @sha256, @bytes, @contentType, @operator, @deskId, @takenAt)`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM package_photos WHERE id = ?`);
  const forPackage = db.prepare(`SELECT ${COLUMNS} FROM package_photos WHERE package_id = ? ORDER BY id`);
  const all = db.prepare(`SELECT ${COLUMNS} FROM package_photos ORDER BY id`);
  return {
    insert: (row: Omit<PhotoRow, 'photoId'> & { deskId: string }) => Number(insert.run(row).lastInsertRowid),
    findById: (photoId: number) => byId.get(photoId) as PhotoRow | undefined,
    listForPackage: (packageId: number) => forPackage.all(packageId) as PhotoRow[],
    listAll: () => all.all() as PhotoRow[],
  };
}
export type PhotosRepository = ReturnType<typeof createPhotosRepository>;
