/**
 * The typed client both transports share: the renderer calls `client.call('scans.record', …)`
 * and gets the envelope back, whether it went over Electron IPC or web-mode HTTP.
 */
import type { Envelope } from './envelope';
import type { MethodInput, MethodName, MethodResult } from './contract';

/** Sends one call and returns the raw envelope; never throws for a domain error. */
export type Transport = (method: MethodName, params: unknown) => Promise<Envelope<unknown>>;

export interface DeskClient {
  call<M extends MethodName>(method: M, params: MethodInput<M>): Promise<Envelope<MethodResult<M>>>;
}

export function createDeskClient(transport: Transport): DeskClient {
  return {
    call: (method, params) => transport(method, params) as never,
  };
}

/**
 * The desktop app's channels between the window and its main process. Calls and events do not use
 * them: they travel over a MessagePort straight to the desk's host process (shared/host-protocol.ts),
 * which the window asks for on PORT_REQUEST_CHANNEL and receives on PORT_CHANNEL, once per page load.
 */
export const IPC_PORT_REQUEST_CHANNEL = 'desk:port-request';
export const IPC_PORT_CHANNEL = 'desk:port';
/** The application menu's commands (shared/ui/screens.ts, MenuCommand). */
export const IPC_MENU_CHANNEL = 'desk:menu';
/** The window tells the main process which screen it shows: the camera is allowed on the check-in screen only. */
export const IPC_SCREEN_CHANNEL = 'desk:screen';
