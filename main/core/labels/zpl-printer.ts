import net from 'node:net';

/** A Zebra printer that does not accept the connection by then is reported unreachable. */
export const PRINTER_CONNECT_TIMEOUT_MS = 5_000;
/** Sending a label takes well under a second; a printer that stalls longer is reported. */
export const PRINTER_SEND_TIMEOUT_MS = 15_000;

export class PrinterError extends Error {}

function describe(error: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return `The label printer at ${where} refused the connection (ECONNREFUSED). Check that it is on and that the address and port in Settings are right.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The label printer's host name ${host} could not be resolved (${error.code}). Check the address in Settings.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The label printer at ${where} cannot be reached (${error.code}). Check the network cable and the address.`;
    default:
      return `Sending to the label printer at ${where} failed (${error.code ?? error.message}).`;
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
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new PrinterError(message));
    };
    socket.setTimeout(PRINTER_CONNECT_TIMEOUT_MS, () => fail(`The label printer at ${host}:${port} did not answer within ${PRINTER_CONNECT_TIMEOUT_MS / 1000} s.`));
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
