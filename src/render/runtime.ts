/**
 * The deck's browser script, as one string to inline into out/NAME.html.
 * Installed packages carry it prebuilt (dist/render/runtime/deck.js, made by
 * `npm run build`); running from source (tests), it is bundled on the fly.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FROM_SOURCE, PACKAGE_ROOT } from '../version.js';

const cache = new Map<string, string>();

export async function runtimeScript(name = 'deck'): Promise<string> {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const prebuilt = path.join(PACKAGE_ROOT, 'dist', 'render', 'runtime', `${name}.js`);
  let code: string;
  if (existsSync(prebuilt) && !FROM_SOURCE) {
    code = readFileSync(prebuilt, 'utf8');
  } else {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [path.join(PACKAGE_ROOT, 'src', 'render', 'runtime', `${name}.ts`)],
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
  cache.set(name, code);
  return code;
}
