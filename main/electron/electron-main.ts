import path from 'node:path';
import { BrowserWindow, Menu, MessageChannelMain, app, dialog, ipcMain, protocol, screen, session, utilityProcess, type MessagePortMain } from 'electron';
import { defaultDataDir } from '../host/data-dir';
import { superviseHost, type HostChild, type HostSupervisor } from '../host/host-supervisor';
import { UPSTREAM_TOKEN_FILE_NAME } from '../core/desk-core';
import type { ControlReport } from '../../shared/host-protocol';
import { IPC_MENU_CHANNEL, IPC_PORT_CHANNEL, IPC_PORT_REQUEST_CHANNEL, IPC_SCREEN_CHANNEL } from '../../shared/rpc/client';
import type { MenuCommand } from '../../shared/ui/screens';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin';
import { serveAppRequest } from './app-protocol';
import { createPortRequestHandler } from './port-broker';
import { registerPrintHandler } from './print-ipc';
import { printPdfDocument } from './print-pdf';
import { electronNativeBinding } from './native-binding';
import { cameraCheckOnCheckIn, cameraOnCheckIn, guardWebContents, trackShownScreen } from './navigation-guards';
import { secureWebPreferences } from './web-preferences';
import { createSafeStorageSecretStore, secretStorageRefusal } from './safe-storage-secrets';
import { buildMenuTemplate } from './app-menu';
import { readWindowState, writeWindowState, type WindowState } from './window-state';

/** The operator agreed to keep the token where the OS offers no keyring (set by the packaging, docs/packaging.md). */
const ALLOW_PLAIN_TEXT_TOKEN = process.env.RECEIVING_DESK_ALLOW_PLAIN_TEXT_TOKEN === '1';

const WINDOW_DEFAULT_WIDTH = 1280;
const WINDOW_DEFAULT_HEIGHT = 860;
const WINDOW_MIN_WIDTH = 900;
const WINDOW_MIN_HEIGHT = 600;
const WINDOW_STATE_FILE = 'window-state.json';
/** Resizing fires many events: the place is saved once it has settled. */
const WINDOW_STATE_SAVE_DELAY_MS = 500;

// Must run before `ready`: makes app:// a secure standard origin with fetch support.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
// The desk's data folder is decided in one place (main/host/data-dir.ts), for web mode and restore too.
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

let host: HostSupervisor | null = null;
let hostStopped = false;

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
    if (!window.isDestroyed()) window.webContents.send(IPC_MENU_CHANNEL, command);
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, { developer: !app.isPackaged })));
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** The desk's host in an Electron utility process: the core, its database and schedules never run on this thread. */
function forkHost(): HostChild {
  const child = utilityProcess.fork(path.join(__dirname, 'desk-host.cjs'), [], { serviceName: 'Receiving Desk host', stdio: 'inherit' });
  return {
    post: (message) => child.postMessage(message),
    postConnect: (port) => child.postMessage({ kind: 'connect' }, [port as MessagePortMain]),
    onMessage: (listener) => child.on('message', (message: ControlReport) => listener(message)),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
}

// One desk per data folder: the host takes the folder's OS lock; this keeps a second window of the
// same user from even starting a second host.
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

  void app.whenReady().then(async () => {
    const nativeBinding = electronNativeBinding(process.resourcesPath, app.getAppPath());
    // safeStorage lives in this process only: the host gets the token, and hands back every new one.
    const secrets = createSafeStorageSecretStore(path.join(dataDir, `${UPSTREAM_TOKEN_FILE_NAME}.enc`), () => ALLOW_PLAIN_TEXT_TOKEN);
    let token: string | null = null;
    try {
      token = secrets.read();
    } catch (error) {
      console.error('[desk] the upstream token could not be read:', error);
    }
    const supervisor = superviseHost(forkHost(), {
      onSecret: (value) => {
        try {
          secrets.write(value);
        } catch (error) {
          console.error('[desk] the upstream token could not be kept:', error);
        }
      },
      onLog: (where, message) => console.error(`[desk] ${where}: ${message}`),
      onUnexpectedExit: (code) => {
        dialog.showErrorBox('Receiving Desk stopped', `The desk's host process ended unexpectedly (exit code ${code}). Every recorded scan is kept; start the desk again.`);
        app.exit(1);
      },
    });
    const started = await supervisor.start(dataDir, {
      seedDemoWhenEmpty: process.env.RECEIVING_DESK_NO_DEMO !== '1',
      ...(nativeBinding === undefined ? {} : { nativeBinding }),
      relayedSecret: { value: token, refusal: secretStorageRefusal(() => ALLOW_PLAIN_TEXT_TOKEN) },
    });
    if (!started.ok) {
      // Another desk on the folder, a read-only folder, a full disk, a damaged file: the problem and the way out.
      dialog.showErrorBox('Receiving Desk cannot start', started.message);
      hostStopped = true;
      app.exit(1);
      return;
    }
    host = supervisor;
    for (const warning of started.warnings) console.warn(`[desk] warning: ${warning}`);
    const rendererDir = path.join(__dirname, '..', 'renderer');
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, rendererDir));
    // The camera, video only, while the check-in screen is shown; every other permission refused.
    const screens = trackShownScreen();
    ipcMain.on(IPC_SCREEN_CHANNEL, (event, screen: unknown) => screens.shown(event.senderFrame, screen));
    session.defaultSession.setPermissionRequestHandler(cameraOnCheckIn(screens));
    session.defaultSession.setPermissionCheckHandler(cameraCheckOnCheckIn(screens));
    const brokerPort = createPortRequestHandler(() => new MessageChannelMain(), (port) => supervisor.connect(port), IPC_PORT_CHANNEL);
    ipcMain.on(IPC_PORT_REQUEST_CHANNEL, (event) => void brokerPort(event));
    registerPrintHandler(ipcMain, printPdfDocument);
    createMainWindow();
  });

  app.on('window-all-closed', () => app.quit());

  // Orderly shutdown: the host answers every call under way, closes the database and gives the folder up.
  app.on('before-quit', (event) => {
    if (hostStopped || host === null) return;
    event.preventDefault();
    void host.shutdown().finally(() => {
      hostStopped = true;
      app.quit();
    });
  });
}
