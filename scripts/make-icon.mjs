// Draws the app icon (build/icon.png, 512 × 512): a barcode on a deep-blue tile, the desk's job.
// Run once when the design changes; electron-builder makes the Windows and macOS icons from it.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BACKGROUND = [11, 87, 208];
const BARS = [255, 255, 255];
const MARGIN = 96;
// Bar widths in modules, alternating bar and space: a stylised Code 128.
const PATTERN = [2, 1, 1, 2, 3, 2, 1, 1, 2, 2, 1, 3, 3, 1, 1, 2, 1, 2, 2, 1, 1, 3, 2, 1, 2];

const moduleWidth = (SIZE - 2 * MARGIN) / PATTERN.reduce((sum, width) => sum + width, 0);
const isBar = (x) => {
  let at = MARGIN;
  for (const [index, width] of PATTERN.entries()) {
    const end = at + width * moduleWidth;
    if (x >= at && x < end) return index % 2 === 0;
    at = end;
  }
  return false;
};
const rows = [];
for (let y = 0; y < SIZE; y += 1) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let x = 0; x < SIZE; x += 1) {
    const inTile = Math.hypot(Math.max(0, Math.abs(x - SIZE / 2) - 176), Math.max(0, Math.abs(y - SIZE / 2) - 176)) <= 80;
    const colour = inTile && y > MARGIN + 40 && y < SIZE - MARGIN - 40 && isBar(x) ? BARS : BACKGROUND;
    row.set([...colour, inTile ? 255 : 0], 1 + x * 4);
  }
  rows.push(row);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(path.join(root, 'build'), { recursive: true });
writeFileSync(path.join(root, 'build', 'icon.png'), png);
console.log(`wrote build/icon.png (${png.length} bytes)`);
