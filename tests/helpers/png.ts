/** Reading PNG files back: the size from the header, and the pixels (8-bit RGB or RGBA, not interlaced) for checks such as "not blank". */
import { inflateSync } from 'node:zlib';

export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(bytes);
  if (!b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  if (b.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The image's gray levels (0-255), one per pixel, row by row. */
export function pngGray(bytes: Uint8Array): { width: number; height: number; gray: Uint8Array } {
  const b = Buffer.from(bytes);
  const { width, height } = pngSize(b);
  const depth = b[24];
  const colour = b[25];
  const interlace = b[28];
  if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour})`);
  const channels = colour === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let at = 8; at + 12 <= b.length;) {
    const length = b.readUInt32BE(at);
    const name = b.subarray(at + 4, at + 8).toString('latin1');
    if (name === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + length));
    if (name === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const up = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      const v = line[x]!;
      let r: number;
      if (filter === 0) r = v;
      else if (filter === 1) r = v + a;
      else if (filter === 2) r = v + up;
      else if (filter === 3) r = v + ((a + up) >> 1);
      else {
        const p = a + up - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - c);
        r = v + (pa <= pb && pa <= pc ? a : pb <= pc ? up : c);
      }
      out[y * stride + x] = r & 0xff;
    }
  }
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round((out[i * channels]! + out[i * channels + 1]! + out[i * channels + 2]!) / 3);
  return { width, height, gray };
}

/** Variance of the gray levels: 0 for an image of one colour. */
export function grayVariance(gray: Uint8Array): number {
  let sum = 0;
  for (const g of gray) sum += g;
  const mean = sum / gray.length;
  let sq = 0;
  for (const g of gray) sq += (g - mean) ** 2;
  return sq / gray.length;
}
