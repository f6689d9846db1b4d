import { BrowserWindow } from 'electron';
import type { PrintRequest } from '../../shared/rpc/print-request';

const MICRONS_PER_POINT = 25_400 / 72;
/** Chromium's PDF viewer loads after the page: give it this long to lay the document out. */
const PDF_VIEWER_SETTLE_MS = 500;
/** A print job that has not been handed to the spooler by then is reported as failed. */
const PRINT_TIMEOUT_MS = 60_000;

/**
 * Prints a PDF on a system printer at the document's own page size: a hidden window with the PDF
 * viewer (Electron ≥ 32 prints PDFs through it, silently since 36), then webContents.print.
 */
export async function printPdfDocument(request: PrintRequest): Promise<void> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  try {
    await window.loadURL(`data:application/pdf;base64,${request.data}`);
    await new Promise((resolve) => setTimeout(resolve, PDF_VIEWER_SETTLE_MS));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The printer did not take the job within ${PRINT_TIMEOUT_MS / 1000} s.`)), PRINT_TIMEOUT_MS);
      window.webContents.print(
        {
          silent: request.silent,
          ...(request.deviceName === null ? {} : { deviceName: request.deviceName }),
          printBackground: true,
          margins: { marginType: 'none' },
          pageSize: {
            width: Math.round(request.pageWidthPt * MICRONS_PER_POINT),
            height: Math.round(request.pageHeightPt * MICRONS_PER_POINT),
          },
        },
        (success, failureReason) => {
          clearTimeout(timer);
          if (success) resolve();
          else reject(new Error(`Printing failed: ${failureReason}`));
        },
      );
    });
  } finally {
    window.destroy();
  }
}
