import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { trayIconNames, type TrayIconName } from './main/tray-state';

/**
 * `npm run icons`: draws the app icon and the tray icons into resources/ (committed, so packaging
 * needs nothing but this repository). Each tray state has its own shape as well as its own colour,
 * so it reads without colour vision: a dot (clear), a warning triangle (major), an exclamation in a
 * disc (critical), a hollow ring (core offline).
 */
type Rgba = [number, number, number, number];
/** Paints a point of the unit square, or leaves it to the layer below (null). */
type Layer = (x: number, y: number) => Rgba | null;

const white: Rgba = [255, 255, 255, 255];
const colours: Record<TrayIconName, Rgba> = {
  clear: [46, 139, 87, 255],
  major: [224, 138, 0, 255],
  critical: [211, 47, 47, 255],
  offline: [128, 134, 145, 255],
};

const disc =
  (cx: number, cy: number, r: number, colour: Rgba): Layer =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r ? colour : null;
const ring =
  (r: number, width: number, colour: Rgba): Layer =>
  (x, y) => {
    const d = Math.hypot(x - 0.5, y - 0.5);
    return d <= r && d >= r - width ? colour : null;
  };
const box =
  (x0: number, y0: number, x1: number, y1: number, colour: Rgba): Layer =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1 ? colour : null;
const triangle =
  (colour: Rgba): Layer =>
  (x, y) => {
    const [ax, ay, bx, by, cx, cy] = [0.5, 0.06, 0.97, 0.9, 0.03, 0.9];
    const side = (px: number, py: number, qx: number, qy: number): number =>
      (x - qx) * (py - qy) - (px - qx) * (y - qy);
    const d1 = side(ax, ay, bx, by);
    const d2 = side(bx, by, cx, cy);
    const d3 = side(cx, cy, ax, ay);
    return (d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0) ? null : colour;
  };
const exclamation = (top: number, bottom: number, colour: Rgba): Layer[] => [
  box(0.44, top, 0.56, bottom, colour),
  disc(0.5, bottom + 0.12, 0.065, colour),
];
const roundedSquare =
  (radius: number, colour: Rgba): Layer =>
  (x, y) => {
    const dx = Math.max(radius - x, x - (1 - radius), 0);
    const dy = Math.max(radius - y, y - (1 - radius), 0);
    return dx * dx + dy * dy <= radius * radius ? colour : null;
  };

const trayLayers: Record<TrayIconName, Layer[]> = {
  clear: [disc(0.5, 0.5, 0.44, colours.clear), disc(0.5, 0.5, 0.16, white)],
  major: [triangle(colours.major), ...exclamation(0.36, 0.64, white)],
  critical: [disc(0.5, 0.5, 0.46, colours.critical), ...exclamation(0.2, 0.56, white)],
  offline: [ring(0.44, 0.13, colours.offline)],
};
const appLayers: Layer[] = [
  roundedSquare(0.22, [47, 111, 237, 255]),
  ring(0.32, 0.07, white),
  disc(0.5, 0.5, 0.1, white),
];

/** 4x4 supersampling for smooth edges; later layers paint over earlier ones. */
function rasterize(layers: Layer[], size: number): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour: Rgba = [0, 0, 0, 0];
          for (const layer of layers) colour = layer(x, y) ?? colour;
          for (let c = 0; c < 3; c++) sum[c]! += colour[c]! * colour[3];
          sum[3]! += colour[3];
        }
      }
      const offset = (py * size + px) * 4;
      const alpha = sum[3]!;
      for (let c = 0; c < 3; c++) pixels[offset + c] = alpha === 0 ? 0 : Math.round(sum[c]! / alpha);
      pixels[offset + 3] = Math.round(alpha / (samples * samples));
    }
  }
  return pixels;
}

function png(pixels: Buffer, size: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function write(path: string, layers: Layer[], size: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png(rasterize(layers, size), size));
}

const resources = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
for (const name of trayIconNames) {
  write(join(resources, 'tray', `tray-${name}.png`), trayLayers[name], 16);
  write(join(resources, 'tray', `tray-${name}@2x.png`), trayLayers[name], 32);
}
write(join(resources, 'icon.png'), appLayers, 512);
for (const size of [16, 32, 48, 64, 128, 256, 512])
  write(join(resources, 'icons', `${size}x${size}.png`), appLayers, size);
process.stdout.write(`icons written to ${resources}\n`);
