import type { LabelDocument } from '../../../shared/rpc/results';

/** Object URLs live this long after a download started; the browser has the file by then. */
const DOWNLOAD_URL_LINGER_MS = 60_000;

/** Anything the desk hands over as a file: a label, a slip, a report. */
export type DownloadableFile = Pick<LabelDocument, 'fileName' | 'contentType' | 'encoding' | 'data'>;

export function toBlob(document: DownloadableFile): Blob {
  if (document.encoding === 'utf8') return new Blob([document.data], { type: document.contentType });
  const binary = atob(document.data);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return new Blob([bytes], { type: document.contentType });
}

/** Saves a document (a ZPL file for a printer without a network port, or a PDF) through the browser. */
export function downloadDocument(document: DownloadableFile): void {
  const url = URL.createObjectURL(toBlob(document));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = document.fileName;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LINGER_MS);
}
