/**
 * Damage at the dock (over / short / damaged): a box is marked damaged at check-in or later, and its
 * photos are kept with the package as files beside the database (photos/), each named by and
 * recorded with its SHA-256, copied into the backups, listed in the day's report and shown in the
 * drive card (docs/receiving-rules.md, "Damage at the dock").
 */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DeskError } from '../../../shared/rpc/envelope';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { PackageHistory, PhotoData, PhotoInfo } from '../../../shared/rpc/results';
import type { CoreContext } from '../context';
import { loadPackage } from '../receiving/load-open-package';
import { packageHistory, toPhotoInfo } from './held';

export const PHOTOS_DIR_NAME = 'photos';
/** Where the backups keep their copy of the photos: content-named, so each file is copied once. */
export const BACKUP_PHOTOS_DIR = path.join('backups', 'photos');

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The bytes a file of each type begins with: a photo is checked to be what it says. */
function looksLike(contentType: string, bytes: Buffer): boolean {
  switch (contentType) {
    case 'image/jpeg':
      return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    case 'image/png':
      return bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/webp':
      return bytes.length > 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
    default:
      return false;
  }
}

/** Writes a file durably and readable only by the desk's user: temp file, fsync, rename, fsync the folder. */
function writeDurably(folder: string, name: string, bytes: Buffer): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temp = path.join(folder, `.${name}.tmp`);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path.join(folder, name));
  const dir = openSync(folder, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** `packages.markDamaged`: the box is damaged; what was seen is kept with it. */
export function markDamaged(context: CoreContext, params: MethodParams<'packages.markDamaged'>): PackageHistory {
  context.store.transaction(() => {
    const pkg = loadPackage(context, params.packageId);
    context.store.packages.markDamaged(pkg.rowId, params.note.trim());
    context.store.events.appendPackageEvent({ packageId: pkg.rowId, kind: 'damage', note: params.note.trim() }, context.actor());
  });
  return packageHistory(context, params.packageId);
}

/**
 * `packages.addPhoto`: the file is written (and synced) first, then recorded; a photo of a package
 * not yet marked damaged marks it. A failed record leaves no file behind.
 */
export function addPhoto(context: CoreContext, params: MethodParams<'packages.addPhoto'>): { photo: PhotoInfo } {
  const { store } = context;
  const pkg = loadPackage(context, params.packageId);
  const bytes = Buffer.from(params.data, 'base64');
  if (!looksLike(params.contentType, bytes)) {
    throw new DeskError('invalid_params', `data: this is not a ${params.contentType} image.`, undefined, { key: 'photoNotImage', params: { contentType: params.contentType } });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = `package-${pkg.rowId}-${sha256}.${EXTENSIONS[params.contentType] ?? 'bin'}`;
  const folder = context.photosDir;
  const existed = existsSync(path.join(folder, fileName));
  if (existed) {
    const same = store.photos.listForPackage(pkg.rowId).find((photo) => photo.fileName === fileName);
    if (same !== undefined) return { photo: toPhotoInfo(same) };
  } else {
    writeDurably(folder, fileName, bytes);
  }
  try {
    const actor = context.actor();
    const photoId = store.transaction(() => {
      const id = store.photos.insert({ packageId: pkg.rowId, fileName, sha256, bytes: bytes.length, contentType: params.contentType, operator: actor.operator, deskId: actor.deskId, takenAt: actor.at });
      if (!pkg.damaged) store.packages.markDamaged(pkg.rowId, pkg.damageNote);
      store.events.appendPackageEvent({ packageId: pkg.rowId, kind: 'photo', note: sha256 }, actor);
      return id;
    });
    return { photo: toPhotoInfo(store.photos.findById(photoId) as NonNullable<ReturnType<typeof store.photos.findById>>) };
  } catch (error) {
    if (!existed) rmSync(path.join(folder, fileName), { force: true });
    throw error;
  }
}

/** `packages.photo`: the photo's bytes, checked against the hash recorded when it was taken. */
export function readPhoto(context: CoreContext, params: MethodParams<'packages.photo'>): PhotoData {
  const row = context.store.photos.findById(params.photoId);
  if (row === undefined) throw new DeskError('not_found', `photoId: no photo ${params.photoId}`, undefined, { key: 'photoNotFound', params: { photoId: params.photoId } });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(context.photosDir, row.fileName));
  } catch {
    throw new DeskError('storage', `The photo file ${row.fileName} is missing from the photos folder: restore it from backups/photos.`, undefined, {
      key: 'photoFileMissing',
      params: { fileName: row.fileName },
    });
  }
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
    throw new DeskError('storage', `The photo file ${row.fileName} was changed since it was taken (its SHA-256 differs): restore it from backups/photos.`, undefined, {
      key: 'photoFileChanged',
      params: { fileName: row.fileName },
    });
  }
  return { photo: toPhotoInfo(row), data: bytes.toString('base64') };
}

/** Copies every photo not yet in the backups' photos folder there (photos never change once taken). */
export function backupPhotos(dataDir: string): number {
  const source = path.join(dataDir, PHOTOS_DIR_NAME);
  const target = path.join(dataDir, BACKUP_PHOTOS_DIR);
  if (!existsSync(source)) return 0;
  let copied = 0;
  for (const name of readdirSync(source)) {
    if (name.startsWith('.') || existsSync(path.join(target, name))) continue;
    mkdirSync(target, { recursive: true, mode: 0o700 });
    copyFileSync(path.join(source, name), path.join(target, name));
    copied += 1;
  }
  return copied;
}

/** Puts back every backed-up photo missing from the photos folder (after a restore). */
export function restorePhotos(dataDir: string): number {
  const source = path.join(dataDir, BACKUP_PHOTOS_DIR);
  const target = path.join(dataDir, PHOTOS_DIR_NAME);
  if (!existsSync(source)) return 0;
  let restored = 0;
  for (const name of readdirSync(source)) {
    if (existsSync(path.join(target, name))) continue;
    writeDurably(target, name, readFileSync(path.join(source, name)));
    restored += 1;
  }
  return restored;
}
