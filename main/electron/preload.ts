// Sandboxed preload: one CommonJS bundle that may require only 'electron'. It exposes exactly
// `window.desk` and never ipcRenderer or the port itself (Electron security checklist item 20).
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_MENU_CHANNEL, IPC_PORT_CHANNEL, IPC_PORT_REQUEST_CHANNEL, IPC_SCREEN_CHANNEL } from '../../shared/rpc/client';
import type { DeskBridge } from '../../shared/rpc/bridge';
import { IPC_PRINT_CHANNEL } from '../../shared/rpc/print-request';
import { createHostClient, type HostClient } from '../../shared/host-protocol';
import type { DeskEvent } from '../../shared/events';
import type { MenuCommand } from '../../shared/ui/screens';

// Calls go over a MessagePort straight to the desk's host process, never through the main process.
// The port arrives once per page load; calls made before it are queued.
let client: HostClient | null = null;
const queued: ((client: HostClient) => void)[] = [];
const eventListeners = new Set<(event: DeskEvent) => void>();

ipcRenderer.on(IPC_PORT_CHANNEL, (event) => {
  const [port] = event.ports;
  if (port === undefined || client !== null) return;
  client = createHostClient({
    send: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.onmessage = (message: { data: unknown }) => listener(message.data);
    },
    close: () => port.close(),
  });
  port.start();
  client.subscribe((deskEvent) => {
    for (const listener of [...eventListeners]) listener(deskEvent);
  });
  for (const waiting of queued.splice(0)) waiting(client);
});
ipcRenderer.send(IPC_PORT_REQUEST_CHANNEL);

const withClient = <T>(use: (client: HostClient) => Promise<T>): Promise<T> =>
  client !== null ? use(client) : new Promise<T>((resolve) => queued.push((ready) => void use(ready).then(resolve)));

const bridge: DeskBridge = {
  invoke: (method, params) => withClient((ready) => ready.callRaw(method, params)),
  onDeskEvent: (listener) => {
    eventListeners.add(listener);
    return () => eventListeners.delete(listener);
  },
  onMenuCommand: (listener) => {
    const relay = (_event: unknown, command: MenuCommand) => listener(command);
    ipcRenderer.on(IPC_MENU_CHANNEL, relay);
    return () => ipcRenderer.removeListener(IPC_MENU_CHANNEL, relay);
  },
  printPdf: (request) => ipcRenderer.invoke(IPC_PRINT_CHANNEL, request),
  screenShown: (screen) => ipcRenderer.send(IPC_SCREEN_CHANNEL, screen),
};

contextBridge.exposeInMainWorld('desk', bridge);
