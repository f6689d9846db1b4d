import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../../shared/rpc/client';
import { fail, type Envelope } from '../../shared/rpc/envelope';
import type { Dispatch } from '../core/dispatcher';
import { isTrustedSender } from './sender-check';

/** The Electron adapter: one channel, sender checked on every message, payload validated by the dispatcher. */
export function createIpcInvokeHandler(dispatch: Dispatch) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, method: unknown, params: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) return fail('unauthorized', 'This frame may not call the desk.', undefined, { key: 'frameNotTrusted' });
    if (typeof method !== 'string') return fail('unknown_method', 'The method name must be a string.', undefined, { key: 'unknownMethod', params: { method: '?' } });
    return dispatch(method, params);
  };
}

export function registerIpcAdapter(ipcMain: IpcMain, dispatch: Dispatch): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, createIpcInvokeHandler(dispatch));
}
