import type { IpcMainEvent } from 'electron';
import { isTrustedSender } from './sender-check';

/** The parts of a MessageChannelMain the broker uses, so it is testable without Electron. */
export interface PortPair<Port> {
  readonly port1: Port;
  readonly port2: Port;
}

/**
 * Hands each page load of the app's window its own MessagePort to the desk's host process: one end
 * to the host, the other to the page's preload. Only the app's own top-level frame gets one
 * (Electron security checklist item 17); the host validates every payload that comes through it.
 */
export function createPortRequestHandler<Port>(
  makeChannel: () => PortPair<Port>,
  connectHost: (port: Port) => void,
  replyChannel: string,
) {
  return (event: Pick<IpcMainEvent, 'senderFrame'> & { readonly sender: { postMessage(channel: string, message: unknown, transfer: Port[]): void } }): boolean => {
    if (!isTrustedSender(event.senderFrame)) return false;
    const { port1, port2 } = makeChannel();
    connectHost(port1);
    event.sender.postMessage(replyChannel, null, [port2]);
    return true;
  };
}
