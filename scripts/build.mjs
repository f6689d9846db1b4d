// Builds what the desk runs: the renderer (Vite) and the main-process bundles (esbuild).
// `--quiet` prints nothing on success; used by `npm run web` and the test scripts.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const started = Date.now();

/** Node-side bundles: CommonJS, native and Electron modules left to the runtime. */
const nodeBundle = (entry, outfile, extra = {}) =>
  esbuild({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(root, outfile),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // Native, Electron, and libraries that read their own data files from their install folder at run time.
    external: ['better-sqlite3', 'electron', 'pdfkit', 'bwip-js'],
    logLevel: 'warning',
    ...extra,
  });

await Promise.all([
  viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: quiet ? 'error' : 'warn' }),
  nodeBundle('main/web/web-cli.ts', 'dist/main/web-cli.cjs'),
  nodeBundle('main/cli/restore-cli.ts', 'dist/main/restore-cli.cjs'),
  nodeBundle('main/electron/electron-main.ts', 'dist/main/electron-main.cjs'),
  // The desk's host, off the window's main thread: an Electron utility process, a worker thread in tests.
  nodeBundle('main/host/host-process.ts', 'dist/main/desk-host.cjs'),
  // Sandboxed preloads cannot use ESM or require anything but 'electron': one CJS file.
  nodeBundle('main/electron/preload.ts', 'dist/main/preload.cjs', { platform: 'browser', target: 'chrome120' }),
]);

if (!quiet) console.log(`built dist/ in ${Date.now() - started} ms`);
