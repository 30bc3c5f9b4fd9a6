import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import { DEFAULT_TEMPLATES, listFiles } from './template-files.js';

/** `lectern templates eject`: copy the default templates and themes to start from. Never overwrites. */
export async function ejectTemplates(dir: string): Promise<string[]> {
  const files = await listFiles(DEFAULT_TEMPLATES);
  const clashes = files.filter((f) => existsSync(path.join(dir, f)));
  if (clashes.length)
    throw inputError(
      'templates/exists',
      `${dir} already has ${clashes.slice(0, 5).join(', ')}${clashes.length > 5 ? ', …' : ''}`,
      { file: path.join(dir, clashes[0]!) },
      'eject into an empty folder',
    );
  await cp(DEFAULT_TEMPLATES, dir, { recursive: true, errorOnExist: true, force: false });
  return files;
}
