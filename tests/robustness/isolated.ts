/**
 * Runs one `lectern` command in a process of its own, for corpus cases marked
 * `"isolate": true`: a build that hangs in synchronous code cannot be stopped
 * in the test's process, but this one can be killed when its budget is spent.
 *
 *   vite-node tests/robustness/isolated.ts RESULT.json CWD ARG...
 *
 * Prints "ready" when main() starts, and writes {exit, out, err, ms, polluted}
 * to RESULT.json when the command ends.
 */
import { writeFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';

const [resultFile, cwd, ...args] = process.argv.slice(2);
if (!resultFile || !cwd) throw new Error('usage: isolated.ts RESULT.json CWD ARG...');
// The parent starts the budget's clock now.
process.stdout.write('ready\n');
let out = '';
let err = '';
const started = performance.now();
const exit = await main(args, { cwd, out: (s) => (out += s), err: (s) => (err += s) });
const ms = performance.now() - started;
writeFileSync(resultFile, JSON.stringify({ exit, out, err, ms, polluted: ({} as Record<string, unknown>).polluted !== undefined }));
