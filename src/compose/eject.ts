import { existsSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputError } from '../errors.js';

const DEFAULT_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, r)));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/** `lectern templates eject`: copy the default templates and themes to start from. Never overwrites. */
export async function ejectTemplates(dir: string): Promise<string[]> {
  const files = await listFiles(DEFAULT_TEMPLATES);
  const clashes = files.filter((f) => existsSync(path.join(dir, f)));
  if (clashes.length) throw inputError('templates/exists', `${dir} already has ${clashes.slice(0, 5).join(', ')}${clashes.length > 5 ? ', …' : ''}`, { file: path.join(dir, clashes[0]!) }, 'eject into an empty folder');
  await cp(DEFAULT_TEMPLATES, dir, { recursive: true, errorOnExist: true, force: false });
  return files;
}
