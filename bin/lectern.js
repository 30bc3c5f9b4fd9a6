#!/usr/bin/env node
// The bundled command line (dist/bundle, made by `npm run build`) starts in
// about half the time of the separate modules in dist/.
import { main } from '../dist/bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
