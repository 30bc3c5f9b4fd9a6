// Bundles the deck's browser scripts (src/render/runtime/*.ts) into dist/render/runtime/.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';

const entries = readdirSync('src/render/runtime').filter((f) => f.endsWith('.ts')).map((f) => `src/render/runtime/${f}`);
await build({ entryPoints: entries, bundle: true, outdir: 'dist/render/runtime', format: 'iife', target: 'es2020', minify: true, legalComments: 'none' });
