/** Where Lectern keeps what it can make again (extracted documents, parsed bibliographies): $LECTERN_CACHE_DIR, else $XDG_CACHE_HOME/lectern, else ~/.cache/lectern. */
import os from 'node:os';
import path from 'node:path';

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LECTERN_CACHE_DIR) return path.resolve(env.LECTERN_CACHE_DIR);
  return path.join(env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache'), 'lectern');
}
