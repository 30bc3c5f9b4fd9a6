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
const SVG_DANGER = /<script\b|\son[a-z]+\s*=|javascript:|<foreignObject\b|(?:href|src)\s*=\s*["']?\s*(?!#|data:image\/)[a-z][a-z0-9+.-]*:|@import|url\(\s*["']?(?!#|data:)[a-z][a-z0-9+.-]*:/i;

export class ImageError extends Error {
  constructor(message: string, readonly hint?: string) {
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
  if (size > MAX_IMAGE_BYTES) throw new ImageError(`image is too large (${(size / 1048576).toFixed(1)} MB, limit ${MAX_IMAGE_BYTES / 1048576} MB): ${file}`, 'scale it down or compress it');
  const bytes = readFileSync(file);
  const known = SIGNATURES.find((s) => s.test(bytes));
  if (known) return `data:${known.type};base64,${bytes.toString('base64')}`;
  const head = bytes.subarray(0, 1024).toString('utf8');
  if (/<svg[\s>]/i.test(head) || /^\s*<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg/i.test(head)) {
    const text = bytes.toString('utf8');
    if (SVG_DANGER.test(text)) throw new ImageError(`SVG image contains script, event handlers or external references: ${file}`, 'remove them (an image must be static and self-contained)');
    return `data:image/svg+xml;base64,${bytes.toString('base64')}`;
  }
  throw new ImageError(`not a PNG, JPEG, GIF, WebP or SVG image (or a corrupt one): ${file}`);
}
