import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Written while a desk runs on a data folder: restore refuses to swap a database in use. */
export const DESK_PID_FILE_NAME = 'desk.pid';

export function writeDeskPid(dataDir: string): () => void {
  const file = path.join(dataDir, DESK_PID_FILE_NAME);
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/** The pid of a desk still running on this folder; a pid file left by a killed desk does not count. */
export function runningDeskPid(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dataDir, DESK_PID_FILE_NAME), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
