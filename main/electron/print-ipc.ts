import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describeIssues, issuesText } from '../../shared/rpc/describe-issues';
import { fail, ok, type Envelope } from '../../shared/rpc/envelope';
import { IPC_PRINT_CHANNEL, printRequestSchema, type PrintRequest } from '../../shared/rpc/print-request';
import { isTrustedSender } from './sender-check';

export type PrintPdf = (request: PrintRequest) => Promise<void>;

/** The print channel: sender checked, payload schema-checked, then the shell prints. */
export function createPrintHandler(printPdf: PrintPdf) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, payload: unknown): Promise<Envelope<{ printed: true }>> => {
    if (!isTrustedSender(event.senderFrame)) return fail('unauthorized', 'This frame may not print.', undefined, { key: 'frameNotTrusted' });
    const parsed = printRequestSchema.safeParse(payload);
    if (!parsed.success) return fail('invalid_params', describeIssues(parsed.error), undefined, issuesText(parsed.error, payload));
    if (parsed.data.silent && parsed.data.deviceName === null) {
      return fail('invalid_params', 'deviceName: silent printing needs a named printer (set one in Settings)', undefined, { key: 'silentPrintNeedsPrinter' });
    }
    try {
      await printPdf(parsed.data);
      return ok({ printed: true });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail('printer', reason, undefined, { key: 'systemPrintFailed', params: { reason } });
    }
  };
}

export function registerPrintHandler(ipcMain: IpcMain, printPdf: PrintPdf): void {
  ipcMain.handle(IPC_PRINT_CHANNEL, createPrintHandler(printPdf));
}
