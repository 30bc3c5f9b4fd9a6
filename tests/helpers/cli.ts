/** Running the `lectern` command in-process, as a user would type it, capturing what it prints. */
import { main } from '../../src/cli/main.js';

export async function runCli(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** Running `bin/lectern.js` in a process of its own (its own Chromium, as a user gets); how long it took. */
export async function runBin(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; err: string; ms: number }> {
  const { spawn } = await import('node:child_process');
  const path = await import('node:path');
  const { ROOT } = await import('./project.js');
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/lectern.js'), ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, err, ms: Date.now() - started };
}
