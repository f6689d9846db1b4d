// `npm run electron:fetch`: downloads the Electron runtime with electron's own installer. The
// install step is off in package.json (allowScripts) so `npm install` passes where the download
// host is unreachable; this runs it on purpose.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
const result = spawnSync(process.execPath, [installer], { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
if (result.status !== 0) {
  console.error('Could not fetch the Electron runtime (is the network reachable?). Web mode still works: npm run web');
  process.exit(result.status ?? 1);
}
