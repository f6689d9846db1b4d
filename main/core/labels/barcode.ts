import bwipjs from 'bwip-js/node';

/** Bar height in millimetres: tall enough for a hand scanner held at an angle. */
const BAR_HEIGHT_MM = 15;
const MODULE_SCALE = 3;

/** A Code 128 barcode as PNG, with its text printed below, for the PDF documents. */
export function code128Png(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: 'code128', text, scale: MODULE_SCALE, height: BAR_HEIGHT_MM, includetext: true, textxalign: 'center' });
}
