/**
 * One hub process per embedded database folder (PGlite has a single connection; two processes on
 * one folder would corrupt it). The hold is a local socket the process listens on: the operating
 * system closes it when the process dies, however it dies, so a killed hub never blocks the next
 * start, and a live one is found by connecting to it.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface FolderHold {
  release(): Promise<void>;
}

export class FolderHeldError extends Error {
  constructor(readonly folder: string, readonly holder: string) {
    super(`${folder} is in use by another hub process (${holder}); one hub process per embedded database folder — stop it, or run several processes on a PostgreSQL server (--database)`);
    this.name = 'FolderHeldError';
  }
}

/** A short socket name per folder (Unix socket paths are limited to about 100 bytes). */
function socketPathFor(folder: string): string {
  const digest = createHash('sha256').update(path.resolve(folder)).digest('hex').slice(0, 24);
  return process.platform === 'win32' ? `\\\\.\\pipe\\receiving-hub-${digest}` : path.join(os.tmpdir(), `receiving-hub-${digest}.sock`);
}

function listen(server: net.Server, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Who holds the folder, if anyone: a live process answers with its pid. */
function askHolder(where: string): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(where);
    let answer = '';
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve('a process that does not answer');
    });
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('end', () => resolve(answer.trim() === '' ? 'a running process' : answer.trim()));
    socket.on('error', () => resolve(null));
  });
}

export async function holdFolder(folder: string): Promise<FolderHold> {
  const where = socketPathFor(folder);
  const server = net.createServer((socket) => socket.end(`pid ${process.pid}`));
  try {
    await listen(server, where);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const holder = await askHolder(where);
    if (holder !== null) throw new FolderHeldError(folder, holder);
    // Left by a process that died: nobody listens, so the name is free to take.
    if (process.platform !== 'win32') rmSync(where, { force: true });
    await listen(server, where);
  }
  server.unref();
  return {
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
