/**
 * The board's page: the renderer's second entry (renderer/board.html), built by `npm run build`
 * into dist/renderer beside the desk's page, served at /board/ with its assets. Only board.html
 * and the assets folder are served; nothing else of the folder is reachable.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const BOARD_HTML = 'board.html';
const ASSETS_DIR = 'assets';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Where the built renderer is: beside the hub's bundle (dist/main → dist/renderer), or dist/renderer from the sources. */
export function defaultBoardDir(): string {
  const candidates = [path.resolve(__dirname, '..', 'renderer'), path.resolve(__dirname, '..', '..', '..', 'dist', 'renderer')];
  return candidates.find((dir) => existsSync(path.join(dir, BOARD_HTML))) ?? candidates[candidates.length - 1] ?? '';
}

export interface BoardFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Hashed asset names never change content: they may be cached for long. */
  readonly immutable: boolean;
}

/** The file for a path under /board/ (`rest` is what follows it), or null. */
export async function readBoardFile(root: string, rest: string): Promise<BoardFile | null> {
  let relative: string;
  try {
    relative = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (relative === '' || relative === 'index.html') relative = BOARD_HTML;
  else if (!relative.startsWith(`${ASSETS_DIR}/`) || relative.includes('\0')) return null;
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  // Resolved, the path must still be the page itself or inside the assets folder (no `..` out of it).
  if (file !== path.join(resolvedRoot, BOARD_HTML) && !file.startsWith(path.join(resolvedRoot, ASSETS_DIR) + path.sep)) return null;
  try {
    const body = await readFile(file);
    return { body, contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', immutable: relative !== BOARD_HTML };
  } catch {
    return null;
  }
}
