import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_FOLDER, defaultDataDir } from '../../main/host/data-dir';

const ROOT = path.resolve(__dirname, '..', '..');
const productName = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { productName: string }).productName;

describe('one default data folder for the desktop app, web mode and restore', () => {
  it("is where Electron keeps the product's data on each system, unless RECEIVING_DESK_DATA_DIR says otherwise", () => {
    // Electron's userData is the app data folder plus the product's name.
    expect(APP_FOLDER).toBe(productName);
    expect(defaultDataDir({}, 'linux', '/home/op')).toBe('/home/op/.config/Receiving Desk');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/op')).toBe('/xdg/Receiving Desk');
    expect(defaultDataDir({}, 'darwin', '/Users/op')).toBe('/Users/op/Library/Application Support/Receiving Desk');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, 'win32', 'C:\\Users\\op')).toContain('Receiving Desk');
    expect(defaultDataDir({ RECEIVING_DESK_DATA_DIR: '/srv/desk' }, 'linux', '/home/op')).toBe('/srv/desk');
  });

  it('is what every shell uses: each one takes it from main/host/data-dir.ts, and the app makes it its userData', () => {
    for (const shell of ['main/web/web-cli.ts', 'main/cli/restore-cli.ts', 'main/electron/electron-main.ts']) {
      expect(readFileSync(path.join(ROOT, shell), 'utf8'), shell).toMatch(/import \{[^}]*defaultDataDir[^}]*\} from '\.\.\/host\/data-dir'/);
    }
    expect(readFileSync(path.join(ROOT, 'main/electron/electron-main.ts'), 'utf8')).toMatch(/const dataDir = defaultDataDir\(\);\s*app\.setPath\('userData', dataDir\);/);
  });
});
