/** The output folder: what it may not be, and one build at a time writing to it. */
import path from 'node:path';
import { EXIT, LecternError, usageError } from '../errors.js';
import { isInside } from '../util/paths.js';
import type { Config } from '../config.js';

/** An out folder that is the project itself, or holds outlines, would mix outputs with the lecturer's files. */
export function checkOutDir(outDir: string, projectRoots: string[], outlines: string[]): void {
  if (projectRoots.some((r) => path.resolve(r) === outDir)) {
    throw usageError(`the output folder ${outDir} is the project folder itself`, 'write outputs to a folder of their own, e.g. --out out');
  }
  const within = outlines.find((o) => isInside(o, outDir));
  if (within) throw usageError(`the output folder ${outDir} contains the outline ${within}`, 'write outputs to a folder of their own, e.g. --out out');
}

/**
 * One build at a time per out folder: a second one waits (up to a minute)
 * for the first to finish instead of interleaving writes. A lock left by a
 * process that no longer exists is taken over.
 */
export async function lockOutDir(outDir: string): Promise<() => Promise<void>> {
  const { mkdir, open, readFile, rm, rmdir } = await import('node:fs/promises');
  const file = path.join(outDir, '.lectern', 'build.lock');
  await mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await rm(file, { force: true });
        // The folder held only the lock when the cache is elsewhere (cache_dir): the out folder is left as the build wrote it.
        await rmdir(path.dirname(file)).catch(() => undefined);
      };
    } catch (err) {
      // Another build's release removed the folder just now.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        await mkdir(path.dirname(file), { recursive: true });
        continue;
      }
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      const alive =
        pid > 0 &&
        pid !== process.pid &&
        (() => {
          try {
            process.kill(pid, 0);
            return true;
          } catch {
            return false;
          }
        })();
      if (!alive && pid !== process.pid) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new LecternError(
          {
            severity: 'error',
            code: 'build/busy',
            message: `another build (pid ${pid}) is writing to ${outDir}`,
            hint: 'wait for it to finish, or use another --out folder',
          },
          EXIT.environment,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The cache folder: `cache_dir` from the command line or the course (given,
 * relative to the working folder or course.yaml, resolved by the caller),
 * else the config's (relative to it), else OUT/.lectern. It is independent of
 * the out folder so that CI can save and restore it between runs and share it
 * between shards.
 */
export function cacheDirOf(outDir: string, config: Config, given?: string): string {
  if (given) return path.resolve(given);
  if (config.data.cache_dir) return config.resolve(config.data.cache_dir);
  return path.join(outDir, '.lectern');
}
