/**
 * Images are embedded in the deck as data URLs (the HTML must work offline
 * from one file), after checking that they are what they claim to be: a
 * missing, empty, corrupt or huge file, or an SVG that could run script or
 * fetch something, is an error at the outline's line.
 */
import { readFileSync, statSync } from 'node:fs';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const SIGNATURES: Array<{ type: string; test: (b: Buffer) => boolean }> = [
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** What an SVG may not contain: script, event handlers, external references. */
const SVG_DANGER =
  /<script\b|\son[a-z]+\s*=|javascript:|<foreignObject\b|(?:href|src)\s*=\s*["']?\s*(?!#|data:image\/)[a-z][a-z0-9+.-]*:|@import|url\(\s*["']?(?!#|data:)[a-z][a-z0-9+.-]*:/i;

/** A cheap structural check beyond the signature: chunks, markers, sizes. */
function wellFormed(type: string, b: Buffer): boolean {
  switch (type) {
    case 'image/png': {
      // Chunks from byte 8: IHDR first, IEND last, every length within the file.
      let at = 8;
      let first = true;
      while (at + 12 <= b.length) {
        const length = b.readUInt32BE(at);
        const name = b.subarray(at + 4, at + 8).toString('latin1');
        if (first && name !== 'IHDR') return false;
        first = false;
        if (!/^[A-Za-z]{4}$/.test(name) || at + 12 + length > b.length) return false;
        if (name === 'IEND') return true;
        at += 12 + length;
      }
      return false;
    }
    case 'image/jpeg': {
      let end = b.length;
      while (end > 2 && b[end - 1] === 0) end--;
      return b[end - 2] === 0xff && b[end - 1] === 0xd9;
    }
    case 'image/gif':
      return b.length > 13 && b[b.length - 1] === 0x3b;
    case 'image/webp':
      return b.readUInt32LE(4) + 8 === b.length || b.readUInt32LE(4) + 9 === b.length;
    default:
      return true;
  }
}

export class ImageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function embedImage(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new ImageError(`image is not a file: ${file}`);
    size = st.size;
  } catch (err) {
    if (err instanceof ImageError) throw err;
    throw new ImageError(`image not found: ${file}`, 'the path is relative to the outline that names it');
  }
  if (size === 0) throw new ImageError(`image is empty: ${file}`);
  if (size > MAX_IMAGE_BYTES)
    throw new ImageError(
      `image is too large (${(size / 1048576).toFixed(1)} MB, limit ${MAX_IMAGE_BYTES / 1048576} MB): ${file}`,
      'scale it down or compress it',
    );
  const bytes = readFileSync(file);
  const known = SIGNATURES.find((s) => s.test(bytes));
  if (known) {
    if (!wellFormed(known.type, bytes))
      throw new ImageError(
        `corrupt ${known.type.slice(6).toUpperCase()} image (it starts like one, but its structure is broken): ${file}`,
        'export the image again',
      );
    return `data:${known.type};base64,${bytes.toString('base64')}`;
  }
  const head = bytes.subarray(0, 1024).toString('utf8');
  if (/<svg[\s>]/i.test(head) || /^\s*<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg/i.test(head)) {
    const text = bytes.toString('utf8');
    if (SVG_DANGER.test(text))
      throw new ImageError(
        `SVG image contains script, event handlers or external references: ${file}`,
        'remove them (an image must be static and self-contained)',
      );
    return `data:image/svg+xml;base64,${bytes.toString('base64')}`;
  }
  throw new ImageError(`not a PNG, JPEG, GIF, WebP or SVG image (or a corrupt one): ${file}`);
}
