/** Running the `lectern` command in-process, as a user would type it, capturing what it prints. */
import { main } from '../../src/cli/main.js';

export async function runCli(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}
