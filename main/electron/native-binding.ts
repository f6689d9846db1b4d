import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where packaging puts the Electron-ABI better-sqlite3 build (electron-builder extraResources). */
export const ELECTRON_NATIVE_FOLDER = 'native';
export const NATIVE_BINARY_NAME = 'better_sqlite3.node';
/** The same build for a development run, made by `npm run electron:rebuild-sqlite`. */
export const DEV_ELECTRON_ABI_FOLDER = '.electron-abi';

/**
 * The absolute path of an Electron-ABI better-sqlite3 binary, or undefined to use node_modules'
 * own build (which only loads if it happens to match Electron's ABI).
 */
export function electronNativeBinding(resourcesPath: string, appRoot: string): string | undefined {
  const candidates = [
    path.join(resourcesPath, ELECTRON_NATIVE_FOLDER, NATIVE_BINARY_NAME),
    path.join(appRoot, DEV_ELECTRON_ABI_FOLDER, NATIVE_BINARY_NAME),
  ];
  return candidates.find((candidate) => existsSync(candidate));
}
