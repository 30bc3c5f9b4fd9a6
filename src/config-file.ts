/** Where the project config is: the working folder or the nearest folder above it (no YAML here: the command line's early start looks too). */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CONFIG_FILE = 'lectern.config.yaml';

export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
