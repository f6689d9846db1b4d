// Bundles the hub (main/hub/hub-cli.ts) into dist/main/hub-cli.cjs. Its database drivers stay in
// node_modules: PGlite loads its WebAssembly and data files from its own folder at run time.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HUB_BUNDLE = path.join(root, 'dist', 'main', 'hub-cli.cjs');

export async function buildHub() {
  await build({
    entryPoints: [path.join(root, 'main', 'hub', 'hub-cli.ts')],
    outfile: HUB_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: ['pg', 'pg-native', '@electric-sql/pglite'],
    logLevel: 'warning',
  });
  return HUB_BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildHub();
