/**
 * Where the default templates live and how template folders are listed:
 * shared by the composer and `lectern templates eject` (which must not load
 * Handlebars).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

export const DEFAULT_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

/** Every file below dir, as paths relative to it ("layouts/quote.hbs"); a missing folder lists nothing. */
export async function listFiles(dir: string, rel = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, r)));
    else if (e.isFile()) out.push(r);
  }
  return out;
}
