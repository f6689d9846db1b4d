import { readFileSync } from 'node:fs';
import * as mupdf from 'mupdf';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

/** The page text of a PDF, read back by MuPDF (what a person or a search would see). */
export function pdfText(pdf: Buffer): string {
  const document = mupdf.Document.openDocument(pdf, 'application/pdf');
  const pages: string[] = [];
  for (let index = 0; index < document.countPages(); index += 1) {
    pages.push(document.loadPage(index).toStructuredText('preserve-whitespace').asText());
  }
  return pages.join('\n');
}

export function pdfPageCount(pdf: Buffer): number {
  return mupdf.Document.openDocument(pdf, 'application/pdf').countPages();
}

/** Each page as PNG at `dpi`, rendered by MuPDF. */
export function pdfToPngs(pdf: Buffer, dpi = 150): Buffer[] {
  const document = mupdf.Document.openDocument(pdf, 'application/pdf');
  const scale = dpi / 72;
  const pngs: Buffer[] = [];
  for (let index = 0; index < document.countPages(); index += 1) {
    const pixmap = document.loadPage(index).toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
    pngs.push(Buffer.from(pixmap.asPNG()));
  }
  return pngs;
}

let zxingReady = false;

/** Decodes every Code 128 barcode in a PNG with ZXing (the wasm build, loaded from node_modules). */
export async function decodeCode128(png: Buffer): Promise<string[]> {
  if (!zxingReady) {
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
    zxingReady = true;
  }
  const results = await readBarcodes(new Uint8Array(png), { formats: ['Code128'], tryHarder: true });
  return results.filter((result) => result.isValid).map((result) => result.text);
}
