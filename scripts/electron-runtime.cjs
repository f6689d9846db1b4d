// Where the Electron runtime is, without triggering a download: electron's own index.js fetches
// the runtime when it is missing, so probing it by require() would reach for the network.
// CommonJS so that both the start script and the Playwright specs can load it.
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

/** @returns {{ path: string } | { missing: string }} */
function findElectronRuntime() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron';
    return { path: path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable) };
  }
  if (!existsSync(pathFile)) return { missing: 'npm install skipped its download (allowScripts: electron false)' };
  const executable = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(executable) ? { path: executable } : { missing: `${executable} is missing` };
}

module.exports = { findElectronRuntime };
