import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, screen, session } from 'electron';
import { createDeskCore, type DeskCore } from '../core/desk-core';
import { DATABASE_FILE_NAME } from '../web/data-dir';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin';
import { serveAppRequest } from './app-protocol';
import { registerIpcAdapter } from './ipc-adapter';
import { registerPrintHandler } from './print-ipc';
import { printPdfDocument } from './print-pdf';
import { electronNativeBinding } from './native-binding';
import { denyAllPermissions, guardWebContents } from './navigation-guards';
import { secureWebPreferences } from './web-preferences';
import { createSafeStorageSecretStore } from './safe-storage-secrets';
import { buildMenuTemplate, type MenuCommand } from './app-menu';
import { readWindowState, writeWindowState, type WindowState } from './window-state';
import { startSyncScheduler, type SyncScheduler } from '../core/sync/sync-scheduler';
import { UPSTREAM_TOKEN_FILE_NAME } from '../core/desk-core';
import { startBackupScheduler } from '../core/backups/backups';

/** The operator agreed to keep the token where the OS offers no keyring (set by the packaging, docs/packaging.md). */
const ALLOW_PLAIN_TEXT_TOKEN = process.env.RECEIVING_DESK_ALLOW_PLAIN_TEXT_TOKEN === '1';

const WINDOW_DEFAULT_WIDTH = 1280;
const WINDOW_DEFAULT_HEIGHT = 860;
const WINDOW_MIN_WIDTH = 900;
const WINDOW_MIN_HEIGHT = 600;
const WINDOW_STATE_FILE = 'window-state.json';
/** Resizing fires many events: the place is saved once it has settled. */
const WINDOW_STATE_SAVE_DELAY_MS = 500;
/** The preload relays this channel to `window.desk.onEvent`. */
const DESK_EVENT_CHANNEL = 'desk:event';

// Must run before `ready`: makes app:// a secure standard origin with fetch support.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

let core: DeskCore | null = null;
let scheduler: SyncScheduler | null = null;
let backups: { stop(): void } | null = null;

function createMainWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
  const saved = readWindowState(stateFile, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    width: saved?.width ?? WINDOW_DEFAULT_WIDTH,
    height: saved?.height ?? WINDOW_DEFAULT_HEIGHT,
    ...(saved === null ? {} : { x: saved.x, y: saved.y }),
    minWidth: WINDOW_MIN_WIDTH,
    minHeight: WINDOW_MIN_HEIGHT,
    title: 'Receiving Desk',
    icon: path.join(__dirname, '..', '..', 'build', 'icon.png'),
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs')),
  });
  window.once('ready-to-show', () => {
    if (saved?.maximized === true) window.maximize();
    window.show();
  });
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const saveState = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (window.isDestroyed()) return;
      const bounds = window.getNormalBounds();
      const state: WindowState = { ...bounds, maximized: window.isMaximized() };
      writeWindowState(stateFile, state);
    }, WINDOW_STATE_SAVE_DELAY_MS);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', saveState);
  window.on('close', () => {
    clearTimeout(saveTimer);
    writeWindowState(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
  });
  const send = (command: MenuCommand) => {
    if (!window.isDestroyed()) window.webContents.send(DESK_EVENT_CHANNEL, command);
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, { developer: !app.isPackaged })));
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

// Two instances on one database would break the outbox's single-writer order.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window !== undefined) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  void app.whenReady().then(() => {
    const dataDir = process.env.RECEIVING_DESK_DATA_DIR ?? app.getPath('userData');
    const appRoot = app.getAppPath();
    const nativeBinding = electronNativeBinding(process.resourcesPath, appRoot);
    try {
      core = createDeskCore({
        databaseFile: path.join(dataDir, DATABASE_FILE_NAME),
        seedDemoWhenEmpty: process.env.RECEIVING_DESK_NO_DEMO !== '1',
        database: nativeBinding === undefined ? {} : { nativeBinding },
        logError: (method, error) => console.error(`[desk] ${method}:`, error),
        secrets: createSafeStorageSecretStore(path.join(dataDir, `${UPSTREAM_TOKEN_FILE_NAME}.enc`), () => ALLOW_PLAIN_TEXT_TOKEN),
      });
    } catch (error) {
      // A read-only folder, a full disk, a damaged file: the operator gets the problem and the way out.
      dialog.showErrorBox('Receiving Desk cannot start', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    scheduler = startSyncScheduler(core.sync);
    backups = startBackupScheduler(core.context, path.join(dataDir, DATABASE_FILE_NAME), (error) => console.error('[desk] backup:', error));
    const rendererDir = path.join(__dirname, '..', 'renderer');
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, rendererDir));
    session.defaultSession.setPermissionRequestHandler(denyAllPermissions);
    session.defaultSession.setPermissionCheckHandler(() => false);
    registerIpcAdapter(ipcMain, core.dispatch);
    registerPrintHandler(ipcMain, printPdfDocument);
    createMainWindow();
  });

  app.on('window-all-closed', () => {
    scheduler?.stop();
    backups?.stop();
    core?.close();
    core = null;
    app.quit();
  });
}
