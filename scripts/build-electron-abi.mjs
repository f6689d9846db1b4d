// Builds better-sqlite3 for the installed Electron's ABI into .electron-abi/ (packaging time only),
// leaving node_modules' Node build, which the tests and web mode use, untouched. The app loads it
// with better-sqlite3's nativeBinding option (main/electron/native-binding.ts). Needs the network
// for Electron's headers, and @electron/rebuild (electron-builder brings it; v4 needs Node 22).
import { cpSync, mkdirSync, mkdtempSync, copyFileSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const { rebuild } = await import(require.resolve('@electron/rebuild'));

// A throwaway module folder holding a copy of better-sqlite3, so the rebuild cannot touch node_modules.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'desk-electron-abi-'));
const moduleDir = path.join(scratch, 'node_modules', 'better-sqlite3');
mkdirSync(path.dirname(moduleDir), { recursive: true });
cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), moduleDir, { recursive: true });
cpSync(path.join(root, 'package.json'), path.join(scratch, 'package.json'));
try {
  await rebuild({ buildPath: scratch, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  mkdirSync(path.join(root, '.electron-abi'), { recursive: true });
  copyFileSync(path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node'), path.join(root, '.electron-abi', 'better_sqlite3.node'));
  console.log(`better-sqlite3 built for Electron ${electronVersion} into .electron-abi/better_sqlite3.node`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
