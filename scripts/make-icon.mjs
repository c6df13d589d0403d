// Draws the extension's icon, media/icon.png (128×128): the title brackets 《 》 around a check mark, on a
// rounded square. Pure Node (zlib for the PNG), no image tools: `node scripts/make-icon.mjs` rewrites it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis: 16 samples a pixel smooth the edges
const BACKGROUND = [31, 58, 95];
const INK = [255, 255, 255];
const GOLD = [242, 184, 48];

/** Distance from p to the segment a–b. */
function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const onPolyline = (points, width) => (x, y) => points.slice(1).some((b, i) => segmentDistance(x, y, points[i], b) <= width / 2);
const chevron = (tipX, openX) => [[openX, 30], [tipX, 64], [openX, 98]];
const shapes = [
  { color: INK, inside: onPolyline(chevron(14, 36), 8) },
  { color: INK, inside: onPolyline(chevron(30, 52), 8) },
  { color: INK, inside: onPolyline(chevron(114, 92), 8) },
  { color: INK, inside: onPolyline(chevron(98, 76), 8) },
  { color: GOLD, inside: onPolyline([[50, 64], [60, 76], [79, 48]], 9) },
];

function inRoundedSquare(x, y, radius = 24) {
  const cx = Math.min(Math.max(x, radius), SIZE - radius);
  const cy = Math.min(Math.max(y, radius), SIZE - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const px = x + (sx + 0.5) / SAMPLES, py = y + (sy + 0.5) / SAMPLES;
        if (!inRoundedSquare(px, py)) continue;
        const color = shapes.find((s) => s.inside(px, py))?.color ?? BACKGROUND;
        sum[0] += color[0]; sum[1] += color[1]; sum[2] += color[2]; sum[3] += 255;
      }
    }
    const n = SAMPLES * SAMPLES;
    const alpha = sum[3] / n;
    // Straight (not premultiplied) alpha: the colour of the covered samples only.
    const covered = sum[3] / 255 || 1;
    row.set([Math.round(sum[0] / covered), Math.round(sum[1] / covered), Math.round(sum[2] / covered), Math.round(alpha)], 1 + x * 4);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('../media/icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`${out.pathname}: ${png.length} bytes`);
