// Sandboxed preload: one CommonJS bundle that may require only 'electron'. It exposes exactly
// `window.desk` and never ipcRenderer itself (Electron security checklist item 20).
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../../shared/rpc/client';
import type { DeskBridge } from '../../shared/rpc/bridge';
import { IPC_PRINT_CHANNEL } from '../../shared/rpc/print-request';

const DESK_EVENT_CHANNEL = 'desk:event';

const bridge: DeskBridge = {
  invoke: (method, params) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, params),
  printPdf: (request) => ipcRenderer.invoke(IPC_PRINT_CHANNEL, request),
  onEvent: (listener) => {
    const relay = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(DESK_EVENT_CHANNEL, relay);
    return () => ipcRenderer.removeListener(DESK_EVENT_CHANNEL, relay);
  },
};

contextBridge.exposeInMainWorld('desk', bridge);
