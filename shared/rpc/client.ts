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

/** The name of the Electron IPC channel: one channel, the method travels in the payload. */
export const IPC_INVOKE_CHANNEL = 'desk:invoke';
