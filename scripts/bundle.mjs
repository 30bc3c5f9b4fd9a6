// `npm run build`, after tsc: the bundles.
// - dist/render/runtime/*.js: the deck's browser scripts (src/render/runtime/*.ts), inlined into out/NAME.html.
// - dist/bundle/: the command line as a few ES modules, with its dependencies
//   inside. Node then reads and compiles a few files instead of several hundred
//   (marp-core, puppeteer-core, pdf-lib, TypeBox…): a cold `lectern build`
//   starts about a second sooner. The heavy parts stay in chunks of their own,
//   loaded only when a build needs them (split at the dynamic imports).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const entries = readdirSync('src/render/runtime')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `src/render/runtime/${f}`);
await build({ entryPoints: entries, bundle: true, outdir: 'dist/render/runtime', format: 'iife', target: 'es2020', minify: true, legalComments: 'none' });
// - dist/course/search.bundle.js: the course page's search (src/course/runtime/search.ts), inlined into out/index.html.
await build({
  entryPoints: ['src/course/runtime/search.ts'],
  bundle: true,
  outfile: 'dist/course/search.bundle.js',
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
});

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts', early: 'src/cli/early.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: { js: "import { createRequire as __lecternRequire } from 'node:module'; const require = __lecternRequire(import.meta.url);" },
  external: [
    // Only when running from source (tests): bundles the deck script on the fly.
    'esbuild',
    // pdf.js loads its worker, fonts and character maps from its own package folder.
    'pdfjs-dist',
    // ws's optional native speed-ups.
    'bufferutil',
    'utf-8-validate',
  ],
  logLevel: 'warning',
});
