/**
 * The one print call the Electron shell takes besides the RPC channel: a rendered PDF to print on a
 * system printer at the label's own page size. Web mode has no such call; the browser prints.
 */
import { z } from 'zod';
import { MAX_TEXT_FIELD_LENGTH } from './limits';

export const IPC_PRINT_CHANNEL = 'desk:print';
/** A packing slip for 100 drives is ~60 kB; this leaves room and refuses anything absurd. */
export const MAX_PRINT_PDF_BASE64_LENGTH = 16 * 1024 * 1024;
/** Paper or label sizes a printer may be asked for, in points: a tenth of an inch to a metre. */
const pageSide = z.number().min(7.2).max(2_834);

export const printRequestSchema = z.strictObject({
  /** The PDF, base64. */
  data: z.string().min(1).max(MAX_PRINT_PDF_BASE64_LENGTH).regex(/^[A-Za-z0-9+/]+=*$/, 'data: expected base64'),
  pageWidthPt: pageSide,
  pageHeightPt: pageSide,
  /** The system printer's name; null for the system's default in the dialog. */
  deviceName: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH).nullable(),
  /** No dialog: only with a printer profile set (a named printer). */
  silent: z.boolean(),
});
export type PrintRequest = z.infer<typeof printRequestSchema>;
