import net from 'node:net';
import type { ErrorText } from '../../../shared/rpc/envelope';

/** A Zebra printer that does not accept the connection by then is reported unreachable. */
export const PRINTER_CONNECT_TIMEOUT_MS = 5_000;
/** Sending a label takes well under a second; a printer that stalls longer is reported. */
export const PRINTER_SEND_TIMEOUT_MS = 15_000;

/** A printer that failed, in English for the log and as a catalogue text for the screen (docs/i18n.md). */
export class PrinterError extends Error {
  readonly text: ErrorText;
  constructor(message: string, text: ErrorText) {
    super(message);
    this.text = text;
  }
}

function describe(error: NodeJS.ErrnoException, host: string, port: number): PrinterError {
  const where = `${host}:${port}`;
  const code = error.code ?? 'EIO';
  switch (error.code) {
    case 'ECONNREFUSED':
      return new PrinterError(
        `The label printer at ${where} refused the connection (ECONNREFUSED). Check that it is on and that the address and port in Settings are right.`,
        { key: 'printerRefused', params: { printer: where } },
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PrinterError(`The label printer's host name ${host} could not be resolved (${error.code}). Check the address in Settings.`, {
        key: 'printerHostUnknown',
        params: { host, code },
      });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new PrinterError(`The label printer at ${where} cannot be reached (${error.code}). Check the network cable and the address.`, {
        key: 'printerUnreachable',
        params: { printer: where, code },
      });
    default:
      return new PrinterError(`Sending to the label printer at ${where} failed (${error.code ?? error.message}).`, {
        key: 'printerSendFailed',
        params: { printer: where, code },
      });
  }
}

/**
 * Sends raw ZPL to a network printer's port (9100 on Zebra printers): connect, write every byte,
 * close. The printer answers nothing on this port, so a clean close after the write is success.
 */
export function sendZpl(host: string, port: number, zpl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let settled = false;
    const fail = (error: PrinterError) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(PRINTER_CONNECT_TIMEOUT_MS, () =>
      fail(
        new PrinterError(`The label printer at ${host}:${port} did not answer within ${PRINTER_CONNECT_TIMEOUT_MS / 1000} s.`, {
          key: 'printerTimeout',
          params: { printer: `${host}:${port}`, seconds: PRINTER_CONNECT_TIMEOUT_MS / 1000 },
        }),
      ),
    );
    socket.once('error', (error: NodeJS.ErrnoException) => fail(describe(error, host, port)));
    socket.once('connect', () => {
      socket.setTimeout(PRINTER_SEND_TIMEOUT_MS);
      socket.end(Buffer.from(zpl, 'utf8'), () => {
        if (settled) return;
        settled = true;
        resolve();
      });
    });
  });
}
