#!/usr/bin/env node
// The bundled command line (dist/bundle, made by `npm run build`) starts in
// about half the time of the separate modules in dist/. For `lectern build`,
// Chromium is started first, while the rest loads (src/cli/early.ts).
import { finishEarly, startEarly } from '../dist/bundle/early.js';

startEarly(process.argv.slice(2));
try {
  const { main } = await import('../dist/bundle/main.js');
  process.exitCode = await main(process.argv.slice(2));
} finally {
  await finishEarly();
}
