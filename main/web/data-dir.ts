import os from 'node:os';
import path from 'node:path';

const APP_FOLDER = 'receiving-desk';

/** The user's data folder, where Electron's `app.getPath('userData')` would put it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), APP_FOLDER);
}

export const DATABASE_FILE_NAME = 'desk.sqlite';
