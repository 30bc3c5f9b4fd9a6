/**
 * The course page's script (runtime/search.ts with MiniSearch and the
 * stemmers) as one string to inline into out/index.html. Installed packages
 * carry it prebuilt (dist/course/search.bundle.js, made by `npm run build`);
 * running from source (tests), it is bundled on the fly.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FROM_SOURCE, PACKAGE_ROOT } from '../version.js';

export const PREBUILT_SCRIPT = path.join('dist', 'course', 'search.bundle.js');

let cached: string | undefined;

export async function searchScript(): Promise<string> {
  if (cached !== undefined) return cached;
  const prebuilt = path.join(PACKAGE_ROOT, PREBUILT_SCRIPT);
  let code: string;
  if (existsSync(prebuilt) && !FROM_SOURCE) {
    code = readFileSync(prebuilt, 'utf8');
  } else {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [path.join(PACKAGE_ROOT, 'src', 'course', 'runtime', 'search.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
    });
    code = result.outputFiles[0]!.text;
  }
  // Never let the script close its own <script> element.
  cached = code.replace(/<\/script/gi, '<\\/script');
  return cached;
}

/** The CSP source that admits exactly this inline script. */
export function scriptHash(code: string): string {
  return `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
}
