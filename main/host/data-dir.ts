import os from 'node:os';
import path from 'node:path';

/**
 * The one default data folder of the desktop app, web mode and `npm run restore`
 * (docs/architecture.md, "The host"): where Electron keeps an app's data (`app.getPath('userData')`,
 * the app data folder and the product name), and the desktop app sets its userData to this very
 * folder, so the three never disagree. RECEIVING_DESK_DATA_DIR overrides it for all three.
 */
export const APP_FOLDER = 'Receiving Desk';
export const DATA_DIR_ENV = 'RECEIVING_DESK_DATA_DIR';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  const override = env[DATA_DIR_ENV];
  if (override !== undefined && override !== '') return path.resolve(override);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}

export const DATABASE_FILE_NAME = 'desk.sqlite';
