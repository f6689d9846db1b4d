// The site board's page is the renderer's second entry (renderer/board.html), built by Vite with the
// desk's page into dist/renderer. `npm run hub` calls buildBoardIfStale() so the hub it starts serves
// a page as new as the sources, without paying for a build when nothing changed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BOARD_PAGE = path.join(root, 'dist', 'renderer', 'board.html');
const SOURCES = [path.join(root, 'renderer'), path.join(root, 'shared'), path.join(root, 'vite.config.mts')];

function newestChange(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
}

export async function buildBoardIfStale() {
  if (existsSync(BOARD_PAGE) && statSync(BOARD_PAGE).mtimeMs >= Math.max(...SOURCES.map(newestChange))) return false;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'error' });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBoardIfStale();
