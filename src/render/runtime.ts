/**
 * Browser scripts as one string to inline into a page: the deck's
 * (src/render/runtime/deck.ts → out/NAME.html) and the course page's search
 * (src/course/runtime/search.ts → out/index.html). Installed packages carry
 * them prebuilt (dist/…, made by `npm run build`: scripts/bundle.mjs);
 * running from source (tests), they are bundled on the fly, once per run.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FROM_SOURCE, PACKAGE_ROOT } from '../version.js';

const cache = new Map<string, string>();

/** The script bundled from `entry` (relative to the package), or its prebuilt copy `prebuilt`. */
export async function inlineScript(entry: string, prebuilt: string): Promise<string> {
  const hit = cache.get(entry);
  if (hit !== undefined) return hit;
  const built = path.join(PACKAGE_ROOT, prebuilt);
  let code: string;
  if (existsSync(built) && !FROM_SOURCE) {
    code = readFileSync(built, 'utf8');
  } else {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [path.join(PACKAGE_ROOT, entry)],
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
  code = code.replace(/<\/script/gi, '<\\/script');
  cache.set(entry, code);
  return code;
}

/** The deck's browser script. */
export function runtimeScript(name = 'deck'): Promise<string> {
  return inlineScript(path.join('src', 'render', 'runtime', `${name}.ts`), path.join('dist', 'render', 'runtime', `${name}.js`));
}
