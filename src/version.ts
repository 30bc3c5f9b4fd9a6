import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Lectern's own folder (where package.json, templates/ and schema/ are),
 * found by walking up from this module: the same answer from src/ (tests),
 * dist/ (the library) and dist/bundle/ (the command line).
 */
export const PACKAGE_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'lectern') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`Lectern's package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
})();

/** Lectern's version, from its package.json (part of every cache key). */
export const VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** True when running the TypeScript sources (tests) rather than the built package. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');
